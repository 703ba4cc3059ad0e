package dev.plenum.media.stun;

/** The four STUN message classes, encoded in bits C1 and C0 of the message type (RFC 8489 §5). */
public enum StunClass {
    REQUEST, INDICATION, SUCCESS_RESPONSE, ERROR_RESPONSE;

    private static final StunClass[] BY_BITS = values();

    /** The class whose two-bit code (C1C0) is {@code bits}, 0..3. */
    public static StunClass ofBits(int bits) {
        return BY_BITS[bits & 3];
    }

    /** The two-bit code C1C0 of this class. */
    public int bits() {
        return ordinal();
    }
}
