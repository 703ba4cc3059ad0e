package dev.plenum.control.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class JoinTokenSignerTest {
    private final Instant now = Instant.parse("2026-11-24T12:00:00Z");
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    private final JoinTokenSigner signer = new JoinTokenSigner(new byte[32], clock);
    private final JoinToken claims = new JoinToken("maths-7b", "p-1", "Ann\tMarie", Role.ATTENDEE, now.plusSeconds(60));

    @Test
    void aSignedTokenVerifiesToItsClaims() {
        var verified = signer.verify(signer.sign(claims));
        assertThat(verified).contains(new JoinToken("maths-7b", "p-1", "Ann Marie", Role.ATTENDEE, now.plusSeconds(60)));
    }

    @Test
    void theEmailAndAccessTokenClaimsRoundTripWhenPresent() {
        var withBoth = new JoinToken("r", "p", "Zoe", Role.ATTENDEE, claims.expiresAt(), "zoe@example.com", 42L);
        assertThat(signer.verify(signer.sign(withBoth))).contains(withBoth);
        var tokenOnly = new JoinToken("r", "p", "Zoe", Role.ATTENDEE, claims.expiresAt(), null, 7L);
        assertThat(signer.verify(signer.sign(tokenOnly))).contains(tokenOnly);
        var emailOnly = new JoinToken("r", "p", "Zoe", Role.HOST, claims.expiresAt(), "zoe@example.com");
        assertThat(signer.verify(signer.sign(emailOnly))).contains(emailOnly);
    }

    @Test
    void anyChangedCharacterIsRefused() {
        String token = signer.sign(claims);
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            String changed = token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1);
            assertThat(signer.verify(changed)).as("changed at %d", i).isEmpty();
        }
    }

    @Test
    void anotherSecretsTokenIsRefused() {
        byte[] other = new byte[32];
        other[0] = 1;
        assertThat(new JoinTokenSigner(other, clock).verify(signer.sign(claims))).isEmpty();
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = signer.sign(claims);
        var later = new JoinTokenSigner(new byte[32], Clock.offset(clock, Duration.ofSeconds(60)));
        assertThat(later.verify(token)).isEmpty();
    }

    @Test
    void garbageIsRefused() {
        assertThat(signer.verify(null)).isEmpty();
        assertThat(signer.verify("")).isEmpty();
        assertThat(signer.verify("...")).isEmpty();
        assertThat(signer.verify("%%%.###")).isEmpty();
        assertThat(signer.verify("x".repeat(10_000))).isEmpty();
    }
}
