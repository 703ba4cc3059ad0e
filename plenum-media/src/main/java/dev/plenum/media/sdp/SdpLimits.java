package dev.plenum.media.sdp;

/**
 * Bounds on an SDP text from an untrusted peer. They keep the parser's work and memory proportional to small numbers
 * whatever the input: a real Chromium answer for a large meeting is a few KiB, one m-section per track.
 *
 * @param maxLength        maximum length of the whole text in characters (SDP is ASCII in practice)
 * @param maxMediaSections maximum number of m-sections
 * @param maxLineLength    maximum length of one line in characters, without its line terminator
 */
public record SdpLimits(int maxLength, int maxMediaSections, int maxLineLength) {
    /** 64 KiB, 64 m-sections, 4096 characters per line. */
    public static final SdpLimits DEFAULT = new SdpLimits(64 * 1024, 64, 4096);

    public SdpLimits {
        if (maxLength < 1 || maxMediaSections < 1 || maxLineLength < 1) {
            throw new IllegalArgumentException("SDP limits must be positive: " + maxLength + ", " + maxMediaSections
                    + ", " + maxLineLength);
        }
    }
}
