package dev.plenum.media.rtp;

import io.netty.buffer.ByteBuf;

/**
 * RTP header extension elements (RFC 8285) read and rewritten in place, without allocation.
 *
 * <p>Two forms share the RFC 3550 §5.3.1 extension header: the one-byte form (profile {@code 0xBEDE}, §4.2:
 * a byte {@code ID(4)|L(4)} then L+1 value bytes, IDs 1..14, ID 15 stops parsing) and the two-byte form (profile
 * {@code 0x100} in the top 12 bits, §4.3: an ID byte and a length byte, IDs 1..255, lengths 0..255). In both,
 * a zero byte where an element would start is padding.
 *
 * <p>{@link #find} packs the absolute index of the element's value and its length into one long (see
 * {@link #valueOffset(long)}, {@link #valueLength(long)}) so the hot path needs no result object.
 */
public final class RtpExtensions {

    /** Returned by {@link #find} when the packet has no such element or is malformed. */
    public static final long NOT_FOUND = -1L;

    public static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** The two-byte form's profile is {@code 0x100} followed by 4 application bits (RFC 8285 §4.3). */
    public static final int TWO_BYTE_PROFILE_MASK = 0xFFF0;
    public static final int TWO_BYTE_PROFILE = 0x1000;

    private RtpExtensions() {}

    public static int valueOffset(long found) {
        return (int) (found >>> 32);
    }

    public static int valueLength(long found) {
        return (int) found;
    }

    private static long pack(int valueOffset, int valueLength) {
        return ((long) valueOffset << 32) | (valueLength & 0xFFFFFFFFL);
    }

    /**
     * Finds the element with {@code id} in the packet at {@code off..off+len}; returns {@link #NOT_FOUND} when the
     * packet has no extension, uses another profile, is malformed, or has no such element.
     */
    public static long find(ByteBuf buf, int off, int len, int id) {
        if (id <= 0 || !RtpHeader.isValid(buf, off, len) || !RtpHeader.hasExtension(buf, off)) {
            return NOT_FOUND;
        }
        int extHeader = off + RtpHeader.FIXED_HEADER_LENGTH + 4 * RtpHeader.csrcCount(buf, off);
        int profile = buf.getUnsignedShort(extHeader);
        int start = extHeader + 4;
        int end = start + 4 * buf.getUnsignedShort(extHeader + 2); // within len: isValid checked it
        if (profile == ONE_BYTE_PROFILE) {
            return id > 14 ? NOT_FOUND : findOneByte(buf, start, end, id);
        }
        if ((profile & TWO_BYTE_PROFILE_MASK) == TWO_BYTE_PROFILE) {
            return id > 255 ? NOT_FOUND : findTwoByte(buf, start, end, id);
        }
        return NOT_FOUND;
    }

    private static long findOneByte(ByteBuf buf, int i, int end, int id) {
        while (i < end) {
            int b = buf.getUnsignedByte(i);
            if (b == 0) { // padding (RFC 8285 §4.2)
                i++;
                continue;
            }
            int elementId = b >> 4;
            if (elementId == 15) { // reserved: stop processing
                return NOT_FOUND;
            }
            int valueLen = (b & 0x0F) + 1;
            if (i + 1 + valueLen > end) {
                return NOT_FOUND;
            }
            if (elementId == id) {
                return pack(i + 1, valueLen);
            }
            i += 1 + valueLen;
        }
        return NOT_FOUND;
    }

    private static long findTwoByte(ByteBuf buf, int i, int end, int id) {
        while (i < end) {
            int elementId = buf.getUnsignedByte(i);
            if (elementId == 0) { // padding (RFC 8285 §4.3)
                i++;
                continue;
            }
            if (i + 2 > end) {
                return NOT_FOUND;
            }
            int valueLen = buf.getUnsignedByte(i + 1);
            if (i + 2 + valueLen > end) {
                return NOT_FOUND;
            }
            if (elementId == id) {
                return pack(i + 2, valueLen);
            }
            i += 2 + valueLen;
        }
        return NOT_FOUND;
    }

    /**
     * Overwrites the value of an element found by {@link #find} with {@code src[srcOff..srcOff+srcLen)}. A shorter
     * value shrinks the element: its length field is rewritten and the freed bytes become padding (zero), which
     * both forms allow between elements. Returns false (and changes nothing) when the new value does not fit, or
     * is empty in the one-byte form (which cannot express length 0).
     */
    public static boolean rewriteValue(ByteBuf buf, int off, int len, int id, byte[] src, int srcOff, int srcLen) {
        long found = find(buf, off, len, id);
        if (found == NOT_FOUND || srcLen > valueLength(found) || srcLen < 0) {
            return false;
        }
        int valueOff = valueOffset(found);
        int oldLen = valueLength(found);
        boolean oneByte = buf.getUnsignedShort(off + RtpHeader.FIXED_HEADER_LENGTH
                + 4 * RtpHeader.csrcCount(buf, off)) == ONE_BYTE_PROFILE;
        if (oneByte) {
            if (srcLen == 0) {
                return false;
            }
            buf.setByte(valueOff - 1, (id << 4) | (srcLen - 1));
        } else {
            buf.setByte(valueOff - 1, srcLen);
        }
        buf.setBytes(valueOff, src, srcOff, srcLen);
        buf.setZero(valueOff + srcLen, oldLen - srcLen);
        return true;
    }

    // ---- Transport-wide sequence number (draft-holmer-rmcat-transport-wide-cc-extensions-01 §2): 16 bits.

    /** The transport-wide sequence number, or -1 when absent or not 2 bytes long. */
    public static int transportSequenceNumber(ByteBuf buf, int off, int len, int id) {
        long found = find(buf, off, len, id);
        if (found == NOT_FOUND || valueLength(found) != 2) {
            return -1;
        }
        return buf.getUnsignedShort(valueOffset(found));
    }

    public static boolean setTransportSequenceNumber(ByteBuf buf, int off, int len, int id, int seq) {
        long found = find(buf, off, len, id);
        if (found == NOT_FOUND || valueLength(found) != 2) {
            return false;
        }
        buf.setShort(valueOffset(found), seq);
        return true;
    }

    // ---- abs-send-time (webrtc.org/experiments/rtp-hdrext/abs-send-time): 24 bits, 6.18 fixed-point seconds.

    /** The abs-send-time value (24-bit 6.18 fixed-point seconds), or -1 when absent or not 3 bytes long. */
    public static int absSendTime(ByteBuf buf, int off, int len, int id) {
        long found = find(buf, off, len, id);
        if (found == NOT_FOUND || valueLength(found) != 3) {
            return -1;
        }
        return buf.getUnsignedMedium(valueOffset(found));
    }

    public static boolean setAbsSendTime(ByteBuf buf, int off, int len, int id, int value) {
        long found = find(buf, off, len, id);
        if (found == NOT_FOUND || valueLength(found) != 3) {
            return false;
        }
        buf.setMedium(valueOffset(found), value & 0xFFFFFF);
        return true;
    }

    /**
     * Converts a time in nanoseconds to abs-send-time: seconds in 6.18 fixed point, modulo 64 s. Computed as
     * {@code nanos * 2^18 / 10^9} without overflow for any non-negative long.
     */
    public static int absSendTimeFromNanos(long nanos) {
        long seconds = Math.floorDiv(nanos, 1_000_000_000L);
        long rem = Math.floorMod(nanos, 1_000_000_000L);
        long fixed = (seconds << 18) + (rem << 18) / 1_000_000_000L;
        return (int) (fixed & 0xFFFFFF);
    }

    // ---- ssrc-audio-level (RFC 6464 §3): one byte, V(1) | level(7) in -dBov.

    /**
     * The audio level byte as {@code V<<7 | level}, level being 0..127 in -dBov, or -1 when absent. Use
     * {@link #audioLevel(int)} and {@link #voiceActivity(int)} to split it.
     */
    public static int audioLevelByte(ByteBuf buf, int off, int len, int id) {
        long found = find(buf, off, len, id);
        if (found == NOT_FOUND || valueLength(found) < 1) {
            return -1;
        }
        return buf.getUnsignedByte(valueOffset(found));
    }

    public static int audioLevel(int levelByte) {
        return levelByte & 0x7F;
    }

    public static boolean voiceActivity(int levelByte) {
        return (levelByte & 0x80) != 0;
    }
}
