package dev.plenum.media.bwe;

/** What the overuse detector concludes from the delay trend (draft-ietf-rmcat-gcc-02 §5.4). */
public enum BandwidthUsage {
    NORMAL, OVERUSING, UNDERUSING
}
