package dev.plenum.media.srtp;

import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

/**
 * HMAC-SHA1 (RFC 2104) composed over a reusable JDK SHA-1 {@link MessageDigest}.
 *
 * <p>Why not {@code javax.crypto.Mac}: the JDK's HMAC allocates a fresh 20-byte array inside every
 * {@code doFinal}, even {@code doFinal(byte[], int)}; {@code MessageDigest.digest(byte[], int, int)} does not.
 * The construction is the textbook one, checked against {@code Mac("HmacSHA1")} in the tests.
 */
final class HmacSha1 {
    static final int LENGTH = 20;
    private static final int BLOCK = 64;

    private final MessageDigest sha1;
    private final byte[] ipad = new byte[BLOCK];
    private final byte[] opad = new byte[BLOCK];
    private final byte[] inner = new byte[LENGTH];

    HmacSha1(byte[] key) {
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is missing from this JDK", e);
        }
        byte[] k = key.length > BLOCK ? sha1.digest(key) : key;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            ipad[i] = (byte) (b ^ 0x36);
            opad[i] = (byte) (b ^ 0x5c);
        }
        start();
    }

    /** Begins a new message (also done implicitly after {@link #finish}). */
    void start() {
        sha1.reset();
        sha1.update(ipad);
    }

    void update(byte[] b, int off, int len) {
        sha1.update(b, off, len);
    }

    /** Writes the 20-byte MAC of everything updated since {@link #start} to out[off..off+20) and restarts. */
    void finish(byte[] out, int off) {
        try {
            sha1.digest(inner, 0, LENGTH);
            sha1.update(opad);
            sha1.update(inner, 0, LENGTH);
            sha1.digest(out, off, LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-1 output buffer", e); // cannot happen: sizes are fixed
        }
        start();
    }
}
