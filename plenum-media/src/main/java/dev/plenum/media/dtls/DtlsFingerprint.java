package dev.plenum.media.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A certificate fingerprint as carried in SDP {@code a=fingerprint} (RFC 8122 §5):
 * {@code hash-func SP fingerprint}, where the fingerprint is upper-case hex byte pairs joined by colons.
 *
 * <p>Plenum supports only {@code sha-256}: it is what every browser sends, and RFC 8122 §5 makes SHA-256 the
 * hash a compliant endpoint must support. Parsing accepts any letter case in both parts (RFC 8122 §5: hex
 * digits are case-insensitive, hash function names are compared case-insensitively).
 */
public final class DtlsFingerprint {

    /** The only hash function Plenum accepts, spelled as in the IANA "Hash Function Textual Names" registry. */
    public static final String SHA_256 = "sha-256";

    private static final int SHA_256_LENGTH = 32;
    private static final HexFormat SDP_HEX = HexFormat.ofDelimiter(":").withUpperCase();

    private final byte[] digest;

    private DtlsFingerprint(byte[] digest) {
        this.digest = digest;
    }

    /**
     * Parses the value of an {@code a=fingerprint} attribute, e.g. {@code "sha-256 AB:CD:..."} (the
     * {@code a=fingerprint:} prefix may be present or not).
     *
     * @throws IllegalArgumentException if the hash function is not sha-256 (the message names it) or the
     *     fingerprint is not 32 colon-separated hex pairs
     */
    public static DtlsFingerprint parse(String sdpValue) {
        if (sdpValue == null) {
            throw new IllegalArgumentException("fingerprint is missing");
        }
        String v = sdpValue.strip();
        if (v.regionMatches(true, 0, "a=fingerprint:", 0, 14)) {
            v = v.substring(14).strip();
        }
        int space = v.indexOf(' ');
        if (space <= 0) {
            throw new IllegalArgumentException("fingerprint must be 'hash-func SP hex', got: " + abbreviate(sdpValue));
        }
        String hashFunc = v.substring(0, space).toLowerCase(Locale.ROOT);
        if (!hashFunc.equals(SHA_256)) {
            throw new IllegalArgumentException(
                    "unsupported fingerprint hash function '" + hashFunc + "': only sha-256 is supported");
        }
        String hex = v.substring(space + 1).strip();
        // 32 pairs and 31 colons; checking the shape first keeps HexFormat's errors out of the message.
        if (hex.length() != SHA_256_LENGTH * 3 - 1) {
            throw new IllegalArgumentException("sha-256 fingerprint must be 32 colon-separated hex pairs");
        }
        try {
            return new DtlsFingerprint(SDP_HEX.parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sha-256 fingerprint must be 32 colon-separated hex pairs", e);
        }
    }

    /** The sha-256 fingerprint of a DER-encoded certificate. */
    public static DtlsFingerprint ofCertificate(byte[] derCertificate) {
        return new DtlsFingerprint(sha256(derCertificate));
    }

    /** Whether the DER-encoded certificate hashes to this fingerprint; constant-time over the digest. */
    public boolean matches(byte[] derCertificate) {
        return MessageDigest.isEqual(digest, sha256(derCertificate));
    }

    public String hashFunction() {
        return SHA_256;
    }

    /** A copy of the digest bytes. */
    public byte[] digest() {
        return digest.clone();
    }

    /** The SDP form, e.g. {@code "sha-256 AB:CD:..."} (RFC 8122 §5: upper-case hex). */
    public String toSdp() {
        return SHA_256 + " " + SDP_HEX.formatHex(digest);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DtlsFingerprint other && MessageDigest.isEqual(digest, other.digest);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return toSdp();
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
