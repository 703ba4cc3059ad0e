package dev.plenum.control.token;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and verifies join tokens: {@code base64url(claims) "." base64url(HMAC-SHA256(claims))}.
 * Claims are tab-separated fields (a seventh, the person's e-mail address, and an eighth, the personal access
 * token's id, only when there are such); a
 * display name cannot contain tabs (they are replaced when issuing).
 */
public final class JoinTokenSigner {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String VERSION = "v1";

    private final SecretKeySpec key;
    private final Clock clock;

    public JoinTokenSigner(byte[] secret, Clock clock) {
        if (secret.length < 32) throw new IllegalArgumentException("join token secret must be at least 32 bytes");
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.clock = clock;
    }

    /** A signer with a fresh random secret: tokens do not outlive the process (embedded default). */
    public static JoinTokenSigner withRandomSecret(Clock clock) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new JoinTokenSigner(secret, clock);
    }

    public String sign(JoinToken token) {
        String claims = String.join("\t", VERSION, token.room(), token.participantId(),
                token.displayName().replace('\t', ' '), token.role().name(),
                Long.toString(token.expiresAt().getEpochSecond()));
        if (token.email() != null || token.accessTokenId() != null) {
            claims += "\t" + (token.email() == null ? "" : token.email().replace('\t', ' '));
        }
        if (token.accessTokenId() != null) claims += "\t" + token.accessTokenId();
        byte[] claimBytes = claims.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(claimBytes) + "." + ENCODER.encodeToString(mac(claimBytes));
    }

    /** The claims if the signature holds and the token has not expired; empty for anything else. */
    public Optional<JoinToken> verify(String token) {
        return authentic(token).filter(t -> clock.instant().isBefore(t.expiresAt()));
    }

    /**
     * The claims if the signature holds, expired or not: for what a participant may still do after its token's few
     * minutes to open the WebSocket are over (download the room's files during and after the session).
     */
    public Optional<JoinToken> authentic(String token) {
        if (token == null || token.length() > 4096) return Optional.empty();
        int dot = token.indexOf('.');
        if (dot <= 0) return Optional.empty();
        try {
            byte[] claimBytes = DECODER.decode(token.substring(0, dot));
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(claimBytes))) return Optional.empty();
            String[] f = new String(claimBytes, StandardCharsets.UTF_8).split("\t", -1);
            if (f.length < 6 || f.length > 8 || !VERSION.equals(f[0])) return Optional.empty();
            Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(f[5]));
            String email = f.length >= 7 && !f[6].isEmpty() ? f[6] : null;
            Long accessTokenId = f.length == 8 ? Long.valueOf(f[7]) : null;
            return Optional.of(new JoinToken(f[1], f[2], f[3], Role.valueOf(f[4]), expiresAt, email, accessTokenId));
        } catch (IllegalArgumentException e) { // bad base64, number or role: not a token of ours
            return Optional.empty();
        }
    }

    private byte[] mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
