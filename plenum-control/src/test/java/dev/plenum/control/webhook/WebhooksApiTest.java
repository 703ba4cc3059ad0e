package dev.plenum.control.webhook;

import static dev.plenum.control.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plenum.control.TestServer;
import dev.plenum.control.TestServer.Client;
import dev.plenum.control.TestServer.Response;
import dev.plenum.control.store.Engine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The webhooks resource, on H2 and PostgreSQL: endpoints per organisation, validation, deliveries. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class WebhooksApiTest {
    private static TestServer server;
    @Parameter
    Engine engine;
    private Client acme;
    private Client globex;

    @BeforeParameterizedClassInvocation
    static void start(Engine engine) {
        server = TestServer.start(engine);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @BeforeEach
    void organisations() {
        acme = server.signUp("Acme").apiKey();
        globex = server.signUp("Globex").apiKey();
    }

    private static List<String> faultyFields(Response r) {
        List<String> fields = new ArrayList<>();
        r.json().get("fields").forEach(f -> fields.add(f.get("field").asText()));
        return fields;
    }

    private JsonNode create(Client who, String url, List<String> events) {
        Response r = who.post("/api/v1/webhooks", json(Map.of("url", url, "events", events)));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    @Test
    void anEndpointIsAddedWithItsSecretShownOnceAndListedWithoutIt() {
        JsonNode created = create(acme, "https://hooks.example.com/plenum", List.of("session.started", "registration.created"));
        assertThat(created.get("signingSecret").asText()).startsWith("whsec_").hasSizeGreaterThan(30);
        assertThat(created.get("events")).extracting(JsonNode::asText).containsExactly("registration.created", "session.started");

        Response list = acme.get("/api/v1/webhooks");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("data")).hasSize(1);
        assertThat(list.json().get("data").get(0).has("signingSecret")).isFalse();
        assertThat(globex.get("/api/v1/webhooks").json().get("data")).as("another organisation sees none").isEmpty();
    }

    @Test
    void badEndpointsAreRefusedNamingTheField() {
        Response ftp = acme.post("/api/v1/webhooks", json(Map.of("url", "ftp://example.com/x", "events", List.of("session.ended"))));
        assertThat(ftp.status()).isEqualTo(422);
        assertThat(faultyFields(ftp)).containsExactly("url");
        Response events = acme.post("/api/v1/webhooks", json(Map.of("url", "https://example.com/x", "events", List.of("party.started"))));
        assertThat(faultyFields(events)).containsExactly("events");
        Response empty = acme.post("/api/v1/webhooks", json(Map.of("url", "https://u:p@example.com/x", "events", List.of())));
        assertThat(faultyFields(empty)).containsExactlyInAnyOrder("url", "events");
        Response unknown = acme.post("/api/v1/webhooks",
                json(Map.of("url", "https://example.com/x", "events", List.of("session.ended"), "secret", "mine")));
        assertThat(faultyFields(unknown)).containsExactly("secret");
        assertThat(acme.get("/api/v1/webhooks").json().get("data")).as("nothing was added").isEmpty();
    }

    @Test
    void anotherOrganisationCannotSeeOrDeleteAnEndpointOrItsDeliveries() {
        long id = create(acme, "https://hooks.example.com/a", List.of("session.ended")).get("id").asLong();
        assertThat(globex.get("/api/v1/webhooks/" + id + "/deliveries").status()).isEqualTo(404);
        assertThat(globex.delete("/api/v1/webhooks/" + id).status()).isEqualTo(404);
        assertThat(acme.get("/api/v1/webhooks").json().get("data")).hasSize(1);
        assertThat(acme.delete("/api/v1/webhooks/" + id).status()).isEqualTo(204);
        assertThat(acme.delete("/api/v1/webhooks/" + id).status()).isEqualTo(404);
        assertThat(acme.get("/api/v1/webhooks/abc/deliveries").status()).isEqualTo(404);
    }

    @Test
    void deliveriesShowWhatWasQueuedAndHowItWent() {
        long id = create(acme, "https://hooks.example.com/a", List.of("session.ended")).get("id").asLong();
        server.db.jdbi().useTransaction(h -> new Webhooks().publish(h, acme.organisationId, WebhookEvent.SESSION_ENDED,
                "{\"sessionId\":3}", Instant.now()));
        Response r = acme.get("/api/v1/webhooks/" + id + "/deliveries");
        assertThat(r.status()).isEqualTo(200);
        JsonNode d = r.json().get("data").get(0);
        assertThat(d.get("eventType").asText()).isEqualTo("session.ended");
        assertThat(d.get("status").asText()).isEqualTo("pending");
        assertThat(d.get("attempts").asInt()).isZero();
        assertThat(acme.get("/api/v1/webhooks/" + id + "/deliveries?limit=0").status()).isEqualTo(400);
    }

    @Test
    void withoutCredentialsNothingIsAdded() {
        Response r = server.anonymous("POST", "/api/v1/webhooks",
                json(Map.of("url", "https://example.com/x", "events", List.of("session.ended"))));
        assertThat(r.status()).isEqualTo(401);
    }
}
