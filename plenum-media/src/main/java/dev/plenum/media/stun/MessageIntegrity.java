package dev.plenum.media.stun;

import static dev.plenum.media.stun.StunAttributes.HEADER_LENGTH;
import static dev.plenum.media.stun.StunAttributes.MESSAGE_INTEGRITY_LENGTH;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * MESSAGE-INTEGRITY: HMAC-SHA1 over the message up to the attribute, with the header's length field set as if the
 * message ended right after MESSAGE-INTEGRITY (RFC 8489 §14.5).
 *
 * <p>One instance holds one key. ICE uses short-term credentials, where the key is the password's bytes
 * (RFC 8489 §9.1.1, RFC 8445 §7.2.2; ICE passwords are ASCII, so OpaqueString changes nothing).
 *
 * <p>Thread model: not thread-safe; it owns a {@link Mac} and scratch arrays and belongs to one participant, used
 * from that participant's I/O thread. Verifying allocates no arrays.
 */
public final class MessageIntegrity {
    private final Mac mac;
    private final byte[] header = new byte[HEADER_LENGTH];
    private final byte[] computed = new byte[MESSAGE_INTEGRITY_LENGTH];
    private final byte[] received = new byte[MESSAGE_INTEGRITY_LENGTH];

    public MessageIntegrity(byte[] key) {
        try {
            mac = Mac.getInstance("HmacSHA1");
            // SecretKeySpec refuses an empty key; HMAC zero-pads keys, so one zero byte is the same key.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA1"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required of every Java platform", e);
        }
    }

    /** Key for short-term credentials: the password as bytes (RFC 8489 §9.1.1). */
    public static MessageIntegrity shortTerm(String password) {
        return new MessageIntegrity(password.getBytes(StandardCharsets.UTF_8));
    }

    /** Key for long-term credentials: MD5(username ":" realm ":" password) (RFC 8489 §9.2.2). */
    public static byte[] longTermKey(String username, String realm, String password) {
        try {
            return MessageDigest.getInstance("MD5")
                    .digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is required of every Java platform", e);
        }
    }

    /**
     * True when {@code message}, parsed from {@code buf} at {@code offset}, carries MESSAGE-INTEGRITY and it matches
     * this key. The comparison is constant-time.
     */
    public boolean verify(ByteBuf buf, int offset, StunMessage message) {
        int at = message.messageIntegrityOffset();
        if (at < 0) {
            return false;
        }
        hmac(buf, offset, at, computed);
        buf.getBytes(offset + at + 4, received);
        return MessageDigest.isEqual(computed, received);
    }

    /**
     * Writes into {@code out} the HMAC of the message starting at {@code start} whose MESSAGE-INTEGRITY attribute
     * header sits at {@code start + integrityAt}.
     */
    void hmac(ByteBuf buf, int start, int integrityAt, byte[] out) {
        buf.getBytes(start, header);
        int adjustedLength = integrityAt + 4 + MESSAGE_INTEGRITY_LENGTH - HEADER_LENGTH;
        header[2] = (byte) (adjustedLength >>> 8);
        header[3] = (byte) adjustedLength;
        mac.update(header);
        int bodyLength = integrityAt - HEADER_LENGTH;
        if (bodyLength > 0) {
            if (buf.hasArray()) {
                mac.update(buf.array(), buf.arrayOffset() + start + HEADER_LENGTH, bodyLength);
            } else {
                mac.update(buf.nioBuffer(start + HEADER_LENGTH, bodyLength));
            }
        }
        try {
            mac.doFinal(out, 0);
        } catch (javax.crypto.ShortBufferException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
