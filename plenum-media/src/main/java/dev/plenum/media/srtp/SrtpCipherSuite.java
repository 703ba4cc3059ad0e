package dev.plenum.media.srtp;

/**
 * The per-profile cryptographic transform over a packet copied into a heap array {@code pkt} starting at 0.
 * Implementations own their scratch arrays and JCE objects, so one suite serves one thread.
 *
 * <p>Return values: the new packet length, {@link #AUTH_FAILED} or {@link #CRYPTO_ERROR}. {@code pkt} must have
 * room for the tag and SRTCP index after {@code len}.
 */
sealed interface SrtpCipherSuite permits AesCmHmacSha1Suite, AesGcmSuite {
    int AUTH_FAILED = -1;
    int CRYPTO_ERROR = -2;

    /** Encrypts pkt[hdr..len) and appends the tag. {@code index} is the 48-bit SRTP packet index (ROC || SEQ). */
    int protectRtp(byte[] pkt, int hdr, int len, int ssrc, long index);

    /** Verifies and strips the tag of pkt[0..len), then decrypts the payload after {@code hdr}. */
    int unprotectRtp(byte[] pkt, int hdr, int len, int ssrc, long index);

    /** Encrypts pkt[8..len), appends E=1 || SRTCP index and the tag in the profile's order. */
    int protectRtcp(byte[] pkt, int len, int ssrc, int srtcpIndex);

    /** Verifies an SRTCP packet whose trailer the caller already read, and decrypts it if {@code encrypted}. */
    int unprotectRtcp(byte[] pkt, int len, int ssrc, boolean encrypted, int srtcpIndex);

    static SrtpCipherSuite create(SrtpProfile profile, SrtpSessionKeys keys) {
        return switch (profile) {
            case AES128_CM_HMAC_SHA1_80 -> new AesCmHmacSha1Suite(keys, profile.rtpTagLength());
            case AEAD_AES_128_GCM -> new AesGcmSuite(keys);
        };
    }

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
