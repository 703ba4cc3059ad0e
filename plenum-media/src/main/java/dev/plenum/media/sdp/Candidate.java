package dev.plenum.media.sdp;

import java.util.Optional;

/**
 * An {@code a=candidate} line (RFC 8839 §5.1). The transport is kept lower case; {@code tcpType} is the RFC 6544
 * {@code tcptype} extension. Related addresses and other extensions are not kept.
 */
public record Candidate(String foundation, int component, String transport, long priority, String address, int port,
                        String type, Optional<String> tcpType) {

    /** The attribute value, without the {@code candidate:} prefix. */
    public String value() {
        return foundation + " " + component + " " + transport + " " + priority + " " + address + " " + port + " typ "
                + type + tcpType.map(t -> " tcptype " + t).orElse("");
    }
}
