package dev.plenum.control.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.plenum.control.MutableClock;
import dev.plenum.control.store.Database;
import dev.plenum.control.store.Engine;
import dev.plenum.control.store.TestDatabases;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Deliveries to a real HTTP endpoint on loopback: signed, retried with backoff until accepted, given up after the
 * last attempt, kept across a restart, and never sent to a private network unless the server allows it.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class WebhookDispatcherTest {
    @Parameter
    Engine engine;
    private Database db;
    private HttpServer receiver;
    private URI endpoint;
    private final Webhooks webhooks = new Webhooks();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T09:00:00Z"));
    private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private long organisation;

    private static WebhookDispatcher.Settings settings(boolean allowPrivate) {
        return new WebhookDispatcher.Settings(Duration.ofSeconds(1), Duration.ofSeconds(10), 3, allowPrivate);
    }

    @BeforeEach
    void start() throws IOException {
        db = TestDatabases.open(engine);
        organisation = db.jdbi().withHandle(h -> h.createUpdate(
                        "INSERT INTO organisations (display_name, created_at) VALUES ('Acme', :now)")
                .bind("now", clock.instant()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(Map.of("body", body, "signature", exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                    "event", exchange.getRequestHeaders().getFirst("Plenum-Event"),
                    "delivery", exchange.getRequestHeaders().getFirst("Plenum-Delivery")));
            Integer status = answers.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        receiver.start();
        endpoint = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks");
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        TestDatabases.drop(db);
    }

    private Webhook endpoint(Set<WebhookEvent> events) {
        return db.jdbi().inTransaction(h -> webhooks.create(h, organisation, endpoint, events, "whsec_test", clock.instant()));
    }

    private int publish(WebhookEvent event, String data) {
        return db.jdbi().inTransaction(h -> webhooks.publish(h, organisation, event, data, clock.instant()));
    }

    private Webhooks.DeliveryState only(Webhook w) {
        List<Webhooks.DeliveryState> all = db.jdbi().withHandle(h -> webhooks.deliveries(h, w.id(), 10));
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    @Test
    void anEventIsDeliveredSignedAndRetriedWithBackoffUntilAccepted() {
        Webhook hook = endpoint(Set.of(WebhookEvent.SESSION_STARTED));
        assertThat(publish(WebhookEvent.SESSION_STARTED, "{\"conferenceId\":7}")).isEqualTo(1);
        answers.add(500);
        try (WebhookDispatcher dispatcher = new WebhookDispatcher(db, webhooks, settings(true), clock)) {
            assertThat(dispatcher.runOnce()).isEqualTo(1);
            assertThat(only(hook).lastStatus()).isEqualTo(500);
            assertThat(only(hook).deliveredAt()).isNull();
            assertThat(dispatcher.runOnce()).as("not due again before the backoff").isZero();

            clock.advance(Duration.ofSeconds(10));
            assertThat(dispatcher.runOnce()).isEqualTo(1);
            Webhooks.DeliveryState state = only(hook);
            assertThat(state.deliveredAt()).isNotNull();
            assertThat(state.attempts()).isEqualTo(2);
            assertThat(state.lastStatus()).isEqualTo(200);
            clock.advance(Duration.ofHours(1));
            assertThat(dispatcher.runOnce()).as("a delivered event is not sent again").isZero();
        }
        assertThat(received).hasSize(2);
        Map<String, String> last = received.getLast();
        assertThat(last.get("body")).isEqualTo(received.getFirst().get("body")).contains("\"type\":\"session.started\"")
                .contains("\"data\":{\"conferenceId\":7}");
        assertThat(WebhookSignature.verify("whsec_test", last.get("signature"), last.get("body"))).isTrue();
        assertThat(last.get("event")).isEqualTo("session.started");
        assertThat(last.get("delivery")).isEqualTo(Long.toString(only(hook).id()));
    }

    @Test
    void aDeliveryIsGivenUpAfterTheLastAttempt() {
        Webhook hook = endpoint(Set.of(WebhookEvent.SESSION_ENDED));
        publish(WebhookEvent.SESSION_ENDED, "{}");
        answers.addAll(List.of(503, 503, 503, 503));
        try (WebhookDispatcher dispatcher = new WebhookDispatcher(db, webhooks, settings(true), clock)) {
            for (int i = 0; i < 6; i++) {
                dispatcher.runOnce();
                clock.advance(Duration.ofMinutes(5)); // beyond each backoff (10 s, 20 s)
            }
        }
        assertThat(received).hasSize(3);
        Webhooks.DeliveryState state = only(hook);
        assertThat(state.gaveUpAt()).isNotNull();
        assertThat(state.attempts()).isEqualTo(3);
        assertThat(state.lastError()).isEqualTo("HTTP 503");
    }

    @Test
    void onlyEndpointsThatWantTheEventGetItAndADeletedOneNoMore() {
        endpoint(Set.of(WebhookEvent.REGISTRATION_CREATED));
        Webhook sessions = endpoint(Set.of(WebhookEvent.SESSION_STARTED, WebhookEvent.SESSION_ENDED));
        assertThat(publish(WebhookEvent.SESSION_STARTED, "{}")).isEqualTo(1);
        boolean deleted = db.jdbi().inTransaction(h -> webhooks.delete(h, organisation, sessions.id(), clock.instant()));
        assertThat(deleted).isTrue();
        assertThat(publish(WebhookEvent.SESSION_ENDED, "{}")).isZero();
        try (WebhookDispatcher dispatcher = new WebhookDispatcher(db, webhooks, settings(true), clock)) {
            assertThat(dispatcher.runOnce()).as("the queued one is given up with its endpoint").isZero();
        }
        assertThat(only(sessions).gaveUpAt()).isNotNull();
        assertThat(received).isEmpty();
    }

    @Test
    void whatWasQueuedBeforeARestartIsDeliveredAfterIt() {
        Webhook hook = endpoint(Set.of(WebhookEvent.REGISTRATION_CREATED));
        publish(WebhookEvent.REGISTRATION_CREATED, "{\"registrationId\":1}");
        try (Database restarted = Database.open(db.config());
             WebhookDispatcher dispatcher = new WebhookDispatcher(restarted, webhooks, settings(true), clock)) {
            assertThat(dispatcher.runOnce()).isEqualTo(1);
        }
        assertThat(received).hasSize(1);
        assertThat(only(hook).deliveredAt()).isNotNull();
    }

    @Test
    void aPrivateNetworkAddressIsNotDeliveredToUnlessAllowed() {
        Webhook hook = endpoint(Set.of(WebhookEvent.SESSION_STARTED));
        publish(WebhookEvent.SESSION_STARTED, "{}");
        try (WebhookDispatcher dispatcher = new WebhookDispatcher(db, webhooks, settings(false), clock)) {
            dispatcher.runOnce();
        }
        assertThat(received).isEmpty();
        assertThat(only(hook).lastError()).contains("127.0.0.1").contains("private network");
    }
}
