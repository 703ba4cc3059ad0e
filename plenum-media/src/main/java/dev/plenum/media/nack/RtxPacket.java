package dev.plenum.media.nack;

import dev.plenum.media.rtp.RtpHeader;
import io.netty.buffer.ByteBuf;

/**
 * The RTX payload format (RFC 4588 §4): a retransmission travels on its own SSRC with its own sequence numbers and
 * payload type, and carries the original sequence number (OSN) in the first two octets of its payload, followed by
 * the original payload. The header otherwise stays the original's: timestamp, marker, CSRCs, header extensions.
 * <pre>
 *   original:  [ header (seq, PT, SSRC) ][ payload ][ padding ]
 *   RTX:       [ header (rtx seq, rtx PT, rtx SSRC) ][ OSN ][ payload ][ padding ]
 * </pre>
 * Both directions work in place on the packet view readerIndex..writerIndex: {@link #wrap} moves the header two
 * octets towards the front (the buffer needs that much headroom before the reader index), {@link #unwrap} moves it two
 * octets back. Allocates nothing.
 */
public final class RtxPacket {
    private RtxPacket() {
    }

    /**
     * Turns the original packet into its RTX retransmission (RFC 4588 §4): inserts the OSN before the payload and sets
     * the RTX payload type, SSRC and sequence number. Returns false, changing nothing, when the packet is not valid RTP
     * or the buffer has less than two octets of headroom.
     */
    public static boolean wrap(ByteBuf packet, int rtxPayloadType, long rtxSsrc, int rtxSequence) {
        int off = packet.readerIndex();
        int len = packet.readableBytes();
        if (off < 2 || !RtpHeader.isValid(packet, off, len)) return false;
        int header = RtpHeader.headerLength(packet, off, len);
        int osn = RtpHeader.sequenceNumber(packet, off);
        for (int i = 0; i < header; i++) packet.setByte(off - 2 + i, packet.getByte(off + i));
        int start = off - 2;
        packet.setShort(start + header, osn);
        packet.readerIndex(start);
        RtpHeader.setPayloadType(packet, start, rtxPayloadType);
        RtpHeader.setSequenceNumber(packet, start, rtxSequence);
        RtpHeader.setSsrc(packet, start, rtxSsrc);
        return true;
    }

    /** The OSN of an RTX packet, or -1 when it is not valid RTP or carries no OSN (e.g. padding only). */
    public static int originalSequenceNumber(ByteBuf packet) {
        int off = packet.readerIndex();
        int len = packet.readableBytes();
        if (!RtpHeader.isValid(packet, off, len) || RtpHeader.payloadLength(packet, off, len) < 2) return -1;
        return packet.getUnsignedShort(off + RtpHeader.headerLength(packet, off, len));
    }

    /**
     * Restores the original packet from its RTX retransmission (RFC 4588 §4): the OSN becomes the sequence number,
     * the original payload type and SSRC are set, and the OSN is removed. Returns false, changing nothing, when the
     * packet carries no OSN.
     */
    public static boolean unwrap(ByteBuf packet, int originalPayloadType, long originalSsrc) {
        int osn = originalSequenceNumber(packet);
        if (osn < 0) return false;
        int off = packet.readerIndex();
        int header = RtpHeader.headerLength(packet, off, packet.readableBytes());
        for (int i = header - 1; i >= 0; i--) packet.setByte(off + 2 + i, packet.getByte(off + i));
        int start = off + 2;
        packet.readerIndex(start);
        RtpHeader.setPayloadType(packet, start, originalPayloadType);
        RtpHeader.setSequenceNumber(packet, start, osn);
        RtpHeader.setSsrc(packet, start, originalSsrc);
        return true;
    }
}
