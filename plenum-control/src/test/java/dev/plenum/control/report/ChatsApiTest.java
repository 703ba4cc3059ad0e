package dev.plenum.control.report;

import static dev.plenum.control.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plenum.control.TestServer;
import dev.plenum.control.TestServer.Client;
import dev.plenum.control.TestServer.Response;
import dev.plenum.control.chat.ChatAudience;
import dev.plenum.control.chat.SqlChatLog;
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

/**
 * The chats resource, on H2 and PostgreSQL: a conference's chat per session, as its hosts may read it, in JSON pages
 * or as a CSV or text download, for its organisation only.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class ChatsApiTest {
    private static TestServer server;
    @Parameter
    Engine engine;
    private Client acme;
    private Client globex;
    private long conferenceId;
    private String room;
    private final Instant morning = Instant.parse("2026-11-24T09:00:00Z");
    private final Instant afternoon = Instant.parse("2026-11-24T14:00:00Z");

    @BeforeParameterizedClassInvocation
    static void start(Engine engine) {
        server = TestServer.start(engine);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @BeforeEach
    void conference() {
        acme = server.signUp("Acme").apiKey();
        globex = server.signUp("Globex").apiKey();
        Response r = acme.post("/api/v1/conferences", json(Map.of("name", "Class 7b")));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        conferenceId = r.json().get("id").asLong();
        room = r.json().get("roomName").asText();
    }

    /** A session of the conference from {@code start} for {@code minutes} (null: still live). */
    private long session(Instant start, Integer minutes) {
        return server.db.jdbi().withHandle(h -> h.createUpdate("""
                        INSERT INTO conference_sessions (organisation_id, conference_id, started_at, ended_at)
                        VALUES (:org, :c, :start, :end)""")
                .bind("org", acme.organisationId).bind("c", conferenceId).bind("start", start)
                .bindByType("end", minutes == null ? null : start.plusSeconds(60L * minutes), Instant.class)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    private String path() {
        return "/api/v1/conferences/" + conferenceId + "/chats";
    }

    @Test
    void eachSessionListsTheMessagesSentDuringItThatAHostCouldRead() {
        long first = session(morning, 60);
        long second = session(afternoon, null);
        SqlChatLog chat = new SqlChatLog(server.db);
        chat.append(room, "ann", "Ann", new ChatAudience.Everyone(), "before the class", morning.minusSeconds(60));
        chat.append(room, "ann", "Ann", new ChatAudience.Everyone(), "Good morning", morning.plusSeconds(10));
        chat.append(room, "ann", "Ann", new ChatAudience.Person("bob"), "just between us", morning.plusSeconds(20));
        chat.append(room, "bob", "Bob", new ChatAudience.Hosts(), "I must leave, early=yes", morning.plusSeconds(30));
        chat.append(room, "cy", "Cy", new ChatAudience.Everyone(), "two\nlines, \"quoted\"", afternoon.plusSeconds(5));
        chat.append("another-room", "cy", "Cy", new ChatAudience.Everyone(), "elsewhere", afternoon.plusSeconds(6));

        Response list = acme.get(path());
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        JsonNode data = list.json().get("data");
        assertThat(data).extracting(s -> s.get("sessionId").asLong()).containsExactly(first, second);
        assertThat(data).extracting(s -> s.get("messages").asLong()).containsExactly(2L, 1L);
        assertThat(data.get(0).get("startedAt").asText()).isEqualTo("2026-11-24T09:00:00Z");
        assertThat(data.get(1).get("endedAt").isNull()).isTrue();
        assertThat(list.json().get("nextCursor").isNull()).isTrue();

        Response morningChat = acme.get(path() + "/" + first);
        assertThat(morningChat.status()).as(morningChat.text()).isEqualTo(200);
        assertThat(morningChat.json().get("messages").asLong()).isEqualTo(2);
        assertThat(morningChat.json().get("data")).extracting(m -> m.get("text").asText())
                .as("private messages between others stay private").containsExactly("Good morning", "I must leave, early=yes");
        assertThat(morningChat.json().get("data")).extracting(m -> m.get("to").asText()).containsExactly("everyone", "hosts");

        Response csv = acme.get(path() + "/" + second + "?format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).isEqualTo("attachment; filename=\"chat-" + second + ".csv\"");
        assertThat(csv.text()).isEqualTo("sent_at,from,to,text\r\n2026-11-24T14:00:05Z,Cy,everyone,\"two\nlines, \"\"quoted\"\"\"\r\n");

        Response text = acme.withHeaders(Map.of("Accept", "text/plain")).get(path() + "/" + first);
        assertThat(text.header("Content-Type")).startsWith("text/plain");
        assertThat(text.text()).isEqualTo("[2026-11-24T09:00:10Z] Ann to everyone: Good morning\n"
                + "[2026-11-24T09:00:30Z] Bob to hosts: I must leave, early=yes\n");
        assertThat(acme.get(path() + "/" + second + "?format=txt").text())
                .isEqualTo("[2026-11-24T14:00:05Z] Cy to everyone: two\n  lines, \"quoted\"\n");
    }

    @Test
    void sessionsAndMessagesComeInPages() {
        List<Long> sessions = new ArrayList<>();
        for (int i = 0; i < 3; i++) sessions.add(session(morning.plusSeconds(3600L * i), 30));
        SqlChatLog chat = new SqlChatLog(server.db);
        for (int i = 0; i < 5; i++) chat.append(room, "ann", "Ann", new ChatAudience.Everyone(), "m" + i, morning.plusSeconds(i));

        JsonNode page1 = acme.get(path() + "?limit=2").json();
        assertThat(page1.get("data")).extracting(s -> s.get("sessionId").asLong()).containsExactly(sessions.get(0), sessions.get(1));
        JsonNode page2 = acme.get(path() + "?limit=2&cursor=" + page1.get("nextCursor").asText()).json();
        assertThat(page2.get("data")).extracting(s -> s.get("sessionId").asLong()).containsExactly(sessions.get(2));
        assertThat(page2.get("nextCursor").isNull()).isTrue();

        List<String> texts = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = acme.get(path() + "/" + sessions.get(0) + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("data").forEach(m -> texts.add(m.get("text").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        assertThat(texts).containsExactly("m0", "m1", "m2", "m3", "m4");
    }

    @Test
    void badParametersAreNamed() {
        long s = session(morning, 30);
        for (String query : List.of("?limit=0", "?limit=abc", "?cursor=nope")) {
            Response r = acme.get(path() + query);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.json().get("fields").get(0).get("field").asText()).isEqualTo(query.substring(1, query.indexOf('=')));
        }
        Response format = acme.get(path() + "/" + s + "?format=pdf");
        assertThat(format.status()).isEqualTo(400);
        assertThat(format.json().get("fields").get(0).get("field").asText()).isEqualTo("format");
        assertThat(acme.get(path() + "/" + s + "?limit=101").status()).isEqualTo(400);
        assertThat(acme.get(path() + "/not-a-number").status()).isEqualTo(404);
        assertThat(acme.get(path() + "/999999").status()).isEqualTo(404);
    }

    @Test
    void anotherOrganisationGetsNotFoundAndNobodyWithoutCredentialsGetsIn() {
        long s = session(morning, 30);
        assertThat(globex.get(path()).status()).isEqualTo(404);
        assertThat(globex.get(path() + "/" + s).status()).isEqualTo(404);
        assertThat(globex.get(path() + "/" + s + "?format=csv").status()).isEqualTo(404);
        // a session of another conference of the same organisation is not this conference's
        long other = acme.post("/api/v1/conferences", json(Map.of("name", "Other"))).json().get("id").asLong();
        assertThat(acme.get("/api/v1/conferences/" + other + "/chats/" + s).status()).isEqualTo(404);
        assertThat(server.anonymous("GET", path(), null).status()).isEqualTo(401);
        assertThat(server.anonymous("GET", path() + "/" + s, null).status()).isEqualTo(401);
    }
}
