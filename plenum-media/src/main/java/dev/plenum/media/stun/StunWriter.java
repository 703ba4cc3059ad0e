package dev.plenum.media.stun;

import static dev.plenum.media.stun.StunAttributes.*;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Writes STUN messages into a {@link ByteBuf} at its writer index (RFC 8489 §5, §14).
 *
 * <p>Use: {@link #begin} writes the header and returns the message start; each attribute method appends one
 * attribute, zero-pads it to 4 bytes and updates the header's length; {@link #messageIntegrity} and then
 * {@link #fingerprint} close the message. {@link #bindingSuccess} and {@link #errorResponse} are the two responses
 * an ICE-lite agent sends.
 */
public final class StunWriter {
    private StunWriter() {}

    /** Writes a header for {@code messageType} with a zero length; returns the start index to pass to the others. */
    public static int begin(ByteBuf out, int messageType, byte[] transactionId) {
        if (transactionId.length != TRANSACTION_ID_LENGTH) {
            throw new IllegalArgumentException("transaction id must be 12 bytes");
        }
        int start = out.writerIndex();
        out.writeShort(messageType);
        out.writeShort(0);
        out.writeInt(MAGIC_COOKIE);
        out.writeBytes(transactionId);
        return start;
    }

    public static void username(ByteBuf out, int start, String username) {
        byte[] bytes = username.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_USERNAME_BYTES) {
            throw new IllegalArgumentException("USERNAME longer than 513 bytes");
        }
        attribute(out, start, USERNAME, bytes);
    }

    public static void software(ByteBuf out, int start, String software) {
        attribute(out, start, SOFTWARE, software.getBytes(StandardCharsets.UTF_8));
    }

    /** XOR-MAPPED-ADDRESS for an IPv4 or IPv6 address; the transaction id is read back from the header (§14.2). */
    public static void xorMappedAddress(ByteBuf out, int start, InetSocketAddress address) {
        byte[] transactionId = new byte[TRANSACTION_ID_LENGTH];
        out.getBytes(start + 8, transactionId);
        byte[] ip = address.getAddress().getAddress();
        StunParser.xorWithCookieAndTransactionId(ip, transactionId);
        out.writeShort(XOR_MAPPED_ADDRESS);
        out.writeShort(4 + ip.length);
        out.writeByte(0);
        out.writeByte(ip.length == 4 ? 0x01 : 0x02);
        out.writeShort(address.getPort() ^ (MAGIC_COOKIE >>> 16));
        out.writeBytes(ip);
        updateLength(out, start);
    }

    public static void priority(ByteBuf out, int start, long priority) {
        out.writeShort(PRIORITY).writeShort(4).writeInt((int) priority);
        updateLength(out, start);
    }

    public static void useCandidate(ByteBuf out, int start) {
        out.writeShort(USE_CANDIDATE).writeShort(0);
        updateLength(out, start);
    }

    public static void iceControlling(ByteBuf out, int start, long tieBreaker) {
        out.writeShort(ICE_CONTROLLING).writeShort(8).writeLong(tieBreaker);
        updateLength(out, start);
    }

    public static void iceControlled(ByteBuf out, int start, long tieBreaker) {
        out.writeShort(ICE_CONTROLLED).writeShort(8).writeLong(tieBreaker);
        updateLength(out, start);
    }

    /** ERROR-CODE with {@code code} in 300..699 and a reason phrase (§14.8). */
    public static void errorCode(ByteBuf out, int start, int code, String reason) {
        if (code < 300 || code > 699) {
            throw new IllegalArgumentException("error code out of range: " + code);
        }
        byte[] phrase = reason.getBytes(StandardCharsets.UTF_8);
        byte[] value = new byte[4 + phrase.length];
        value[2] = (byte) (code / 100);
        value[3] = (byte) (code % 100);
        System.arraycopy(phrase, 0, value, 4, phrase.length);
        attribute(out, start, ERROR_CODE, value);
    }

    /** Appends an attribute of any type with zero padding. */
    public static void attribute(ByteBuf out, int start, int type, byte[] value) {
        if (value.length > 0xFFFF) {
            throw new IllegalArgumentException("attribute value too long");
        }
        out.writeShort(type);
        out.writeShort(value.length);
        out.writeBytes(value);
        out.writeZero(padded(value.length) - value.length);
        updateLength(out, start);
    }

    /** Appends MESSAGE-INTEGRITY computed with {@code integrity}'s key over everything written so far (§14.5). */
    public static void messageIntegrity(ByteBuf out, int start, MessageIntegrity integrity) {
        int integrityAt = out.writerIndex() - start;
        byte[] hmac = new byte[MESSAGE_INTEGRITY_LENGTH];
        integrity.hmac(out, start, integrityAt, hmac);
        out.writeShort(MESSAGE_INTEGRITY);
        out.writeShort(MESSAGE_INTEGRITY_LENGTH);
        out.writeBytes(hmac);
        updateLength(out, start);
    }

    /** Appends FINGERPRINT; it must be the last attribute (§14.7). */
    public static void fingerprint(ByteBuf out, int start) {
        int fingerprintAt = out.writerIndex() - start;
        out.setShort(start + 2, fingerprintAt + 8 - HEADER_LENGTH);
        int crc = StunMessages.fingerprint(out, start, fingerprintAt);
        out.writeShort(FINGERPRINT);
        out.writeShort(4);
        out.writeInt(crc);
    }

    /**
     * A Binding success response: XOR-MAPPED-ADDRESS (the request's source), MESSAGE-INTEGRITY with the key the
     * request was checked with, FINGERPRINT (RFC 8445 §7.3.1.2 by way of RFC 8489 §7.3.1).
     */
    public static void bindingSuccess(ByteBuf out, byte[] transactionId, InetSocketAddress mapped,
                                      MessageIntegrity integrity) {
        int start = begin(out, StunMessage.messageType(METHOD_BINDING, StunClass.SUCCESS_RESPONSE), transactionId);
        xorMappedAddress(out, start, mapped);
        messageIntegrity(out, start, integrity);
        fingerprint(out, start);
    }

    /**
     * An error response with ERROR-CODE, MESSAGE-INTEGRITY when {@code integrity} is not null (leave it null for 400
     * and 401, where the request's credentials are unknown or wrong: RFC 8489 §9.1.3) and FINGERPRINT.
     */
    public static void errorResponse(ByteBuf out, int method, byte[] transactionId, int code,
                                     MessageIntegrity integrity) {
        int start = begin(out, StunMessage.messageType(method, StunClass.ERROR_RESPONSE), transactionId);
        errorCode(out, start, code, StunErrorCode.reasonPhrase(code));
        if (integrity != null) {
            messageIntegrity(out, start, integrity);
        }
        fingerprint(out, start);
    }

    private static void updateLength(ByteBuf out, int start) {
        out.setShort(start + 2, out.writerIndex() - start - HEADER_LENGTH);
    }
}
