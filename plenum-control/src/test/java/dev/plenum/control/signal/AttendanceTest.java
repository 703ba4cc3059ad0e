package dev.plenum.control.signal;

import static dev.plenum.control.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plenum.control.MutableClock;
import dev.plenum.control.TestServer;
import dev.plenum.control.TestServer.Client;
import dev.plenum.control.TestServer.Response;
import dev.plenum.control.signal.SignalingServiceTest.FakeConnection;
import dev.plenum.control.store.Engine;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sessions and attendance of planned rooms, on H2 and PostgreSQL: a session runs from the first participant in to the
 * last one out; each person has one record whose time adds up over rejoins (a reconnect within the grace period is
 * no absence); the report comes as JSON and as RFC 4180 CSV safe from formula injection; only the conference's own
 * organisation reads it.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class AttendanceTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2030-03-01T09:00:00Z"));
    private static TestServer server;
    @Parameter
    Engine engine;
    private Client acme;
    private Client globex;

    @BeforeParameterizedClassInvocation
    static void start(Engine engine) {
        server = TestServer.start(engine, TestServer.testAccounts(), CLOCK);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @BeforeEach
    void organisations() {
        acme = server.signUp("Acme");
        globex = server.signUp("Globex");
    }

    private JsonNode webinar() {
        Response r = acme.post("/api/v1/conferences", json(Map.of("name", "Town hall", "roomType", "webinar",
                "permanentRoom", true, "accessType", "open", "lobbyEnabled", false)));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    /** Joins through the join API (as {@code who}, or anonymously when null) and the signaling service. */
    private FakeConnection join(String room, Client who, String name, String browser) {
        String body = json(Map.of("name", name));
        Response r = who == null ? server.anonymous("POST", "/api/v1/rooms/" + room + "/join", body)
                : who.post("/api/v1/rooms/" + room + "/join", body);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        FakeConnection c = new FakeConnection();
        assertThat(server.signaling.open(c, r.json().get("token").asText(), null, browser)).isEmpty();
        return c;
    }

    private void leave(FakeConnection c) {
        server.signaling.onText(c, "{\"type\":\"leave\"}");
    }

    private static void minutes(int n) {
        CLOCK.advance(Duration.ofMinutes(n));
    }

    @Test
    void aSessionsStartAndEndAreQueuedAsWebhooksForItsOrganisationOnly() {
        Response hook = acme.post("/api/v1/webhooks", json(Map.of("url", "https://hooks.example.com/acme",
                "events", java.util.List.of("session.started", "session.ended"))));
        assertThat(hook.status()).as(hook.text()).isEqualTo(201);
        Response other = globex.post("/api/v1/webhooks", json(Map.of("url", "https://hooks.example.com/globex",
                "events", java.util.List.of("session.started", "session.ended"))));
        JsonNode conference = webinar();

        FakeConnection owner = join(conference.get("roomName").asText(), acme, "Olga Owner", "browser-olga");
        minutes(3);
        leave(owner);

        JsonNode deliveries = acme.get("/api/v1/webhooks/" + hook.json().get("id").asLong() + "/deliveries").json().get("data");
        assertThat(deliveries).extracting(d -> d.get("eventType").asText()).containsExactly("session.ended", "session.started");
        String payload = server.db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT payload FROM webhook_deliveries WHERE event_type = 'session.ended' AND webhook_id = :id")
                .bind("id", hook.json().get("id").asLong()).mapTo(String.class).one());
        assertThat(payload).contains("\"conferenceId\":" + conference.get("id").asLong(), "\"attendees\":1");
        assertThat(globex.get("/api/v1/webhooks/" + other.json().get("id").asLong() + "/deliveries").json().get("data"))
                .as("another organisation's endpoint hears nothing of it").isEmpty();
    }

    @Test
    void aLivePeriodIsASessionAndEachPersonsTimeAddsUpOverRejoinsAndReconnects() {
        JsonNode conference = webinar();
        String room = conference.get("roomName").asText();
        String sessions = "/api/v1/conferences/" + conference.get("id").asLong() + "/sessions";
        Instant start = CLOCK.instant();

        FakeConnection owner = join(room, acme, "Olga Owner", "browser-olga");
        minutes(1);
        FakeConnection zoe = join(room, null, "Zoe", "browser-zoe");
        minutes(10);
        leave(zoe);
        minutes(5);
        FakeConnection zoeAgain = join(room, null, "Zoe", "browser-zoe"); // a rejoin: the same person
        minutes(5);
        String resume = zoeAgain.received.getFirst().get("resumeToken").asText();
        server.signaling.onClose(zoeAgain, 1006); // a drop, back within the grace period: no absence
        FakeConnection zoeResumed = new FakeConnection();
        assertThat(server.signaling.open(zoeResumed, null, resume)).isEmpty();
        String zoeId = zoeResumed.received.getFirst().get("participantId").asText();
        server.signaling.onText(owner, "{\"type\":\"promote\",\"participantId\":\"" + zoeId + "\"}");
        server.signaling.onText(zoeResumed, "{\"type\":\"promotion\",\"accepted\":true}");

        Response live = acme.get(sessions);
        assertThat(live.json().get("data")).hasSize(1);
        assertThat(live.json().get("data").get(0).get("endedAt").isNull()).as("live while anyone is in").isTrue();

        minutes(10);
        leave(zoeResumed);
        leave(owner);

        JsonNode session = acme.get(sessions).json().get("data").get(0);
        assertThat(session.get("startedAt").asText()).isEqualTo(start.toString());
        assertThat(session.get("endedAt").asText()).isEqualTo(start.plus(Duration.ofMinutes(31)).toString());
        assertThat(session.get("attendees").asInt()).isEqualTo(2);

        JsonNode attendees = acme.get(sessions + "/" + session.get("id").asLong() + "/attendees").json().get("data");
        assertThat(attendees).hasSize(2);
        JsonNode olga = attendees.get(0);
        assertThat(olga.get("name").asText()).isEqualTo("Olga Owner");
        assertThat(olga.get("email").asText()).isEqualTo(acme.email);
        assertThat(olga.get("role").asText()).isEqualTo("host");
        assertThat(olga.get("totalSeconds").asLong()).isEqualTo(31 * 60);
        JsonNode zoeRecord = attendees.get(1);
        assertThat(zoeRecord.get("email").isNull()).isTrue();
        assertThat(zoeRecord.get("role").asText()).as("the role last held").isEqualTo("presenter");
        assertThat(zoeRecord.get("joinedAt").asText()).isEqualTo(start.plus(Duration.ofMinutes(1)).toString());
        assertThat(zoeRecord.get("leftAt").asText()).isEqualTo(start.plus(Duration.ofMinutes(31)).toString());
        assertThat(zoeRecord.get("totalSeconds").asLong()).isEqualTo((10 + 15) * 60);
        // Each stay, for attendance over time: Zoe's rejoin is a second stay, her dropped-and-resumed link is not.
        assertThat(olga.get("stays")).hasSize(1);
        JsonNode zoeStays = zoeRecord.get("stays");
        assertThat(zoeStays).hasSize(2);
        assertThat(zoeStays.get(0).get("joinedAt").asText()).isEqualTo(start.plus(Duration.ofMinutes(1)).toString());
        assertThat(zoeStays.get(0).get("leftAt").asText()).isEqualTo(start.plus(Duration.ofMinutes(11)).toString());
        assertThat(zoeStays.get(1).get("joinedAt").asText()).isEqualTo(start.plus(Duration.ofMinutes(16)).toString());
        assertThat(zoeStays.get(1).get("leftAt").asText()).isEqualTo(start.plus(Duration.ofMinutes(31)).toString());

        minutes(60);
        leave(join(room, null, "Late", "browser-late"));
        JsonNode two = acme.get(sessions + "?limit=1").json();
        assertThat(two.get("data")).hasSize(1);
        assertThat(two.get("nextCursor").isNull()).isFalse();
        JsonNode second = acme.get(sessions + "?limit=1&cursor=" + two.get("nextCursor").asText()).json();
        assertThat(second.get("data").get(0).get("attendees").asInt()).as("a new live period is a new session").isEqualTo(1);
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void theReportIsRfc4180CsvWithFormulaCellsDefused() {
        JsonNode conference = webinar();
        String room = conference.get("roomName").asText();
        String sessions = "/api/v1/conferences/" + conference.get("id").asLong() + "/sessions";
        FakeConnection first = join(room, null, "=HYPERLINK(\"http://x\",\"y\")", "b1");
        FakeConnection second = join(room, null, "Smith, \"Jo\"", "b2");
        minutes(2);
        leave(first);
        leave(second);
        long sessionId = acme.get(sessions).json().get("data").get(0).get("id").asLong();

        Response csv = acme.get(sessions + "/" + sessionId + "/attendees.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String[] lines = csv.text().split("\r\n", -1);
        assertThat(lines[0]).isEqualTo("name,email,role,joined_at,left_at,total_seconds");
        assertThat(lines[1]).startsWith("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",,attendee,").endsWith(",120");
        assertThat(lines[2]).startsWith("\"Smith, \"\"Jo\"\"\",,attendee,");
        assertThat(lines).hasSize(4); // every record ends with CRLF
        assertThat(lines[3]).isEmpty();

        Response negotiated = acme.withHeaders(Map.of("Accept", "text/csv")).get(sessions + "/" + sessionId + "/attendees");
        assertThat(negotiated.header("Content-Type")).startsWith("text/csv");
        assertThat(negotiated.text()).isEqualTo(csv.text());
    }

    @Test
    void anotherOrganisationsKeyGetsNotFoundAndNoKeyGetsUnauthorized() {
        JsonNode conference = webinar();
        String sessions = "/api/v1/conferences/" + conference.get("id").asLong() + "/sessions";
        leave(join(conference.get("roomName").asText(), null, "Guest", "b"));
        long sessionId = acme.apiKey().get(sessions).json().get("data").get(0).get("id").asLong();
        Client globexKey = globex.apiKey();

        assertThat(globexKey.get(sessions).status()).isEqualTo(404);
        assertThat(globexKey.get(sessions + "/" + sessionId + "/attendees").status()).isEqualTo(404);
        assertThat(globexKey.get(sessions + "/" + sessionId + "/attendees.csv").status()).isEqualTo(404);
        assertThat(server.anonymous("GET", sessions, null).status()).isEqualTo(401);

        long otherConference = webinar().get("id").asLong();
        assertThat(acme.get("/api/v1/conferences/" + otherConference + "/sessions/" + sessionId + "/attendees").status())
                .as("a session is read through its own conference only").isEqualTo(404);
        assertThat(acme.get(sessions + "/nope/attendees").status()).isEqualTo(404);
        assertThat(acme.get(sessions + "?limit=0").status()).isEqualTo(400);
    }

    @Test
    void adHocRoomsHaveNoSessions() {
        leave(join("just-a-chat-" + engine.name().toLowerCase(), null, "Ann", "b"));
        Integer count = server.db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM conference_sessions s "
                + "JOIN conferences c ON c.id = s.conference_id WHERE c.room_name LIKE 'just-a-chat%'").mapTo(Integer.class).one());
        assertThat(count).isZero();
    }

    @Test
    void aSessionLeftOpenByAStoppedProcessEndsAtTheNextStart() {
        JsonNode conference = webinar();
        String sessions = "/api/v1/conferences/" + conference.get("id").asLong() + "/sessions";
        long sessionId = server.api.attendance().sessionStarted(acme.organisationId, conference.get("id").asLong(), CLOCK.instant());
        server.api.attendance().arrived(sessionId, "someone", "Left Behind", null, dev.plenum.control.token.Role.ATTENDEE, CLOCK.instant());
        minutes(3);

        server.api.attendance().endUnfinished();
        JsonNode session = acme.get(sessions).json().get("data").get(0);
        assertThat(session.get("endedAt").asText()).isEqualTo(CLOCK.instant().toString());
        JsonNode attendee = acme.get(sessions + "/" + sessionId + "/attendees").json().get("data").get(0);
        assertThat(attendee.get("leftAt").asText()).isEqualTo(CLOCK.instant().toString());
        assertThat(attendee.get("totalSeconds").asLong()).isEqualTo(180);
        assertThat(attendee.get("stays")).singleElement()
                .satisfies(stay -> assertThat(stay.get("leftAt").asText()).isEqualTo(CLOCK.instant().toString()));
    }

    @Test
    void aRemovedTokenHoldersPersonalLinkIsRevokedAndTheReportKnowsTheirAddress() {
        Response created = acme.post("/api/v1/conferences", json(Map.of("name", "Seminar", "roomType", "meeting",
                "permanentRoom", true, "accessType", "token", "lobbyEnabled", false)));
        String room = created.json().get("roomName").asText();
        String base = "/api/v1/conferences/" + created.json().get("id").asLong();
        String token = acme.post(base + "/tokens", json(Map.of("name", "Zoe", "email", "zoe@example.com"))).json().get("token").asText();

        FakeConnection host = join(room, acme, "Olga", "browser-olga");
        Response joined = server.anonymous("POST", "/api/v1/rooms/" + room + "/join", json(Map.of("name", "Zoe", "accessToken", token)));
        FakeConnection zoe = new FakeConnection();
        assertThat(server.signaling.open(zoe, joined.json().get("token").asText(), null, "browser-zoe")).isEmpty();
        server.signaling.onText(host, "{\"type\":\"removeParticipant\",\"participantId\":\""
                + joined.json().get("participantId").asText() + "\"}");
        assertThat(zoe.closedWith).isEqualTo(4403);

        Response again = server.anonymous("POST", "/api/v1/rooms/" + room + "/join", json(Map.of("name", "Zoe", "accessToken", token)));
        assertThat(again.status()).as("the personal link is spent").isEqualTo(403);
        assertThat(acme.get(base + "/tokens").json().get("data").get(0).get("revokedAt").isNull()).isFalse();
        leave(host);
        long sessionId = acme.get(base + "/sessions").json().get("data").get(0).get("id").asLong();
        JsonNode attendees = acme.get(base + "/sessions/" + sessionId + "/attendees").json().get("data");
        assertThat(attendees.get(1).get("email").asText()).isEqualTo("zoe@example.com");
    }

    @Test
    void hostsAreToldWhereTheLiveSessionsReportIsAndNobodyElseGetsItOrReadsIt() {
        JsonNode conference = webinar();
        String room = conference.get("roomName").asText();
        long id = conference.get("id").asLong();
        FakeConnection owner = join(room, acme, "Olga Owner", "browser-olga");
        String body = json(Map.of("name", "Zoe"));
        Response joined = server.anonymous("POST", "/api/v1/rooms/" + room + "/join", body);
        FakeConnection zoe = new FakeConnection();
        assertThat(server.signaling.open(zoe, joined.json().get("token").asText(), null, "browser-zoe")).isEmpty();
        String zoeId = joined.json().get("participantId").asText();
        server.signaling.onText(owner, "{\"type\":\"promote\",\"participantId\":\"" + zoeId + "\"}");
        server.signaling.onText(zoe, "{\"type\":\"promotion\",\"accepted\":true}");

        long sessionId = acme.get("/api/v1/conferences/" + id + "/sessions").json().get("data").get(0).get("id").asLong();
        JsonNode link = owner.received.stream().filter(m -> m.get("type").asText().equals("sessionReport")).findFirst().orElseThrow();
        String path = "/api/v1/conferences/" + id + "/sessions/" + sessionId + "/report";
        assertThat(link.get("sessionId").asLong()).isEqualTo(sessionId);
        assertThat(link.get("json").asText()).isEqualTo(path);
        assertThat(link.get("html").asText()).isEqualTo(path + ".html");
        assertThat(owner.types()).containsSubsequence("welcome", "lobbyState", "sessionReport");
        assertThat(zoe.types()).as("an attendee, then a presenter, is never told").doesNotContain("sessionReport");

        Response html = acme.get(link.get("html").asText());
        assertThat(html.status()).as("the host's browser is signed in").isEqualTo(200);
        assertThat(html.text()).contains("<td>Zoe</td>", "<td>presenter</td>");
        String zoeToken = joined.json().get("token").asText();
        assertThat(server.request("GET", link.get("html").asText(), null, Map.of("Authorization", "Bearer " + zoeToken))
                .status()).as("a participant's join token is no key to the report").isEqualTo(401);
        assertThat(server.anonymous("GET", link.get("html").asText(), null).status()).isEqualTo(401);

        String resume = owner.received.getFirst().get("resumeToken").asText();
        server.signaling.onClose(owner, 1006);
        FakeConnection back = new FakeConnection();
        assertThat(server.signaling.open(back, null, resume, "browser-olga")).isEmpty();
        assertThat(back.types()).as("told again after a reconnect").contains("sessionReport");
        leave(zoe);
        leave(back);
    }

    @Test
    void anAdHocRoomsHostHasNoReportToDownload() {
        FakeConnection host = join("a-quick-chat-" + engine.name().toLowerCase(), null, "Ann", "browser-ann");
        assertThat(host.received.getFirst().get("role").asText()).isEqualTo("host");
        assertThat(host.types()).doesNotContain("sessionReport");
        leave(host);
    }
}
