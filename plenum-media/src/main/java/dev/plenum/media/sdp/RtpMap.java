package dev.plenum.media.sdp;

/**
 * An {@code a=rtpmap} value (RFC 8866 §6.6): encoding name as written (e.g. {@code opus}, {@code VP8}), clock rate,
 * and channel count, which is 1 when the encoding parameters are absent.
 */
public record RtpMap(String encodingName, int clockRate, int channels) {
}
