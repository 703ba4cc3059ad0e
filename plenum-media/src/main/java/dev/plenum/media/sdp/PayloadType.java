package dev.plenum.media.sdp;

import java.util.List;
import java.util.Optional;

/**
 * One RTP payload type of an m-line with what the attributes say about it: {@code a=rtpmap}, {@code a=fmtp} (raw
 * parameters) and every {@code a=rtcp-fb} value (RFC 4585 §4.2), in order.
 */
public record PayloadType(int number, Optional<RtpMap> rtpMap, Optional<String> fmtp, List<String> rtcpFeedback) {
    public PayloadType {
        rtcpFeedback = List.copyOf(rtcpFeedback);
    }

    /** The encoding name in lower case, or empty when there is no rtpmap. */
    public String encodingNameLowerCase() {
        return rtpMap.map(m -> m.encodingName().toLowerCase(java.util.Locale.ROOT)).orElse("");
    }
}
