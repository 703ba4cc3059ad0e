package dev.plenum.control.org;

import static dev.plenum.control.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.control.MutableClock;
import dev.plenum.control.TestServer;
import dev.plenum.control.TestServer.Client;
import dev.plenum.control.TestServer.Response;
import dev.plenum.control.store.Engine;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** What ends with time: sessions after their lifetime, idempotency keys after a day. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class ExpiryTest {
    @Parameter
    Engine engine;
    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T09:00:00Z"));
    private TestServer server;
    private Client acme;

    @BeforeEach
    void start() {
        server = TestServer.start(engine, TestServer.testAccounts(), clock);
        acme = server.signUp("Acme");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aSessionEndsAfterItsLifetime() {
        clock.advance(AccountsConfig.defaults().sessionLifetime().minusMinutes(1));
        assertThat(acme.get("/api/v1/me").status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(2));
        Response ended = acme.get("/api/v1/me");
        assertThat(ended.status()).isEqualTo(401);
        assertThat(ended.json().get("message").asText()).contains("sign in again");
    }

    @Test
    void aRetryIsAnsweredEvenAfterItsStartTimeHasPassed() {
        Client keyed = acme.apiKey().withHeaders(Map.of("Idempotency-Key", "morning"));
        String body = json(Map.of("name", "Soon", "permanentRoom", false, "startsAt", "2030-01-01T10:30:00",
                "timeZone", "Europe/Warsaw", "durationMinutes", 30)); // 09:30 UTC, half an hour from now
        Response first = keyed.post("/api/v1/conferences", body);
        assertThat(first.status()).isEqualTo(201);
        clock.advance(Duration.ofHours(1));
        Response retry = keyed.post("/api/v1/conferences", body);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json()).isEqualTo(first.json());
        Response fresh = acme.post("/api/v1/conferences", body);
        assertThat(fresh.status()).isEqualTo(422); // without the key it is a new request, and too late
    }

    @Test
    void anIdempotencyKeyIsForgottenAfterADay() {
        Client keyed = acme.apiKey().withHeaders(Map.of("Idempotency-Key", "daily-import"));
        String body = json(Map.of("name", "Daily"));
        long first = keyed.post("/api/v1/conferences", body).json().get("id").asLong();
        clock.advance(Duration.ofHours(23));
        assertThat(keyed.post("/api/v1/conferences", body).json().get("id").asLong()).isEqualTo(first);
        clock.advance(Duration.ofHours(2));
        Response later = keyed.post("/api/v1/conferences", body);
        assertThat(later.status()).isEqualTo(201);
        assertThat(later.json().get("id").asLong()).isNotEqualTo(first);
    }
}
