package dev.plenum.media.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SRTP key derivation function (RFC 3711 §4.3) with the AES-CM PRF (§4.3.3) and key_derivation_rate 0, so
 * r = index DIV kdr is always 0 and keys are derived once per master key.
 *
 * <p>For AEAD_AES_128_GCM, RFC 7714 §11 keeps the same PRF but with a 96-bit master salt; the salt is placed at
 * the front of the 112-bit salt field (the two trailing octets are zero), as libsrtp and other deployed
 * implementations do, and session salts are 12 bytes.
 */
public final class SrtpKeyDerivation {

    /** Key derivation labels (RFC 3711 §4.3.1 and §4.3.2). */
    public static final int LABEL_RTP_ENCRYPTION = 0x00;
    public static final int LABEL_RTP_AUTH = 0x01;
    public static final int LABEL_RTP_SALT = 0x02;
    public static final int LABEL_RTCP_ENCRYPTION = 0x03;
    public static final int LABEL_RTCP_AUTH = 0x04;
    public static final int LABEL_RTCP_SALT = 0x05;

    private SrtpKeyDerivation() {}

    /**
     * Derives {@code length} bytes for {@code label}: the AES-CM keystream under the master key starting at the
     * counter (master_salt XOR (label || r)) * 2^16 (RFC 3711 §4.3.1, §4.3.3).
     */
    public static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) {
        if (masterSalt.length > 14) {
            throw new IllegalArgumentException("master salt longer than 112 bits");
        }
        byte[] x = new byte[16];
        System.arraycopy(masterSalt, 0, x, 0, masterSalt.length);
        // key_id = label || r (56 bits, r = 0) right-aligned in the 112-bit salt field: label lands on octet 7.
        x[7] ^= (byte) label;
        int blocks = (length + 15) / 16;
        byte[] in = new byte[blocks * 16];
        for (int i = 0; i < blocks; i++) {
            System.arraycopy(x, 0, in, i * 16, 14);
            in[i * 16 + 14] = (byte) (i >>> 8);
            in[i * 16 + 15] = (byte) i;
        }
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"));
            byte[] out = aes.doFinal(in);
            byte[] result = new byte[length];
            System.arraycopy(out, 0, result, 0, length);
            return result;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is missing from this JDK", e);
        }
    }

    /** All six session keys of one direction for the given profile. */
    static SrtpSessionKeys deriveSessionKeys(SrtpProfile profile, SrtpMasterKey master) {
        byte[] k = master.key();
        byte[] s = master.salt();
        int kl = profile.masterKeyLength();
        int al = profile.authKeyLength();
        int sl = profile.masterSaltLength();
        return new SrtpSessionKeys(
                derive(k, s, LABEL_RTP_ENCRYPTION, kl), derive(k, s, LABEL_RTP_AUTH, al), derive(k, s, LABEL_RTP_SALT, sl),
                derive(k, s, LABEL_RTCP_ENCRYPTION, kl), derive(k, s, LABEL_RTCP_AUTH, al), derive(k, s, LABEL_RTCP_SALT, sl));
    }
}
