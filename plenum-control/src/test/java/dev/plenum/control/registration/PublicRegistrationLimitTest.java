package dev.plenum.control.registration;

import static dev.plenum.control.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.control.TestServer;
import dev.plenum.control.store.Engine;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public form answers 429 with Retry-After once an address has used its registrations for the minute. */
class PublicRegistrationLimitTest {
    @Test
    void anAddressOverItsLimitIsToldToWait() {
        try (TestServer server = TestServer.start(Engine.H2, Clock.systemUTC(), RegistrationConfig.defaults().withPerAddressPerMinute(2))) {
            TestServer.Client acme = server.signUp("Acme");
            var c = acme.post("/api/v1/conferences", json(Map.of("name", "Talk", "permanentRoom", false,
                    "startsAt", "2030-01-01T10:00:00", "timeZone", "UTC", "durationMinutes", 30)));
            acme.put("/api/v1/conferences/" + c.json().get("id").asLong() + "/registration", json(Map.of("enabled", true)));
            String path = "/api/v1/public/registrations/" + c.json().get("roomName").asText();
            for (int i = 0; i < 2; i++) {
                assertThat(server.anonymous("POST", path, json(Map.of("name", "P", "email", "p" + i + "@example.org"))).status())
                        .isEqualTo(201);
            }
            TestServer.Response refused = server.anonymous("POST", path, json(Map.of("name", "P", "email", "p9@example.org")));
            assertThat(refused.status()).isEqualTo(429);
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
        }
    }
}
