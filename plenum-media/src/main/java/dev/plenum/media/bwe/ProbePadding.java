package dev.plenum.media.bwe;

import dev.plenum.media.rtp.RtpExtensions;
import io.netty.buffer.ByteBuf;

/**
 * A padding-only RTP packet for probing: the P bit set and no payload, only padding whose last octet counts it
 * (RFC 3550 §5.1), sent on a leg's RTX SSRC with the RTX payload type and the next RTX sequence number, as libwebrtc
 * probes (RFC 4588 streams may carry padding; the receiver counts the packet for transport-wide feedback and discards
 * it). Its one header extension is the transport-wide sequence number slot (RFC 8285, one-byte form for ids 1–14,
 * two-byte form above), which the transport fills in as the packet leaves.
 */
public final class ProbePadding {
    /** The most padding one packet carries (the count is one octet). */
    public static final int MAX_PADDING = 255;
    /** Header (12) and the extension block (8): the packet is this plus the padding. */
    public static final int HEADER_BYTES = 20;

    private ProbePadding() {
    }

    /** Writes the packet at the writer index; {@code padding} is 1..255 octets. */
    public static void write(ByteBuf out, int payloadType, long ssrc, int sequence, long timestamp,
            int transportCcId, int padding) {
        if (padding < 1 || padding > MAX_PADDING || transportCcId < 1 || transportCcId > 255) {
            throw new IllegalArgumentException("padding 1..255 and an extension id 1..255 needed");
        }
        out.writeByte(0x80 | 0x20 | 0x10); // V=2, P, X
        out.writeByte(payloadType & 0x7F);
        out.writeShort(sequence);
        out.writeInt((int) timestamp);
        out.writeInt((int) ssrc);
        if (transportCcId <= 14) {
            out.writeShort(RtpExtensions.ONE_BYTE_PROFILE).writeShort(1);
            out.writeByte(transportCcId << 4 | 1).writeShort(0).writeByte(0);
        } else {
            out.writeShort(RtpExtensions.TWO_BYTE_PROFILE).writeShort(1);
            out.writeByte(transportCcId).writeByte(2).writeShort(0);
        }
        out.writeZero(padding - 1);
        out.writeByte(padding);
    }
}
