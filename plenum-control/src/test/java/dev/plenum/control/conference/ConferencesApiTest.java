package dev.plenum.control.conference;

import static dev.plenum.control.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plenum.control.TestServer;
import dev.plenum.control.TestServer.Client;
import dev.plenum.control.TestServer.Response;
import dev.plenum.control.store.Engine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The conferences resource, on H2 and PostgreSQL: one server and schema per engine, fresh organisations per test. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class ConferencesApiTest {
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
        acme = server.signUp("Acme");
        globex = server.signUp("Globex");
    }

    static Map<String, Object> scheduled(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("roomType", "webinar");
        body.put("permanentRoom", false);
        body.put("startsAt", "2030-07-01T10:00:00");
        body.put("timeZone", "Europe/Warsaw");
        body.put("durationMinutes", 90);
        body.put("accessType", "open");
        body.put("lobbyEnabled", true);
        return body;
    }

    private JsonNode create(Client who, Map<String, Object> body) {
        Response r = who.post("/api/v1/conferences", json(body));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    private static List<String> faultyFields(Response r) {
        List<String> fields = new ArrayList<>();
        r.json().get("fields").forEach(f -> fields.add(f.get("field").asText()));
        return fields;
    }

    @Test
    void aScheduledWebinarKeepsItsWallClockStartZoneAndJoinLink() {
        JsonNode c = create(acme, scheduled("Quarterly results"));
        assertThat(c.get("name").asText()).isEqualTo("Quarterly results");
        assertThat(c.get("roomType").asText()).isEqualTo("webinar");
        assertThat(c.get("permanentRoom").asBoolean()).isFalse();
        assertThat(c.get("startsAt").asText()).isEqualTo("2030-07-01T10:00:00");
        assertThat(c.get("timeZone").asText()).isEqualTo("Europe/Warsaw");
        assertThat(c.get("startsAtUtc").asText()).isEqualTo("2030-07-01T08:00:00Z"); // CEST, UTC+2
        assertThat(c.get("endsAtUtc").asText()).isEqualTo("2030-07-01T09:30:00Z");
        assertThat(c.get("durationMinutes").asInt()).isEqualTo(90);
        assertThat(c.get("lobbyEnabled").asBoolean()).isTrue();
        assertThat(c.get("roomName").asText()).matches("[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}");
        assertThat(c.get("joinPath").asText()).isEqualTo("/" + c.get("roomName").asText());

        Response read = acme.get("/api/v1/conferences/" + c.get("id").asLong());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(c);
        assertThat(read.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void aPermanentMeetingIsTheDefault() {
        JsonNode c = create(acme, Map.of("name", "Team room"));
        assertThat(c.get("roomType").asText()).isEqualTo("meeting");
        assertThat(c.get("permanentRoom").asBoolean()).isTrue();
        assertThat(c.get("startsAt").isNull()).isTrue();
        assertThat(c.get("accessType").asText()).isEqualTo("open");
        assertThat(c.get("lobbyEnabled").asBoolean()).isFalse();
    }

    @Test
    void theCreatedAnswerPointsAtTheNewConference() {
        Response r = acme.post("/api/v1/conferences", json(Map.of("name", "x")));
        assertThat(r.header("Location")).isEqualTo("/api/v1/conferences/" + r.json().get("id").asLong());
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        Map<String, Object> body = scheduled("x");
        body.put("roomType", "party");
        body.put("accessType", "secret");
        body.put("durationMinutes", 0);
        body.put("timeZone", "Mars/Olympus");
        body.put("lobbyEnabled", "yes");
        body.put("timezone", "Europe/Warsaw");
        body.put("name", "");
        Response r = acme.post("/api/v1/conferences", json(body));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("error").asText()).isEqualTo("invalid-request");
        assertThat(faultyFields(r)).containsExactlyInAnyOrder("name", "roomType", "accessType", "durationMinutes",
                "timeZone", "lobbyEnabled", "timezone");
        assertThat(acme.get("/api/v1/conferences").json().get("data")).isEmpty();
    }

    @Test
    void aNameIsRequired() {
        Response r = acme.post("/api/v1/conferences", json(Map.of("roomType", "meeting")));
        assertThat(r.status()).isEqualTo(422);
        assertThat(faultyFields(r)).containsExactly("name");
    }

    @Test
    void aScheduledRoomNeedsStartZoneAndDuration() {
        Response r = acme.post("/api/v1/conferences", json(Map.of("name", "x", "permanentRoom", false)));
        assertThat(r.status()).isEqualTo(422);
        assertThat(faultyFields(r)).containsExactlyInAnyOrder("startsAt", "timeZone", "durationMinutes");
    }

    @Test
    void aPermanentRoomRefusesScheduleFields() {
        Response r = acme.post("/api/v1/conferences", json(Map.of("name", "x", "startsAt", "2030-01-01T10:00:00")));
        assertThat(r.status()).isEqualTo(422);
        assertThat(faultyFields(r)).containsExactly("startsAt");
    }

    @Test
    void aStartTimeTheClocksSkipIsRefused() {
        Map<String, Object> body = scheduled("x");
        body.put("startsAt", "2030-03-31T02:30:00"); // Europe/Warsaw jumps from 02:00 to 03:00 that night
        Response r = acme.post("/api/v1/conferences", json(body));
        assertThat(r.status()).isEqualTo(422);
        assertThat(faultyFields(r)).containsExactly("startsAt");
        assertThat(r.json().get("fields").get(0).get("message").asText()).contains("skip");
    }

    @Test
    void aStartTimeWithAnOffsetOrInThePastIsRefused() {
        Map<String, Object> body = scheduled("x");
        body.put("startsAt", "2030-07-01T10:00:00+02:00");
        assertThat(faultyFields(acme.post("/api/v1/conferences", json(body)))).containsExactly("startsAt");
        body.put("startsAt", "2020-07-01T10:00:00");
        Response past = acme.post("/api/v1/conferences", json(body));
        assertThat(past.status()).isEqualTo(422);
        assertThat(past.json().get("fields").get(0).get("message").asText()).contains("future");
    }

    @Test
    void passwordAccessNeedsAPasswordWhichIsNeverShown() {
        Response missing = acme.post("/api/v1/conferences", json(Map.of("name", "x", "accessType", "password")));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(faultyFields(missing)).containsExactly("password");
        Response stray = acme.post("/api/v1/conferences", json(Map.of("name", "x", "password", "sesame")));
        assertThat(faultyFields(stray)).containsExactly("password");

        JsonNode c = create(acme, Map.of("name", "x", "accessType", "password", "password", "open sesame"));
        assertThat(c.get("accessType").asText()).isEqualTo("password");
        assertThat(c.has("password")).isFalse();
        assertThat(c.toString()).doesNotContain("sesame");
        String stored = server.db.jdbi().withHandle(h -> h.createQuery("SELECT password_hash FROM conferences WHERE id = :id")
                .bind("id", c.get("id").asLong()).mapTo(String.class).one());
        assertThat(stored).startsWith("$argon2id$").doesNotContain("sesame");
    }

    @Test
    void malformedBodiesAreRefusedBeforeAnythingIsStored() {
        assertThat(acme.post("/api/v1/conferences", "{\"name\": ").status()).isEqualTo(400);
        assertThat(acme.post("/api/v1/conferences", "[1, 2]").status()).isEqualTo(400);
        Response wrongType = acme.withHeaders(Map.of("Content-Type", "text/plain")).post("/api/v1/conferences", json(Map.of("name", "x")));
        assertThat(wrongType.status()).isEqualTo(415);
        Response huge = acme.post("/api/v1/conferences", json(Map.of("name", "x".repeat(20_000))));
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.json().get("error").asText()).isEqualTo("body-too-large");
        assertThat(acme.get("/api/v1/conferences").json().get("data")).isEmpty();
    }

    @Test
    void anOversizeBodyWithoutALengthIsRefusedToo() throws Exception {
        byte[] big = json(Map.of("name", "x".repeat(40_000))).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.server.port()
                        + "/api/v1/conferences"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + acmeKey())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                .build(); // a stream body goes chunked, with no Content-Length to check up front
        var response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(acme.get("/api/v1/conferences").json().get("data")).isEmpty();
    }

    private String acmeKey() {
        return acme.post("/api/v1/api-keys", json(Map.of("label", "k"))).json().get("key").asText();
    }

    @Test
    void pagesFollowTheCursorToTheEnd() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) ids.add(create(acme, Map.of("name", "room " + i)).get("id").asLong());
        create(globex, Map.of("name", "not Acme's"));
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response r = acme.get("/api/v1/conferences?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(r.status()).isEqualTo(200);
            r.json().get("data").forEach(c -> seen.add(c.get("id").asLong()));
            cursor = r.json().get("nextCursor").isNull() ? null : r.json().get("nextCursor").asText();
            pages++;
        } while (cursor != null);
        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(pages).isEqualTo(3);
        assertThat(acme.get("/api/v1/conferences").json().get("data")).hasSize(5);
    }

    @Test
    void badPagingParametersAreNamed() {
        Response limit = acme.get("/api/v1/conferences?limit=1000");
        assertThat(limit.status()).isEqualTo(400);
        assertThat(faultyFields(limit)).containsExactly("limit");
        Response cursor = acme.get("/api/v1/conferences?cursor=bm9wZQ");
        assertThat(cursor.status()).isEqualTo(400);
        assertThat(faultyFields(cursor)).containsExactly("cursor");
    }

    @Test
    void patchChangesOnlyWhatIsSent() {
        JsonNode c = create(acme, scheduled("Before"));
        long id = c.get("id").asLong();
        Response r = acme.patch("/api/v1/conferences/" + id, json(Map.of("name", "After", "lobbyEnabled", false)));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("name").asText()).isEqualTo("After");
        assertThat(r.json().get("lobbyEnabled").asBoolean()).isFalse();
        assertThat(r.json().get("startsAt").asText()).isEqualTo("2030-07-01T10:00:00");
        assertThat(r.json().get("roomName")).isEqualTo(c.get("roomName"));
        assertThat(acme.get("/api/v1/conferences/" + id).json()).isEqualTo(r.json());
    }

    @Test
    void patchToPermanentDropsTheScheduleAndBackNeedsOne() {
        long id = create(acme, scheduled("x")).get("id").asLong();
        Response permanent = acme.patch("/api/v1/conferences/" + id, json(Map.of("permanentRoom", true)));
        assertThat(permanent.status()).isEqualTo(200);
        assertThat(permanent.json().get("startsAt").isNull()).isTrue();
        assertThat(permanent.json().get("timeZone").isNull()).isTrue();
        Response scheduledAgain = acme.patch("/api/v1/conferences/" + id, json(Map.of("permanentRoom", false)));
        assertThat(scheduledAgain.status()).isEqualTo(422);
        assertThat(faultyFields(scheduledAgain)).containsExactlyInAnyOrder("startsAt", "timeZone", "durationMinutes");
    }

    @Test
    void patchValidatesAndChangesNothingWhenRefused() {
        JsonNode c = create(acme, Map.of("name", "Keep"));
        long id = c.get("id").asLong();
        Response r = acme.patch("/api/v1/conferences/" + id, json(Map.of("name", "New", "accessType", "password")));
        assertThat(r.status()).isEqualTo(422);
        assertThat(faultyFields(r)).containsExactly("password");
        assertThat(acme.get("/api/v1/conferences/" + id).json()).isEqualTo(c);
    }

    @Test
    void deleteRemovesTheConferenceForGood() {
        long id = create(acme, Map.of("name", "x")).get("id").asLong();
        assertThat(acme.delete("/api/v1/conferences/" + id).status()).isEqualTo(204);
        assertThat(acme.get("/api/v1/conferences/" + id).status()).isEqualTo(404);
        assertThat(acme.delete("/api/v1/conferences/" + id).status()).isEqualTo(404);
        assertThat(acme.patch("/api/v1/conferences/" + id, json(Map.of("name", "y"))).status()).isEqualTo(404);
        assertThat(acme.get("/api/v1/conferences").json().get("data")).isEmpty();
    }

    @Test
    void unknownIdsAreNotFound() {
        Response r = acme.get("/api/v1/conferences/999999999");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").asText()).isEqualTo("not-found");
        assertThat(acme.get("/api/v1/conferences/abc").status()).isEqualTo(404);
        assertThat(acme.get("/api/v1/conferences/-1").status()).isEqualTo(404);
    }

    @Test
    void anotherOrganisationsConferenceLooksExactlyLikeAMissingOne() {
        long id = create(acme, Map.of("name", "Acme only")).get("id").asLong();
        Response foreign = globex.get("/api/v1/conferences/" + id);
        Response missing = globex.get("/api/v1/conferences/999999999");
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json()).isEqualTo(missing.json());
        assertThat(globex.patch("/api/v1/conferences/" + id, json(Map.of("name", "mine"))).status()).isEqualTo(404);
        assertThat(globex.delete("/api/v1/conferences/" + id).status()).isEqualTo(404);
        assertThat(globex.get("/api/v1/conferences").json().get("data")).isEmpty();
        assertThat(acme.get("/api/v1/conferences/" + id).json().get("name").asText()).isEqualTo("Acme only");
    }

    @Test
    void apiKeysActForTheirOrganisation() {
        Client key = acme.apiKey();
        long id = create(key, Map.of("name", "made by a script")).get("id").asLong();
        assertThat(acme.get("/api/v1/conferences/" + id).status()).isEqualTo(200);
        assertThat(globex.apiKey().get("/api/v1/conferences/" + id).status()).isEqualTo(404);
    }

    @Test
    void withoutValidCredentialsNothingIsAnsweredOrChanged() {
        assertThat(server.anonymous("GET", "/api/v1/conferences", null).status()).isEqualTo(401);
        Response anonymousPost = server.anonymous("POST", "/api/v1/conferences", json(Map.of("name", "x")));
        assertThat(anonymousPost.status()).isEqualTo(401);
        assertThat(anonymousPost.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(acme.withApiKey("plk_not-a-key").get("/api/v1/conferences").status()).isEqualTo(401);
        Response basic = server.request("GET", "/api/v1/conferences", null, Map.of("Authorization", "Basic YTpi"));
        assertThat(basic.status()).isEqualTo(401);
        Response forgedCookie = server.request("GET", "/api/v1/conferences", null, Map.of("Cookie", "plenum_session=forged"));
        assertThat(forgedCookie.status()).isEqualTo(401);
        assertThat(acme.get("/api/v1/conferences").json().get("data")).isEmpty();
    }

    @Test
    void aSessionMustProveItIsNotACrossSiteRequest() {
        Client noToken = acme.withoutHeader("X-CSRF-Token");
        assertThat(noToken.get("/api/v1/conferences").status()).isEqualTo(200);
        Response post = noToken.post("/api/v1/conferences", json(Map.of("name", "x")));
        assertThat(post.status()).isEqualTo(403);
        assertThat(post.json().get("error").asText()).isEqualTo("csrf");
        Response wrong = acme.withHeaders(Map.of("X-CSRF-Token", "guess")).post("/api/v1/conferences", json(Map.of("name", "x")));
        assertThat(wrong.status()).isEqualTo(403);
        Response otherSessionsToken = acme.withHeaders(Map.of("X-CSRF-Token", globexToken())).post("/api/v1/conferences",
                json(Map.of("name", "x")));
        assertThat(otherSessionsToken.status()).isEqualTo(403);
        assertThat(acme.get("/api/v1/conferences").json().get("data")).isEmpty();
    }

    private String globexToken() {
        return globex.get("/api/v1/me").json().get("csrfToken").asText();
    }

    @Test
    void aRetriedPostWithTheSameKeyGetsTheSameAnswer() {
        Client keyed = acme.withHeaders(Map.of("Idempotency-Key", "retry-1"));
        String body = json(scheduled("Once"));
        Response first = keyed.post("/api/v1/conferences", body);
        Response again = keyed.post("/api/v1/conferences", body);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(acme.get("/api/v1/conferences").json().get("data")).hasSize(1);
    }

    @Test
    void theSameKeyWithADifferentBodyIsRefused() {
        Client keyed = acme.withHeaders(Map.of("Idempotency-Key", "retry-2"));
        assertThat(keyed.post("/api/v1/conferences", json(Map.of("name", "one"))).status()).isEqualTo(201);
        Response other = keyed.post("/api/v1/conferences", json(Map.of("name", "two")));
        assertThat(other.status()).isEqualTo(422);
        assertThat(faultyFields(other)).containsExactly("Idempotency-Key");
        assertThat(acme.get("/api/v1/conferences").json().get("data")).hasSize(1);
    }

    @Test
    void keysBelongToOneOrganisation() {
        String body = json(Map.of("name", "same"));
        long a = acme.withHeaders(Map.of("Idempotency-Key", "shared")).post("/api/v1/conferences", body).json().get("id").asLong();
        Response g = globex.withHeaders(Map.of("Idempotency-Key", "shared")).post("/api/v1/conferences", body);
        assertThat(g.status()).isEqualTo(201);
        assertThat(g.json().get("id").asLong()).isNotEqualTo(a);
    }

    @Test
    void aRefusedRequestDoesNotUseUpItsKey() {
        Client keyed = acme.withHeaders(Map.of("Idempotency-Key", "fix-and-retry"));
        assertThat(keyed.post("/api/v1/conferences", json(Map.of("roomType", "meeting"))).status()).isEqualTo(422);
        assertThat(keyed.post("/api/v1/conferences", json(Map.of("name", "fixed"))).status()).isEqualTo(201);
    }

    @Test
    void aMalformedKeyIsNamed() {
        Response r = acme.withHeaders(Map.of("Idempotency-Key", "x".repeat(300))).post("/api/v1/conferences", json(Map.of("name", "x")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(faultyFields(r)).containsExactly("Idempotency-Key");
    }

    @Test
    void concurrentRetriesCreateOneConference() throws Exception {
        Client keyed = acme.withHeaders(Map.of("Idempotency-Key", "race"));
        String body = json(Map.of("name", "raced"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) calls.add(() -> keyed.post("/api/v1/conferences", body));
            List<Long> ids = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                Response r = f.get();
                assertThat(r.status()).as(r.text()).isEqualTo(201);
                ids.add(r.json().get("id").asLong());
            }
            assertThat(ids).containsOnly(ids.getFirst());
        } finally {
            pool.shutdownNow();
        }
        assertThat(acme.get("/api/v1/conferences").json().get("data")).hasSize(1);
    }
}
