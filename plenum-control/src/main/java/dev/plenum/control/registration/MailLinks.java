package dev.plenum.control.registration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The personal secrets in a registrant's mails: the join key of the personal join link, and the token of the
 * one-click "cancel my registration" link. Both are {@code <registrant id>.<HMAC-SHA256(key, purpose, id)>}
 * (truncated to 128 bits, base64url), under a key kept outside the database: nothing about them is stored, so a
 * copy of the database lets nobody in or cancel anyone, and the mail composer can write them again for each
 * reminder. A purpose label keeps a cancel token from working as a join key and the other way round. Whether a
 * key still admits is the registration's business (status, revocation), not the link's.
 *
 * <p>The key is 32 random bytes, base64 in a file ({@link #fromFile}), made on first start; every node sending
 * mail for one database needs the same file, or links made by one are refused by another.
 */
public final class MailLinks {
    static final String JOIN = "join";
    static final String CANCEL = "cancel";
    private static final int MAC_BYTES = 16;
    private static final int MAX_TOKEN_CHARS = 64;
    private final SecretKeySpec key;

    public MailLinks(byte[] key) {
        if (key.length < 32) throw new IllegalArgumentException("the mail link key must be at least 32 bytes");
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** A fresh key for this process only (tests, in-memory nodes): links do not outlive it. */
    public static MailLinks random() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return new MailLinks(k);
    }

    /** The key in {@code file}, made (owner read/write only where the file system allows) when missing. */
    public static MailLinks fromFile(Path file) throws IOException {
        if (Files.exists(file)) {
            byte[] k;
            try {
                k = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            } catch (IllegalArgumentException e) {
                throw new IOException("the mail link key file " + file + " does not hold base64", e);
            }
            if (k.length < 32) throw new IOException("the mail link key in " + file + " is shorter than 32 bytes");
            return new MailLinks(k);
        }
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".link-key", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: its own access rules apply
            }
            Files.writeString(temp, Base64.getEncoder().encodeToString(k) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.createLink(file, temp); // appears whole, and never replaces a key another node made meanwhile
            } catch (FileAlreadyExistsException e) {
                return fromFile(file);
            } catch (UnsupportedOperationException e) {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return new MailLinks(k);
    }

    /** The join key of a registrant's personal link. */
    public String joinKey(long registrantId) {
        return token(JOIN, registrantId);
    }

    /** The registrant a join key was made for, if it is one of ours; empty for anything else. */
    public OptionalLong joinRegistrant(String joinKey) {
        return verify(JOIN, joinKey);
    }

    /** The token of a registrant's "cancel my registration" link. */
    public String cancelToken(long registrantId) {
        return token(CANCEL, registrantId);
    }

    public OptionalLong cancelRegistrant(String token) {
        return verify(CANCEL, token);
    }

    private String token(String purpose, long id) {
        return id + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(purpose, id));
    }

    private OptionalLong verify(String purpose, String token) {
        if (token == null || token.length() > MAX_TOKEN_CHARS) return OptionalLong.empty();
        int dot = token.indexOf('.');
        if (dot < 1 || dot > 18 || !token.substring(0, dot).matches("[1-9][0-9]*")) return OptionalLong.empty();
        long id = Long.parseLong(token.substring(0, dot));
        // compared as text, so only the one canonical encoding passes (base64 leaves spare bits in its last character)
        byte[] expected = token(purpose, id).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), expected) ? OptionalLong.of(id) : OptionalLong.empty();
    }

    private byte[] mac(String purpose, long id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(("plenum-registrant-" + purpose + "\n" + id).getBytes(StandardCharsets.US_ASCII)), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
