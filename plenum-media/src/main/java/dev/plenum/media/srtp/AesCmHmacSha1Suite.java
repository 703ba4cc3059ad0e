package dev.plenum.media.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-128 counter mode (RFC 3711 §4.1.1) with HMAC-SHA1 truncated to 80 bits (§4.2.1).
 *
 * <p>The keystream is made by encrypting a run of counter blocks with a once-initialised "AES/ECB/NoPadding"
 * cipher into reusable arrays, which avoids the per-packet {@code init} (and its allocations) that the JDK's
 * CTR mode would need for every new IV. The HMACs are {@link HmacSha1}, which reuses one digest and allocates nothing.
 */
final class AesCmHmacSha1Suite implements SrtpCipherSuite {
    private static final int SRTCP_E_FLAG = 0x8000_0000;

    private final Cipher rtpAes;
    private final Cipher rtcpAes;
    private final HmacSha1 rtpMac;
    private final HmacSha1 rtcpMac;
    private final byte[] rtpSalt;
    private final byte[] rtcpSalt;
    private final int tagLength;
    private final byte[] iv = new byte[16];
    private final byte[] macOut = new byte[20];
    private final byte[] word = new byte[4];
    private byte[] counters = new byte[2048];
    private byte[] keystream = new byte[2048];

    AesCmHmacSha1Suite(SrtpSessionKeys keys, int tagLength) {
        this.tagLength = tagLength;
        this.rtpSalt = keys.rtpSalt().clone();
        this.rtcpSalt = keys.rtcpSalt().clone();
        try {
            rtpAes = ecb(keys.rtpEncKey());
            rtcpAes = ecb(keys.rtcpEncKey());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is missing from this JDK", e);
        }
        rtpMac = new HmacSha1(keys.rtpAuthKey());
        rtcpMac = new HmacSha1(keys.rtcpAuthKey());
    }

    private static Cipher ecb(byte[] key) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        return c;
    }

    @Override
    public int protectRtp(byte[] pkt, int hdr, int len, int ssrc, long index) {
        if (!xorKeystream(rtpAes, rtpSalt, ssrc, index, pkt, hdr, len - hdr)) {
            return CRYPTO_ERROR;
        }
        // Authenticated portion || ROC (RFC 3711 §4.2): the tag covers the header and encrypted payload.
        tag(rtpMac, pkt, len, (int) (index >>> 16));
        System.arraycopy(macOut, 0, pkt, len, tagLength);
        return len + tagLength;
    }

    @Override
    public int unprotectRtp(byte[] pkt, int hdr, int len, int ssrc, long index) {
        int body = len - tagLength;
        tag(rtpMac, pkt, body, (int) (index >>> 16));
        if (!tagMatches(pkt, body)) {
            return AUTH_FAILED;
        }
        return xorKeystream(rtpAes, rtpSalt, ssrc, index, pkt, hdr, body - hdr) ? body : CRYPTO_ERROR;
    }

    @Override
    public int protectRtcp(byte[] pkt, int len, int ssrc, int srtcpIndex) {
        // SRTCP (RFC 3711 §3.4): everything after the first 8 octets is encrypted; E || index follows, then the tag.
        if (!xorKeystream(rtcpAes, rtcpSalt, ssrc, srtcpIndex, pkt, 8, len - 8)) {
            return CRYPTO_ERROR;
        }
        SrtpCipherSuite.putInt(pkt, len, SRTCP_E_FLAG | srtcpIndex);
        int authenticated = len + 4;
        rtcpMac.update(pkt, 0, authenticated);
        rtcpMac.finish(macOut, 0);
        System.arraycopy(macOut, 0, pkt, authenticated, tagLength);
        return authenticated + tagLength;
    }

    @Override
    public int unprotectRtcp(byte[] pkt, int len, int ssrc, boolean encrypted, int srtcpIndex) {
        int authenticated = len - tagLength;
        rtcpMac.update(pkt, 0, authenticated);
        rtcpMac.finish(macOut, 0);
        if (!tagMatches(pkt, authenticated)) {
            return AUTH_FAILED;
        }
        int body = authenticated - 4;
        if (encrypted && !xorKeystream(rtcpAes, rtcpSalt, ssrc, srtcpIndex, pkt, 8, body - 8)) {
            return CRYPTO_ERROR;
        }
        return body;
    }

    private void tag(HmacSha1 mac, byte[] pkt, int len, int roc) {
        mac.update(pkt, 0, len);
        SrtpCipherSuite.putInt(word, 0, roc);
        mac.update(word, 0, 4);
        mac.finish(macOut, 0);
    }

    /** Constant-time comparison of the truncated tag at pkt[at..at+tagLength) with the computed one. */
    private boolean tagMatches(byte[] pkt, int at) {
        int diff = 0;
        for (int i = 0; i < tagLength; i++) {
            diff |= pkt[at + i] ^ macOut[i];
        }
        return diff == 0;
    }

    /**
     * XORs data[off..off+len) with the AES-CM keystream for (ssrc, index): IV = (k_s * 2^16) XOR (SSRC * 2^64)
     * XOR (i * 2^16) (RFC 3711 §4.1.1), block counter in the low 16 bits.
     */
    private boolean xorKeystream(Cipher aes, byte[] salt, int ssrc, long index, byte[] data, int off, int len) {
        if (len <= 0) {
            return true;
        }
        System.arraycopy(salt, 0, iv, 0, 14);
        iv[14] = 0;
        iv[15] = 0;
        iv[4] ^= (byte) (ssrc >>> 24);
        iv[5] ^= (byte) (ssrc >>> 16);
        iv[6] ^= (byte) (ssrc >>> 8);
        iv[7] ^= (byte) ssrc;
        iv[8] ^= (byte) (index >>> 40);
        iv[9] ^= (byte) (index >>> 32);
        iv[10] ^= (byte) (index >>> 24);
        iv[11] ^= (byte) (index >>> 16);
        iv[12] ^= (byte) (index >>> 8);
        iv[13] ^= (byte) index;
        int blocks = (len + 15) >>> 4;
        int bytes = blocks << 4;
        if (counters.length < bytes) {
            // Rare: a packet larger than any before; grow once and keep the larger arrays.
            counters = new byte[bytes];
            keystream = new byte[bytes];
        }
        for (int b = 0; b < blocks; b++) {
            int at = b << 4;
            System.arraycopy(iv, 0, counters, at, 14);
            // At most 2^12 blocks in a UDP datagram, so the counter never carries past the two low octets.
            counters[at + 14] = (byte) (b >>> 8);
            counters[at + 15] = (byte) b;
        }
        try {
            aes.update(counters, 0, bytes, keystream, 0);
        } catch (ShortBufferException e) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            data[off + i] ^= keystream[i];
        }
        return true;
    }
}
