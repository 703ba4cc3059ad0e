package dev.plenum.media.stun;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A parsed STUN message (RFC 8489 §5, §14): the header and the attributes ICE needs. Attributes Plenum does not use
 * are skipped; the types of skipped comprehension-required ones are kept in {@link #unknownRequired()} so a
 * responder can answer 420 (RFC 8489 §6.3.1.1).
 *
 * <p>The integrity and fingerprint offsets point into the original buffer, relative to the message start, so the
 * checks in {@link MessageIntegrity} and {@link StunMessages#fingerprintMatches} run on the received bytes.
 *
 * @param method                  the 12-bit STUN method, {@link StunAttributes#METHOD_BINDING} for ICE
 * @param stunClass               request, indication, success or error response
 * @param transactionId           the 96-bit transaction id, a 12-byte copy owned by this record
 * @param length                  total message length in bytes, header included
 * @param username                USERNAME decoded as UTF-8, or null
 * @param xorMappedAddress        XOR-MAPPED-ADDRESS, or null
 * @param priority                PRIORITY as an unsigned 32-bit value, or -1 when absent
 * @param useCandidate            USE-CANDIDATE present
 * @param iceControlling          ICE-CONTROLLING present (its value is {@code tieBreaker})
 * @param iceControlled           ICE-CONTROLLED present (its value is {@code tieBreaker})
 * @param tieBreaker              the tie-breaker of ICE-CONTROLLING or ICE-CONTROLLED, 0 when neither is present
 * @param errorCode               ERROR-CODE as class*100+number, or 0 when absent
 * @param errorReason             the ERROR-CODE reason phrase, or null
 * @param messageIntegrityOffset  offset of the MESSAGE-INTEGRITY attribute header from the message start, or -1
 * @param fingerprintOffset       offset of the FINGERPRINT attribute header from the message start, or -1
 * @param unknownRequired         types of comprehension-required attributes that were skipped (often empty)
 */
public record StunMessage(
        int method,
        StunClass stunClass,
        byte[] transactionId,
        int length,
        String username,
        InetSocketAddress xorMappedAddress,
        long priority,
        boolean useCandidate,
        boolean iceControlling,
        boolean iceControlled,
        long tieBreaker,
        int errorCode,
        String errorReason,
        int messageIntegrityOffset,
        int fingerprintOffset,
        int[] unknownRequired) implements StunParseResult {

    /** Value equality, arrays compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof StunMessage m
                && method == m.method && stunClass == m.stunClass && Arrays.equals(transactionId, m.transactionId)
                && length == m.length && Objects.equals(username, m.username)
                && Objects.equals(xorMappedAddress, m.xorMappedAddress) && priority == m.priority
                && useCandidate == m.useCandidate && iceControlling == m.iceControlling
                && iceControlled == m.iceControlled && tieBreaker == m.tieBreaker && errorCode == m.errorCode
                && Objects.equals(errorReason, m.errorReason) && messageIntegrityOffset == m.messageIntegrityOffset
                && fingerprintOffset == m.fingerprintOffset && Arrays.equals(unknownRequired, m.unknownRequired);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, stunClass, Arrays.hashCode(transactionId), length, username, priority);
    }

    @Override
    public String toString() {
        return "StunMessage[method=" + method + ", class=" + stunClass
                + ", tid=" + HexFormat.of().formatHex(transactionId) + ", length=" + length
                + ", username=" + username + ", xorMappedAddress=" + xorMappedAddress + ", priority=" + priority
                + ", useCandidate=" + useCandidate + ", iceControlling=" + iceControlling
                + ", iceControlled=" + iceControlled + ", tieBreaker=" + tieBreaker + ", errorCode=" + errorCode
                + ", errorReason=" + errorReason + ", integrityAt=" + messageIntegrityOffset
                + ", fingerprintAt=" + fingerprintOffset + ", unknownRequired=" + Arrays.toString(unknownRequired)
                + "]";
    }

    public boolean hasMessageIntegrity() {
        return messageIntegrityOffset >= 0;
    }

    public boolean hasFingerprint() {
        return fingerprintOffset >= 0;
    }

    public boolean hasPriority() {
        return priority >= 0;
    }

    public boolean isBindingRequest() {
        return method == StunAttributes.METHOD_BINDING && stunClass == StunClass.REQUEST;
    }

    /** The 16-bit message type for {@code method} and {@code stunClass}: M11..M7 C1 M6..M4 C0 M3..M0 (RFC 8489 §5). */
    public static int messageType(int method, StunClass stunClass) {
        int c = stunClass.bits();
        return ((method & 0xF80) << 2) | ((method & 0x070) << 1) | (method & 0x00F)
                | ((c & 2) << 7) | ((c & 1) << 4);
    }

    /** The method encoded in a 16-bit message type. */
    public static int methodOf(int messageType) {
        return ((messageType >> 2) & 0xF80) | ((messageType >> 1) & 0x070) | (messageType & 0x00F);
    }

    /** The class encoded in a 16-bit message type. */
    public static StunClass classOf(int messageType) {
        return StunClass.ofBits(((messageType >> 7) & 2) | ((messageType >> 4) & 1));
    }
}
