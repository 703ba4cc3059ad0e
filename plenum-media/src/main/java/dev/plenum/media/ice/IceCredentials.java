package dev.plenum.media.ice;

import java.security.SecureRandom;

/**
 * An ICE username fragment and password (RFC 8445 §5.3, grammar in RFC 8839 §5.4): ufrag of 4 to 256 and password of
 * 22 to 256 ice-chars (ALPHA / DIGIT / "+" / "/").
 */
public record IceCredentials(String ufrag, String pwd) {
    static final String ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    /** 8 chars carry 48 random bits: collisions among a node's participants are rare, and the registry refuses them. */
    public static final int GENERATED_UFRAG_LENGTH = 8;
    /** 24 chars carry 144 random bits, above the 128 bits RFC 8445 §5.3 asks of the password. */
    public static final int GENERATED_PWD_LENGTH = 24;

    public IceCredentials {
        requireIceChars("ufrag", ufrag, 4);
        requireIceChars("pwd", pwd, 22);
    }

    /** Fresh random credentials. */
    public static IceCredentials generate(SecureRandom random) {
        return new IceCredentials(randomIceChars(random, GENERATED_UFRAG_LENGTH),
                randomIceChars(random, GENERATED_PWD_LENGTH));
    }

    /** True when {@code s} is {@code min}..256 ice-chars. */
    public static boolean isIceChars(String s, int min) {
        if (s == null || s.length() < min || s.length() > 256) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (ICE_CHARS.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static void requireIceChars(String what, String s, int min) {
        if (!isIceChars(s, min)) {
            throw new IllegalArgumentException(what + " must be " + min + " to 256 ice-chars");
        }
    }

    private static String randomIceChars(SecureRandom random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ICE_CHARS.charAt(random.nextInt(ICE_CHARS.length()));
        }
        return new String(chars);
    }

    @Override
    public String toString() {
        return "IceCredentials[ufrag=" + ufrag + ", pwd=<hidden>]";
    }
}
