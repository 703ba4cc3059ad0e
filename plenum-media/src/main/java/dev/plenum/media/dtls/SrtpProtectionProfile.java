package dev.plenum.media.dtls;

/**
 * The DTLS-SRTP protection profiles Plenum negotiates, in order of preference.
 *
 * <p>Identifiers are from the IANA "DTLS-SRTP Protection Profiles" registry; key and salt lengths are those of
 * RFC 5764 §4.1.2 (AES128_CM_HMAC_SHA1_80) and RFC 7714 §12 (AEAD_AES_128_GCM: 128-bit key, 96-bit salt).
 */
public enum SrtpProtectionProfile {
    /** RFC 7714: AES-GCM with a 16-byte tag; preferred because it authenticates and encrypts in one pass. */
    SRTP_AEAD_AES_128_GCM(0x0007, 16, 12),
    /** RFC 5764 §4.1.2: AES counter mode with an 80-bit HMAC-SHA1 tag; every browser supports it. */
    SRTP_AES128_CM_HMAC_SHA1_80(0x0001, 16, 14);

    private final int id;
    private final int keyLength;
    private final int saltLength;

    SrtpProtectionProfile(int id, int keyLength, int saltLength) {
        this.id = id;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
    }

    /** The two-byte SRTPProtectionProfile value carried in the use_srtp extension. */
    public int id() {
        return id;
    }

    /** Master key length in bytes. */
    public int keyLength() {
        return keyLength;
    }

    /** Master salt length in bytes. */
    public int saltLength() {
        return saltLength;
    }

    /** Bytes to export with "EXTRACTOR-dtls_srtp": 2 * (key + salt), RFC 5764 §4.2. */
    public int keyingMaterialLength() {
        return 2 * (keyLength + saltLength);
    }

    /** The profile with this identifier, or {@code null} if Plenum does not support it. */
    public static SrtpProtectionProfile byId(int id) {
        for (SrtpProtectionProfile p : values()) {
            if (p.id == id) {
                return p;
            }
        }
        return null;
    }

    /** Identifiers in order of preference, as offered in the client's use_srtp extension. */
    static int[] preferenceOrderIds() {
        SrtpProtectionProfile[] all = values();
        int[] ids = new int[all.length];
        for (int i = 0; i < all.length; i++) {
            ids[i] = all[i].id;
        }
        return ids;
    }
}
