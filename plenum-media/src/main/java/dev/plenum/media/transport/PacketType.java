package dev.plenum.media.transport;

/**
 * What a packet arriving on the media port is, decided by {@link PacketClassifier} from its first bytes.
 *
 * <p>Each type carries the shortest length a well-formed packet of that type can have; the
 * {@link Demultiplexer} drops shorter ones as {@link DropReason#MALFORMED} before any handler sees them.
 */
public enum PacketType {
    /** STUN message (RFC 8489 §5): 20-byte header. */
    STUN(20),
    /** DTLS record (RFC 6347 §4.1): 13-byte record header. */
    DTLS(13),
    /** RTP packet (RFC 3550 §5.1): 12-byte fixed header. */
    RTP(12),
    /** RTCP packet (RFC 3550 §6.4): an empty receiver report is 8 bytes. */
    RTCP(8),
    /** Anything else (ZRTP, TURN channel data, QUIC, garbage): never processed. */
    UNCLASSIFIED(0);

    private final int minimumLength;

    PacketType(int minimumLength) {
        this.minimumLength = minimumLength;
    }

    /** The shortest well-formed packet of this type, in bytes. */
    public int minimumLength() {
        return minimumLength;
    }
}
