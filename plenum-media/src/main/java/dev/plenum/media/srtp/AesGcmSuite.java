package dev.plenum.media.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_128_GCM for SRTP and SRTCP (RFC 7714) with the JDK's cipher, for packets in heap arrays and for
 * machines where {@link LibcryptoGcm} cannot be used. The JDK's "AES/GCM/NoPadding" needs a fresh
 * {@link GCMParameterSpec} and {@code init} per packet, which allocates about 1 KB inside the JDK; Plenum's own
 * arrays here are reused.
 */
final class AesGcmSuite implements SrtpCipherSuite {
    private static final int TAG_BITS = 128;
    private static final int TAG_BYTES = 16;
    private static final int SRTCP_E_FLAG = 0x8000_0000;

    private final Cipher gcm;
    private final SecretKeySpec rtpKey;
    private final SecretKeySpec rtcpKey;
    private final byte[] rtpSalt;
    private final byte[] rtcpSalt;
    private final byte[] iv = new byte[12];
    private final byte[] word = new byte[4];
    private final byte[] lastEncryptIv = new byte[12];
    private SecretKeySpec lastEncryptKey;
    /** Made on first use: a transformer on libcrypto's path (direct buffers) never calls this suite. */
    private byte[] out = new byte[0];

    AesGcmSuite(SrtpSessionKeys keys) {
        rtpKey = new SecretKeySpec(keys.rtpEncKey(), "AES");
        rtcpKey = new SecretKeySpec(keys.rtcpEncKey(), "AES");
        rtpSalt = keys.rtpSalt().clone();
        rtcpSalt = keys.rtcpSalt().clone();
        try {
            gcm = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is missing from this JDK", e);
        }
    }

    /** RFC 7714 §8.1: IV = (0x0000 || SSRC || ROC || SEQ) XOR salt. */
    private void rtpIv(int ssrc, long index) {
        int roc = (int) (index >>> 16);
        iv[0] = 0;
        iv[1] = 0;
        SrtpCipherSuite.putInt(iv, 2, ssrc);
        SrtpCipherSuite.putInt(iv, 6, roc);
        iv[10] = (byte) (index >>> 8);
        iv[11] = (byte) index;
        xorSalt(rtpSalt);
    }

    /** RFC 7714 §9.1: IV = (0x0000 || SSRC || 0x0000 || 0 || SRTCP index) XOR salt; the E flag is not in the IV. */
    private void rtcpIv(int ssrc, int srtcpIndex) {
        iv[0] = 0;
        iv[1] = 0;
        SrtpCipherSuite.putInt(iv, 2, ssrc);
        iv[6] = 0;
        iv[7] = 0;
        SrtpCipherSuite.putInt(iv, 8, srtcpIndex & 0x7fff_ffff);
        xorSalt(rtcpSalt);
    }

    private void xorSalt(byte[] salt) {
        for (int i = 0; i < 12; i++) {
            iv[i] ^= salt[i];
        }
    }

    /**
     * Initialises for encryption. The JDK refuses an encrypt init whose key and IV equal the previous one, which
     * would block retransmitting a packet with its original index (RFC 4588-less NACK repair). Re-protecting the
     * same packet is safe — same plaintext, same ciphertext — so on that rare path a throwaway init with another
     * IV (nothing is encrypted under it) clears the guard first. Callers must never protect different content
     * under one (SSRC, index): that would reuse the GCM nonce.
     */
    private void initEncrypt(SecretKeySpec key) throws GeneralSecurityException {
        if (key == lastEncryptKey && java.util.Arrays.equals(iv, lastEncryptIv)) {
            iv[11] ^= 1;
            gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            iv[11] ^= 1;
        }
        gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
        lastEncryptKey = key;
        System.arraycopy(iv, 0, lastEncryptIv, 0, 12);
    }

    private void ensureOut(int n) {
        if (out.length < n) {
            out = new byte[Math.max(n, 2048)];
        }
    }

    @Override
    public int protectRtp(byte[] pkt, int hdr, int len, int ssrc, long index) {
        rtpIv(ssrc, index);
        ensureOut(len - hdr + TAG_BYTES);
        try {
            initEncrypt(rtpKey);
            // RFC 7714 §8.2: the whole RTP header, CSRCs and extension included, is the AAD.
            gcm.updateAAD(pkt, 0, hdr);
            int n = gcm.doFinal(pkt, hdr, len - hdr, out, 0);
            System.arraycopy(out, 0, pkt, hdr, n);
            return hdr + n;
        } catch (GeneralSecurityException e) {
            return CRYPTO_ERROR;
        }
    }

    @Override
    public int unprotectRtp(byte[] pkt, int hdr, int len, int ssrc, long index) {
        rtpIv(ssrc, index);
        ensureOut(len - hdr);
        try {
            gcm.init(Cipher.DECRYPT_MODE, rtpKey, new GCMParameterSpec(TAG_BITS, iv));
            gcm.updateAAD(pkt, 0, hdr);
            int n = gcm.doFinal(pkt, hdr, len - hdr, out, 0);
            System.arraycopy(out, 0, pkt, hdr, n);
            return hdr + n;
        } catch (AEADBadTagException e) {
            return AUTH_FAILED;
        } catch (GeneralSecurityException e) {
            return CRYPTO_ERROR;
        }
    }

    @Override
    public int protectRtcp(byte[] pkt, int len, int ssrc, int srtcpIndex) {
        rtcpIv(ssrc, srtcpIndex);
        SrtpCipherSuite.putInt(word, 0, SRTCP_E_FLAG | srtcpIndex);
        ensureOut(len - 8 + TAG_BYTES);
        try {
            initEncrypt(rtcpKey);
            // RFC 7714 §9.2 / §17: AAD = first 8 octets || E || SRTCP index; ciphertext then tag then the trailer.
            gcm.updateAAD(pkt, 0, 8);
            gcm.updateAAD(word, 0, 4);
            int n = gcm.doFinal(pkt, 8, len - 8, out, 0);
            System.arraycopy(out, 0, pkt, 8, n);
            System.arraycopy(word, 0, pkt, 8 + n, 4);
            return 8 + n + 4;
        } catch (GeneralSecurityException e) {
            return CRYPTO_ERROR;
        }
    }

    @Override
    public int unprotectRtcp(byte[] pkt, int len, int ssrc, boolean encrypted, int srtcpIndex) {
        rtcpIv(ssrc, srtcpIndex);
        int trailer = len - 4;
        System.arraycopy(pkt, trailer, word, 0, 4);
        // Encrypted: AAD is the 8-octet header; otherwise the whole packet is AAD and the "ciphertext" is the tag
        // alone (RFC 7714 §9.3).
        int aadEnd = encrypted ? 8 : trailer - TAG_BYTES;
        ensureOut(trailer - aadEnd);
        try {
            gcm.init(Cipher.DECRYPT_MODE, rtcpKey, new GCMParameterSpec(TAG_BITS, iv));
            gcm.updateAAD(pkt, 0, aadEnd);
            gcm.updateAAD(word, 0, 4);
            int n = gcm.doFinal(pkt, aadEnd, trailer - aadEnd, out, 0);
            System.arraycopy(out, 0, pkt, aadEnd, n);
            return aadEnd + n;
        } catch (AEADBadTagException e) {
            return AUTH_FAILED;
        } catch (GeneralSecurityException e) {
            return CRYPTO_ERROR;
        }
    }
}
