package dev.plenum.media.stun;

import static dev.plenum.media.stun.StunAttributes.*;

import io.netty.buffer.ByteBuf;
import java.util.zip.CRC32;

/**
 * Cheap static checks over raw bytes, for demultiplexing before any parsing: they read only
 * {@code [offset, offset + length)} and allocate nothing (except {@link #fingerprintMatches}, which needs a CRC32).
 */
public final class StunMessages {
    private StunMessages() {}

    /** Returned by {@link #usernameLocalPart} when there is no usable USERNAME. */
    public static final long NO_SPAN = -1L;

    /**
     * True when the bytes could be one STUN message: first byte 0..3 (RFC 7983 §7), the magic cookie, and a message
     * length that is a multiple of 4 and accounts for exactly the given bytes (RFC 8489 §5).
     */
    public static boolean looksLikeStun(ByteBuf buf, int offset, int length) {
        if (offset < 0 || length < HEADER_LENGTH || offset > buf.capacity() - length) {
            return false;
        }
        int messageLength = buf.getUnsignedShort(offset + 2);
        return (buf.getByte(offset) & 0xC0) == 0
                && buf.getInt(offset + 4) == MAGIC_COOKIE
                && (messageLength & 3) == 0
                && messageLength == length - HEADER_LENGTH;
    }

    /**
     * Finds the part of USERNAME before the first ':' — our own ufrag in a request a browser sends us
     * (RFC 8445 §7.2.2: USERNAME is "receiver-ufrag:sender-ufrag") — without copying it.
     *
     * @return the span packed as {@code (absoluteOffset << 32) | length} (decode with {@link #spanOffset} and
     *     {@link #spanLength}), or {@link #NO_SPAN} when the bytes are not STUN, have no USERNAME before
     *     MESSAGE-INTEGRITY, the USERNAME has no ':', or the local part is empty
     */
    public static long usernameLocalPart(ByteBuf buf, int offset, int length) {
        if (!looksLikeStun(buf, offset, length)) {
            return NO_SPAN;
        }
        int end = offset + length;
        int at = offset + HEADER_LENGTH;
        while (at + 4 <= end) {
            int type = buf.getUnsignedShort(at);
            int valueLength = buf.getUnsignedShort(at + 2);
            int value = at + 4;
            if (value + valueLength > end || type == MESSAGE_INTEGRITY || type == FINGERPRINT) {
                return NO_SPAN;
            }
            if (type == USERNAME) {
                if (valueLength > MAX_USERNAME_BYTES) {
                    return NO_SPAN;
                }
                for (int i = value; i < value + valueLength; i++) {
                    if (buf.getByte(i) == ':') {
                        return i == value ? NO_SPAN : ((long) value << 32) | (i - value);
                    }
                }
                return NO_SPAN;
            }
            at = value + padded(valueLength);
        }
        return NO_SPAN;
    }

    public static int spanOffset(long span) {
        return (int) (span >>> 32);
    }

    public static int spanLength(long span) {
        return (int) span;
    }

    /**
     * True when {@code message} (parsed from {@code buf} at {@code offset}) has a FINGERPRINT equal to the CRC-32 of
     * the preceding bytes XOR 0x5354554e (RFC 8489 §14.7). FINGERPRINT is last, so the header length already covers it.
     */
    public static boolean fingerprintMatches(ByteBuf buf, int offset, StunMessage message) {
        int at = message.fingerprintOffset();
        return at >= 0 && fingerprint(buf, offset, at) == buf.getInt(offset + at + 4);
    }

    /** CRC-32 of {@code [start, start + count)} XOR 0x5354554e. */
    static int fingerprint(ByteBuf buf, int start, int count) {
        CRC32 crc = new CRC32();
        if (buf.hasArray()) {
            crc.update(buf.array(), buf.arrayOffset() + start, count);
        } else {
            crc.update(buf.nioBuffer(start, count));
        }
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }
}
