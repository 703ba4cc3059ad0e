package dev.plenum.control.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.control.registration.Registrant;
import dev.plenum.control.store.Database;
import dev.plenum.control.store.Engine;
import dev.plenum.control.store.TestDatabases;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A new registration queues one registration.created delivery per endpoint that wants it, in its transaction. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class RegistrationWebhooksTest {
    @Parameter
    Engine engine;
    private Database db;
    private final Webhooks webhooks = new Webhooks();
    private final Instant now = Instant.parse("2026-11-24T09:00:00Z");

    @BeforeEach
    void open() {
        db = TestDatabases.open(engine);
    }

    @AfterEach
    void drop() {
        TestDatabases.drop(db);
    }

    @Test
    void theRegistrantsDetailsAreQueuedForTheOrganisationsEndpoint() {
        long org = db.jdbi().withHandle(h -> h.createUpdate("INSERT INTO organisations (display_name, created_at) VALUES ('Acme', :now)")
                .bind("now", now).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        Webhook hook = db.jdbi().inTransaction(h -> webhooks.create(h, org, URI.create("https://hooks.example.com/x"),
                Set.of(WebhookEvent.REGISTRATION_CREATED), "whsec_x", now));
        Registrant ann = new Registrant(5, 9, org, "Ann Lee", "ann@example.org", Map.of("company", "Acme"), "approved",
                "en", "unsub", false, null, now, now);

        db.jdbi().useTransaction(h -> new RegistrationWebhooks(webhooks).registrationCreated(h, 9, ann));

        var deliveries = db.jdbi().withHandle(h -> webhooks.deliveries(h, hook.id(), 10));
        assertThat(deliveries).singleElement().satisfies(d -> assertThat(d.eventType()).isEqualTo("registration.created"));
        String payload = db.jdbi().withHandle(h -> h.createQuery("SELECT payload FROM webhook_deliveries").mapTo(String.class).one());
        assertThat(payload).contains("\"registrationId\":5", "\"conferenceId\":9", "\"email\":\"ann@example.org\"",
                "\"answers\":{\"company\":\"Acme\"}").doesNotContain("unsub");
    }
}
