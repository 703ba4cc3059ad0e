package dev.plenum.media.rtp;

import io.netty.buffer.ByteBuf;

/**
 * Zero-allocation accessors over an RTP packet held in a {@link ByteBuf} at absolute index {@code off}, spanning
 * {@code len} bytes (RFC 3550 §5.1).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * |                           timestamp                           |
 * |           synchronization source (SSRC) identifier            |
 * |            contributing source (CSRC) identifiers  ...        |
 * </pre>
 *
 * <p>Call {@link #isValid(ByteBuf, int, int)} once per packet; the fixed-field accessors then read only the first
 * 12 bytes, and the length-dependent ones ({@link #headerLength}, {@link #payloadOffset}, {@link #payloadLength})
 * return {@code -1} rather than read past {@code len}. Indices are absolute (never the reader index), so calls
 * neither move nor depend on the buffer's indices. SSRCs and timestamps are unsigned 32-bit values held in a long.
 */
public final class RtpHeader {

    /** Size of the fixed header (RFC 3550 §5.1). */
    public static final int FIXED_HEADER_LENGTH = 12;

    private RtpHeader() {}

    public static int version(ByteBuf buf, int off) {
        return (buf.getByte(off) >> 6) & 0x3;
    }

    public static boolean hasPadding(ByteBuf buf, int off) {
        return (buf.getByte(off) & 0x20) != 0;
    }

    public static boolean hasExtension(ByteBuf buf, int off) {
        return (buf.getByte(off) & 0x10) != 0;
    }

    public static int csrcCount(ByteBuf buf, int off) {
        return buf.getByte(off) & 0x0F;
    }

    public static boolean marker(ByteBuf buf, int off) {
        return (buf.getByte(off + 1) & 0x80) != 0;
    }

    public static int payloadType(ByteBuf buf, int off) {
        return buf.getByte(off + 1) & 0x7F;
    }

    public static int sequenceNumber(ByteBuf buf, int off) {
        return buf.getUnsignedShort(off + 2);
    }

    public static long timestamp(ByteBuf buf, int off) {
        return buf.getUnsignedInt(off + 4);
    }

    public static long ssrc(ByteBuf buf, int off) {
        return buf.getUnsignedInt(off + 8);
    }

    /** The i-th CSRC; the caller checks {@code i < csrcCount} on a valid packet. */
    public static long csrc(ByteBuf buf, int off, int i) {
        return buf.getUnsignedInt(off + FIXED_HEADER_LENGTH + 4 * i);
    }

    public static void setMarker(ByteBuf buf, int off, boolean marker) {
        int b = buf.getByte(off + 1) & 0x7F;
        buf.setByte(off + 1, marker ? b | 0x80 : b);
    }

    /** Rewrites the payload type, keeping the marker bit. */
    public static void setPayloadType(ByteBuf buf, int off, int payloadType) {
        buf.setByte(off + 1, (buf.getByte(off + 1) & 0x80) | (payloadType & 0x7F));
    }

    public static void setSequenceNumber(ByteBuf buf, int off, int sequenceNumber) {
        buf.setShort(off + 2, sequenceNumber);
    }

    public static void setTimestamp(ByteBuf buf, int off, long timestamp) {
        buf.setInt(off + 4, (int) timestamp);
    }

    public static void setSsrc(ByteBuf buf, int off, long ssrc) {
        buf.setInt(off + 8, (int) ssrc);
    }

    /**
     * Length of the header: fixed part, CSRC list and, when X is set, the extension header and its data
     * (RFC 3550 §5.3.1), or {@code -1} when that does not fit in {@code len}.
     */
    public static int headerLength(ByteBuf buf, int off, int len) {
        if (len < FIXED_HEADER_LENGTH) {
            return -1;
        }
        int h = FIXED_HEADER_LENGTH + 4 * csrcCount(buf, off);
        if (hasExtension(buf, off)) {
            if (h + 4 > len) {
                return -1;
            }
            h += 4 + 4 * buf.getUnsignedShort(off + h + 2);
        }
        return h <= len ? h : -1;
    }

    /** Absolute index of the payload, or {@code -1} when the header does not fit. */
    public static int payloadOffset(ByteBuf buf, int off, int len) {
        int h = headerLength(buf, off, len);
        return h < 0 ? -1 : off + h;
    }

    /** Number of padding octets at the end (RFC 3550 §5.1, P bit: count in the last octet), 0 without P. */
    public static int paddingLength(ByteBuf buf, int off, int len) {
        if (!hasPadding(buf, off) || len < 1) {
            return 0;
        }
        return buf.getUnsignedByte(off + len - 1);
    }

    /** Payload length without header and padding, or {@code -1} when the packet is malformed. */
    public static int payloadLength(ByteBuf buf, int off, int len) {
        int h = headerLength(buf, off, len);
        if (h < 0) {
            return -1;
        }
        int p = len - h - paddingLength(buf, off, len);
        return p >= 0 ? p : -1;
    }

    /**
     * Strict validity: version 2, the CSRC list and extension fit, and with P set the padding count is at least 1
     * and does not reach into the header (RFC 3550 §5.1, A.1).
     */
    public static boolean isValid(ByteBuf buf, int off, int len) {
        if (buf == null || off < 0 || len < FIXED_HEADER_LENGTH || off > buf.capacity() - len) {
            return false;
        }
        if (version(buf, off) != 2) {
            return false;
        }
        int h = headerLength(buf, off, len);
        if (h < 0) {
            return false;
        }
        if (hasPadding(buf, off)) {
            int pad = buf.getUnsignedByte(off + len - 1);
            return pad >= 1 && pad <= len - h;
        }
        return true;
    }
}
