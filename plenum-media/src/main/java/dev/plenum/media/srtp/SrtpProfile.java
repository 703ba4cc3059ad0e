package dev.plenum.media.srtp;

import java.util.Optional;

/**
 * The SRTP protection profiles Plenum negotiates through DTLS-SRTP (RFC 5764 §4.1.2, RFC 7714 §14.2).
 *
 * <p>Lengths are in bytes. For the AEAD profile the "tag" is the GCM authentication tag that RFC 7714 §7 appends
 * to the ciphertext; there is no separate authentication key.
 */
public enum SrtpProfile {
    /** RFC 5764 §4.1.2: AES-128 counter mode, HMAC-SHA1 truncated to 80 bits for SRTP and SRTCP. */
    AES128_CM_HMAC_SHA1_80(0x0001, 16, 14, 20, 10, 10, false),
    /** RFC 7714 §14.2: AES-128-GCM with a 96-bit salt and a 128-bit tag. */
    AEAD_AES_128_GCM(0x0007, 16, 12, 0, 16, 16, true);

    private final int dtlsProfileId;
    private final int masterKeyLength;
    private final int masterSaltLength;
    private final int authKeyLength;
    private final int rtpTagLength;
    private final int rtcpTagLength;
    private final boolean aead;

    SrtpProfile(int dtlsProfileId, int masterKeyLength, int masterSaltLength, int authKeyLength,
                int rtpTagLength, int rtcpTagLength, boolean aead) {
        this.dtlsProfileId = dtlsProfileId;
        this.masterKeyLength = masterKeyLength;
        this.masterSaltLength = masterSaltLength;
        this.authKeyLength = authKeyLength;
        this.rtpTagLength = rtpTagLength;
        this.rtcpTagLength = rtcpTagLength;
        this.aead = aead;
    }

    /** The SRTPProtectionProfile value carried in the DTLS use_srtp extension. */
    public int dtlsProfileId() { return dtlsProfileId; }

    /** Master key length, equal to the session encryption key length for both profiles. */
    public int masterKeyLength() { return masterKeyLength; }

    /** Master salt length, equal to the session salt length (14 for AES-CM, 12 for GCM). */
    public int masterSaltLength() { return masterSaltLength; }

    /** Session authentication key length (HMAC-SHA1 key, RFC 3711 §8.2); 0 for AEAD. */
    public int authKeyLength() { return authKeyLength; }

    public int rtpTagLength() { return rtpTagLength; }

    public int rtcpTagLength() { return rtcpTagLength; }

    public boolean aead() { return aead; }

    /** Bytes of DTLS exported keying material this profile needs (RFC 5764 §4.2): two keys and two salts. */
    public int keyingMaterialLength() { return 2 * (masterKeyLength + masterSaltLength); }

    /** The profile with this use_srtp id, if Plenum supports it. */
    public static Optional<SrtpProfile> byDtlsProfileId(int id) {
        for (SrtpProfile p : values()) {
            if (p.dtlsProfileId == id) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
