package dev.plenum.media.sdp;

import java.util.Optional;

/** The media direction attributes of RFC 8866 §6.7, from the point of view of the side that wrote them. */
public enum Direction {
    SENDRECV("sendrecv"), SENDONLY("sendonly"), RECVONLY("recvonly"), INACTIVE("inactive");

    private final String attribute;

    Direction(String attribute) {
        this.attribute = attribute;
    }

    /** The attribute name as written in SDP, e.g. {@code sendonly}. */
    public String attribute() {
        return attribute;
    }

    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    /** The same stream seen from the other side: sendonly becomes recvonly and back. */
    public Direction reversed() {
        return switch (this) {
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            default -> this;
        };
    }

    /**
     * Whether an answer with this direction is a legal reply to an offer with {@code offered}: RFC 8829 §5.3.1 and
     * RFC 3264 §6.1 let the answerer send only what the offerer receives and receive only what it sends.
     */
    public boolean isLegalAnswerTo(Direction offered) {
        return (!sends() || offered.receives()) && (!receives() || offered.sends());
    }

    static Optional<Direction> fromAttribute(String name) {
        for (Direction d : values()) {
            if (d.attribute.equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
