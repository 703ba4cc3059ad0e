package dev.plenum.media.transport;

import io.netty.buffer.ByteBuf;

/**
 * First-byte demultiplexing of the media port, RFC 7983 §7.
 *
 * <pre>
 *   first byte   0..3    → STUN
 *               16..19   → ZRTP            (dropped: not used by WebRTC)
 *               20..63   → DTLS
 *               64..79   → TURN channel    (dropped: Plenum is ICE-lite, never a TURN server)
 *              128..191  → RTP or RTCP     (version 2); RTCP when the second byte is 192..223, RFC 5761 §4
 *              otherwise → UNCLASSIFIED
 * </pre>
 *
 * <p>RFC 5761 §4: with rtcp-mux, RTCP packet types 192..223 occupy the second byte where RTP has the marker bit and
 * payload type; RTP payload types 64..95 are therefore not used, and a second byte in 192..223 means RTCP.
 *
 * <p>Pure and static: reads at most two bytes, never moves indexes, allocates nothing. Safe from any thread.
 */
public final class PacketClassifier {

    private PacketClassifier() {
    }

    /**
     * Classifies the packet {@code packet.readerIndex()..writerIndex()} without changing its indexes. An empty
     * packet is {@link PacketType#UNCLASSIFIED}; an RTP-range packet of one byte is classified as RTP (its length
     * is then checked against {@link PacketType#minimumLength()} by the caller).
     */
    public static PacketType classify(ByteBuf packet) {
        int readable = packet.readableBytes();
        if (readable == 0) {
            return PacketType.UNCLASSIFIED;
        }
        int index = packet.readerIndex();
        int first = packet.getUnsignedByte(index);
        int second = readable >= 2 ? packet.getUnsignedByte(index + 1) : 0;
        return classify(first, second);
    }

    /**
     * Classifies by the first two bytes of a packet, each given as 0..255 (the second is only looked at in the
     * RTP/RTCP range; pass 0 when the packet has one byte).
     */
    public static PacketType classify(int firstByte, int secondByte) {
        if (firstByte >= 0 && firstByte <= 3) {
            return PacketType.STUN;
        }
        if (firstByte >= 20 && firstByte <= 63) {
            return PacketType.DTLS;
        }
        if (firstByte >= 128 && firstByte <= 191) {
            return secondByte >= 192 && secondByte <= 223 ? PacketType.RTCP : PacketType.RTP;
        }
        return PacketType.UNCLASSIFIED;
    }
}
