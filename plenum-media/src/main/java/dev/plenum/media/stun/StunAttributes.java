package dev.plenum.media.stun;

/** STUN attribute type codes and message constants used by Plenum (RFC 8489 §18.3, RFC 8445 §16.1). */
public final class StunAttributes {
    private StunAttributes() {}

    /** Fixed value in every STUN header since RFC 5389 (RFC 8489 §5). */
    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int HEADER_LENGTH = 20;
    public static final int TRANSACTION_ID_LENGTH = 12;

    /** Binding is the only method ICE uses (RFC 8489 §18.2). */
    public static final int METHOD_BINDING = 0x001;

    // Comprehension-required range 0x0000-0x7FFF.
    public static final int MAPPED_ADDRESS = 0x0001;
    public static final int USERNAME = 0x0006;
    public static final int MESSAGE_INTEGRITY = 0x0008;
    public static final int ERROR_CODE = 0x0009;
    public static final int UNKNOWN_ATTRIBUTES = 0x000A;
    public static final int REALM = 0x0014;
    public static final int NONCE = 0x0015;
    public static final int MESSAGE_INTEGRITY_SHA256 = 0x001C;
    public static final int XOR_MAPPED_ADDRESS = 0x0020;
    public static final int PRIORITY = 0x0024;
    public static final int USE_CANDIDATE = 0x0025;

    // Comprehension-optional range 0x8000-0xFFFF.
    public static final int SOFTWARE = 0x8022;
    public static final int FINGERPRINT = 0x8028;
    public static final int ICE_CONTROLLED = 0x8029;
    public static final int ICE_CONTROLLING = 0x802A;

    /** XOR'ed into the CRC-32 of the message to form FINGERPRINT (RFC 8489 §14.7). */
    public static final int FINGERPRINT_XOR = 0x5354554E;

    /** USERNAME values are at most 513 bytes (RFC 8489 §14.3). */
    public static final int MAX_USERNAME_BYTES = 513;
    /** HMAC-SHA1 output length, the MESSAGE-INTEGRITY value length (RFC 8489 §14.5). */
    public static final int MESSAGE_INTEGRITY_LENGTH = 20;

    /** Attributes whose type is below 0x8000 must be understood by the receiver (RFC 8489 §14). */
    public static boolean isComprehensionRequired(int type) {
        return type < 0x8000;
    }

    /** The value length rounded up to the 4-byte boundary every attribute is padded to (RFC 8489 §14). */
    public static int padded(int valueLength) {
        return (valueLength + 3) & ~3;
    }
}
