package dev.plenum.media.sdp;

/**
 * An {@code a=msid} value (RFC 8830 §2): the MediaStream id and the track id ("appdata"), empty when absent. Chromium
 * writes {@code -} as stream id for a track without a stream.
 */
public record Msid(String streamId, String trackId) {
    /** As written in SDP: {@code streamId trackId}, or the stream id alone. */
    public String value() {
        return trackId.isEmpty() ? streamId : streamId + " " + trackId;
    }
}
