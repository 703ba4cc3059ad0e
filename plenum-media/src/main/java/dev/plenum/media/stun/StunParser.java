package dev.plenum.media.stun;

import static dev.plenum.media.stun.StunAttributes.*;

import dev.plenum.media.stun.StunParseResult.Reason;
import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses one STUN message from {@code (buf, offset, length)} (RFC 8489 §5, §14).
 *
 * <p>Checks, in order: the two leading zero bits, the magic cookie, that the header's message length is a multiple
 * of 4 and equals {@code length - 20} exactly (one message per datagram or RFC 4571 frame), that every attribute
 * with its padding fits, that known attributes have their defined lengths and values, and that nothing follows
 * FINGERPRINT (§14.7). Attributes after MESSAGE-INTEGRITY other than FINGERPRINT are ignored (§14.5). For a
 * repeated attribute only the first occurrence counts (§14).
 *
 * <p>Only bytes in {@code [offset, offset + length)} are read; the reader and writer indexes of {@code buf} are not
 * used or moved. Malformed input yields a shared {@link StunParseResult.Invalid}; nothing is thrown.
 *
 * <p>Stateless and thread-safe. A valid parse allocates the record, the transaction id and decoded values; STUN
 * runs at a few messages per second per participant, so this is off the per-media-packet path.
 */
public final class StunParser {
    private StunParser() {}

    private static final int MAX_UNKNOWN_KEPT = 16;
    private static final int[] NO_UNKNOWN = new int[0];

    public static StunParseResult parse(ByteBuf buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset > buf.capacity() - length) {
            return Reason.BAD_SLICE.result();
        }
        if (length < HEADER_LENGTH) {
            return Reason.TOO_SHORT.result();
        }
        int type = buf.getUnsignedShort(offset);
        if ((type & 0xC000) != 0) {
            return Reason.NOT_STUN_HEADER.result();
        }
        int messageLength = buf.getUnsignedShort(offset + 2);
        if (buf.getInt(offset + 4) != MAGIC_COOKIE) {
            return Reason.BAD_MAGIC_COOKIE.result();
        }
        if ((messageLength & 3) != 0) {
            return Reason.LENGTH_NOT_MULTIPLE_OF_4.result();
        }
        if (messageLength != length - HEADER_LENGTH) {
            return Reason.LENGTH_MISMATCH.result();
        }

        byte[] transactionId = new byte[TRANSACTION_ID_LENGTH];
        buf.getBytes(offset + 8, transactionId);

        String username = null;
        InetSocketAddress xorMapped = null;
        long priority = -1;
        boolean useCandidate = false;
        boolean controlling = false;
        boolean controlled = false;
        long tieBreaker = 0;
        int errorCode = 0;
        String errorReason = null;
        int integrityAt = -1;
        int fingerprintAt = -1;
        int[] unknown = NO_UNKNOWN;
        int unknownCount = 0;

        int pos = HEADER_LENGTH;
        while (pos < length) {
            // length - pos is a positive multiple of 4, so the 4-byte attribute header is always inside.
            int at = offset + pos;
            int attrType = buf.getUnsignedShort(at);
            int valueLength = buf.getUnsignedShort(at + 2);
            int next = pos + 4 + padded(valueLength);
            if (next > length) {
                return Reason.ATTRIBUTE_OVERRUN.result();
            }
            if (fingerprintAt >= 0) {
                return Reason.ATTRIBUTE_AFTER_FINGERPRINT.result();
            }
            int value = at + 4;
            if (attrType == FINGERPRINT) {
                if (valueLength != 4) {
                    return Reason.BAD_ATTRIBUTE_LENGTH.result();
                }
                fingerprintAt = pos;
            } else if (integrityAt >= 0) {
                // RFC 8489 §14.5: everything between MESSAGE-INTEGRITY and FINGERPRINT is ignored.
            } else {
                switch (attrType) {
                    case MESSAGE_INTEGRITY -> {
                        if (valueLength != MESSAGE_INTEGRITY_LENGTH) {
                            return Reason.BAD_ATTRIBUTE_LENGTH.result();
                        }
                        integrityAt = pos;
                    }
                    case USERNAME -> {
                        if (valueLength > MAX_USERNAME_BYTES) {
                            return Reason.BAD_ATTRIBUTE_LENGTH.result();
                        }
                        if (username == null) {
                            username = buf.toString(value, valueLength, StandardCharsets.UTF_8);
                        }
                    }
                    case XOR_MAPPED_ADDRESS -> {
                        InetSocketAddress address = xorAddress(buf, value, valueLength, transactionId);
                        if (address == null) {
                            return Reason.BAD_ATTRIBUTE_VALUE.result();
                        }
                        if (xorMapped == null) {
                            xorMapped = address;
                        }
                    }
                    case PRIORITY -> {
                        if (valueLength != 4) {
                            return Reason.BAD_ATTRIBUTE_LENGTH.result();
                        }
                        if (priority < 0) {
                            priority = buf.getUnsignedInt(value);
                        }
                    }
                    case USE_CANDIDATE -> {
                        if (valueLength != 0) {
                            return Reason.BAD_ATTRIBUTE_LENGTH.result();
                        }
                        useCandidate = true;
                    }
                    case ICE_CONTROLLING, ICE_CONTROLLED -> {
                        if (valueLength != 8) {
                            return Reason.BAD_ATTRIBUTE_LENGTH.result();
                        }
                        if (!controlling && !controlled) {
                            controlling = attrType == ICE_CONTROLLING;
                            controlled = !controlling;
                            tieBreaker = buf.getLong(value);
                        }
                    }
                    case ERROR_CODE -> {
                        // 21 reserved bits, 3-bit class (3..6), 8-bit number (0..99), then the reason (§14.8).
                        if (valueLength < 4 || valueLength > 4 + 763) {
                            return Reason.BAD_ATTRIBUTE_LENGTH.result();
                        }
                        int errorClass = buf.getByte(value + 2) & 7;
                        int number = buf.getUnsignedByte(value + 3);
                        if (errorClass < 3 || errorClass > 6 || number > 99) {
                            return Reason.BAD_ATTRIBUTE_VALUE.result();
                        }
                        if (errorCode == 0) {
                            errorCode = errorClass * 100 + number;
                            errorReason = buf.toString(value + 4, valueLength - 4, StandardCharsets.UTF_8);
                        }
                    }
                    default -> {
                        if (isComprehensionRequired(attrType) && unknownCount < MAX_UNKNOWN_KEPT) {
                            if (unknownCount == unknown.length) {
                                unknown = Arrays.copyOf(unknown, Math.max(4, unknownCount * 2));
                            }
                            unknown[unknownCount++] = attrType;
                        }
                    }
                }
            }
            pos = next;
        }

        return new StunMessage(
                StunMessage.methodOf(type), StunMessage.classOf(type), transactionId, length,
                username, xorMapped, priority, useCandidate, controlling, controlled, tieBreaker,
                errorCode, errorReason, integrityAt, fingerprintAt,
                unknownCount == unknown.length ? unknown : Arrays.copyOf(unknown, unknownCount));
    }

    /** Decodes XOR-MAPPED-ADDRESS (RFC 8489 §14.2), or returns null when family and length disagree. */
    private static InetSocketAddress xorAddress(ByteBuf buf, int value, int valueLength, byte[] transactionId) {
        if (valueLength < 4) {
            return null;
        }
        int family = buf.getUnsignedByte(value + 1);
        int port = buf.getUnsignedShort(value + 2) ^ (MAGIC_COOKIE >>> 16);
        byte[] address;
        if (family == 0x01 && valueLength == 8) {
            address = new byte[4];
        } else if (family == 0x02 && valueLength == 20) {
            address = new byte[16];
        } else {
            return null;
        }
        buf.getBytes(value + 4, address);
        xorWithCookieAndTransactionId(address, transactionId);
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException impossible) {
            return null; // only thrown for lengths other than 4 and 16
        }
    }

    /** X-Address = address XOR (magic cookie || transaction id), as used by both parser and writer. */
    static void xorWithCookieAndTransactionId(byte[] address, byte[] transactionId) {
        for (int i = 0; i < address.length; i++) {
            int mask = i < 4 ? (MAGIC_COOKIE >>> (24 - 8 * i)) & 0xFF : transactionId[i - 4] & 0xFF;
            address[i] ^= (byte) mask;
        }
    }
}
