package dev.plenum.media.sdp;

/** What an SSRC carries, from the {@code a=ssrc-group} lines (RFC 5576 §4.2, RFC 4588 §8, RFC 5956 §4.3). */
public enum SsrcRole {
    /** Original media: a lone SSRC, the first of an FID pair, or a simulcast layer. */
    PRIMARY,
    /** Retransmissions of {@link RemoteSsrc#primarySsrc()} (second of an FID pair). */
    RTX,
    /** Forward error correction for {@link RemoteSsrc#primarySsrc()} (second of an FEC-FR pair). */
    FEC
}
