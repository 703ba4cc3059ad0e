package dev.plenum.media.sdp;

import java.util.Locale;

/**
 * A certificate fingerprint (RFC 8122 §5): hash function name, lower case, e.g. {@code sha-256}, and the digest as
 * upper-case hex pairs separated by colons.
 */
public record Fingerprint(String algorithm, String value) {
    public Fingerprint {
        algorithm = algorithm.toLowerCase(Locale.ROOT);
        value = value.toUpperCase(Locale.ROOT);
    }

    /** Digest length in bytes of the value when it is well-formed hex pairs, or -1. */
    public int digestLength() {
        int n = value.length();
        if (n < 2 || (n + 1) % 3 != 0) {
            return -1;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            boolean separator = i % 3 == 2;
            if (separator ? c != ':' : Character.digit(c, 16) < 0) {
                return -1;
            }
        }
        return (n + 1) / 3;
    }

    /** Same as {@link #value()} as raw bytes; only for well-formed values. */
    public byte[] digest() {
        int len = digestLength();
        if (len < 0) {
            throw new IllegalStateException("malformed fingerprint " + value);
        }
        byte[] out = new byte[len];
        for (int i = 0; i < len; i++) {
            out[i] = (byte) Integer.parseInt(value, i * 3, i * 3 + 2, 16);
        }
        return out;
    }

    /** Formats a digest as RFC 8122 hex pairs. */
    public static Fingerprint of(String algorithm, byte[] digest) {
        StringBuilder sb = new StringBuilder(digest.length * 3);
        for (int i = 0; i < digest.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Character.toUpperCase(Character.forDigit((digest[i] >> 4) & 0xF, 16)));
            sb.append(Character.toUpperCase(Character.forDigit(digest[i] & 0xF, 16)));
        }
        return new Fingerprint(algorithm, sb.toString());
    }
}
