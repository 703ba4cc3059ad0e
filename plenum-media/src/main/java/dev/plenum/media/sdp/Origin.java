package dev.plenum.media.sdp;

/**
 * The {@code o=} line (RFC 8866 §5.2). Session id and version are kept as the decimal strings written, since peers may
 * use values beyond 63 bits; JSEP (RFC 8829 §5.2.1) requires the version to grow with each new offer.
 */
public record Origin(String username, String sessionId, String sessionVersion, String netType, String addrType,
                     String address) {
}
