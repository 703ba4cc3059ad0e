package dev.plenum.media.rtp;

import io.netty.buffer.ByteBuf;

/**
 * The VP8 payload descriptor (RFC 7741 §4.2) at the start of an RTP payload, read and rewritten in place.
 *
 * <pre>
 *       0 1 2 3 4 5 6 7
 *      +-+-+-+-+-+-+-+-+
 *      |X|R|N|S|R| PID | (REQUIRED)
 *      +-+-+-+-+-+-+-+-+
 * X:   |I|L|T|K| RSV   | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+
 * I:   |M| PictureID   | (OPTIONAL, M=1: 15 bits over two bytes)
 *      +-+-+-+-+-+-+-+-+
 * L:   |   TL0PICIDX   | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+
 * T/K: |TID|Y| KEYIDX  | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>All methods take the payload's absolute index and length (see {@link RtpHeader#payloadOffset}) and return
 * -1 or false rather than read past {@code len}.
 */
public final class Vp8Descriptor {

    private Vp8Descriptor() {}

    /** Length of the descriptor, or -1 when it does not fit in {@code len}. */
    public static int length(ByteBuf buf, int off, int len) {
        if (len < 1) {
            return -1;
        }
        int n = 1;
        int b0 = buf.getUnsignedByte(off);
        if ((b0 & 0x80) == 0) {
            return n;
        }
        if (len < 2) {
            return -1;
        }
        int x = buf.getUnsignedByte(off + 1);
        n = 2;
        if ((x & 0x80) != 0) { // I
            if (len < n + 1) {
                return -1;
            }
            n += (buf.getUnsignedByte(off + n) & 0x80) != 0 ? 2 : 1;
        }
        if ((x & 0x40) != 0) { // L
            n++;
        }
        if ((x & 0x30) != 0) { // T or K
            n++;
        }
        return n <= len ? n : -1;
    }

    public static boolean isStartOfPartition(ByteBuf buf, int off, int len) {
        return len >= 1 && (buf.getByte(off) & 0x10) != 0;
    }

    public static int partitionIndex(ByteBuf buf, int off, int len) {
        return len >= 1 ? buf.getByte(off) & 0x07 : -1;
    }

    /**
     * A key frame: the packet starts partition 0 (S=1, PID=0) and the VP8 payload header's P bit, the lowest bit
     * of its first byte, is 0 (RFC 7741 §4.3, RFC 6386 §9.1).
     */
    public static boolean isKeyframe(ByteBuf buf, int off, int len) {
        int n = length(buf, off, len);
        if (n < 0 || n >= len) {
            return false;
        }
        int b0 = buf.getByte(off);
        if ((b0 & 0x10) == 0 || (b0 & 0x07) != 0) {
            return false;
        }
        return (buf.getByte(off + n) & 0x01) == 0;
    }

    /** Absolute index of the PictureID field, or -1 when absent. */
    private static int pictureIdIndex(ByteBuf buf, int off, int len) {
        if (length(buf, off, len) < 0 || (buf.getByte(off) & 0x80) == 0 || (buf.getByte(off + 1) & 0x80) == 0) {
            return -1;
        }
        return off + 2;
    }

    /** Width of the PictureID in bits: 7, 15, or 0 when absent. */
    public static int pictureIdBits(ByteBuf buf, int off, int len) {
        int i = pictureIdIndex(buf, off, len);
        if (i < 0) {
            return 0;
        }
        return (buf.getByte(i) & 0x80) != 0 ? 15 : 7;
    }

    /** The PictureID (7 or 15 bits), or -1 when absent. */
    public static int pictureId(ByteBuf buf, int off, int len) {
        int i = pictureIdIndex(buf, off, len);
        if (i < 0) {
            return -1;
        }
        int b = buf.getUnsignedByte(i);
        if ((b & 0x80) == 0) {
            return b;
        }
        return ((b & 0x7F) << 8) | buf.getUnsignedByte(i + 1);
    }

    /**
     * Rewrites the PictureID keeping the field's width: the value is taken modulo 2^7 or 2^15. Returns false when
     * the descriptor has no PictureID.
     */
    public static boolean setPictureId(ByteBuf buf, int off, int len, int pictureId) {
        int i = pictureIdIndex(buf, off, len);
        if (i < 0) {
            return false;
        }
        if ((buf.getByte(i) & 0x80) == 0) {
            buf.setByte(i, pictureId & 0x7F);
        } else {
            buf.setShort(i, 0x8000 | (pictureId & 0x7FFF));
        }
        return true;
    }

    private static int tl0PicIdxIndex(ByteBuf buf, int off, int len) {
        if (length(buf, off, len) < 0 || (buf.getByte(off) & 0x80) == 0) {
            return -1;
        }
        int x = buf.getByte(off + 1);
        if ((x & 0x40) == 0) {
            return -1;
        }
        int i = off + 2;
        if ((x & 0x80) != 0) {
            i += (buf.getByte(i) & 0x80) != 0 ? 2 : 1;
        }
        return i;
    }

    /** TL0PICIDX, or -1 when absent. */
    public static int tl0PicIdx(ByteBuf buf, int off, int len) {
        int i = tl0PicIdxIndex(buf, off, len);
        return i < 0 ? -1 : buf.getUnsignedByte(i);
    }

    public static boolean setTl0PicIdx(ByteBuf buf, int off, int len, int tl0PicIdx) {
        int i = tl0PicIdxIndex(buf, off, len);
        if (i < 0) {
            return false;
        }
        buf.setByte(i, tl0PicIdx);
        return true;
    }

    /** Temporal layer index TID (0..3), or -1 when the T/K byte is absent or T is 0. */
    public static int temporalLayer(ByteBuf buf, int off, int len) {
        int n = length(buf, off, len);
        if (n < 0 || (buf.getByte(off) & 0x80) == 0 || (buf.getByte(off + 1) & 0x20) == 0) {
            return -1;
        }
        return (buf.getUnsignedByte(off + n - 1) >> 6) & 0x3;
    }

    /** Picture width of the key frame whose first packet this is (RFC 6386 §9.1), or -1 when it does not say. */
    public static int keyframeWidth(ByteBuf buf, int off, int len) {
        int i = keyframeSizeIndex(buf, off, len);
        return i < 0 ? -1 : buf.getUnsignedShortLE(i) & 0x3FFF;
    }

    /** Picture height of the key frame whose first packet this is (RFC 6386 §9.1), or -1 when it does not say. */
    public static int keyframeHeight(ByteBuf buf, int off, int len) {
        int i = keyframeSizeIndex(buf, off, len);
        return i < 0 ? -1 : buf.getUnsignedShortLE(i + 2) & 0x3FFF;
    }

    /**
     * Index of the key frame's 14-bit width and height: after the 3-byte frame tag and the start code 9d 01 2a
     * (RFC 6386 §9.1), each in two little-endian bytes whose top 2 bits are a scaling mode.
     */
    private static int keyframeSizeIndex(ByteBuf buf, int off, int len) {
        if (!isKeyframe(buf, off, len)) return -1;
        int header = off + length(buf, off, len);
        if (header + 10 > off + len) return -1;
        if (buf.getUnsignedByte(header + 3) != 0x9d || buf.getUnsignedByte(header + 4) != 0x01
                || buf.getUnsignedByte(header + 5) != 0x2a) {
            return -1;
        }
        return header + 6;
    }
}
