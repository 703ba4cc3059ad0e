package dev.plenum.control.report;

import static dev.plenum.control.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plenum.control.TestServer;
import dev.plenum.control.TestServer.Client;
import dev.plenum.control.TestServer.Response;
import dev.plenum.control.chat.ChatAudience;
import dev.plenum.control.chat.SqlChatLog;
import dev.plenum.control.files.FileKind;
import dev.plenum.control.files.SqlRoomFiles;
import dev.plenum.control.poll.Poll;
import dev.plenum.control.poll.PollBoard;
import dev.plenum.control.poll.SqlPollStore;
import dev.plenum.control.qa.Question;
import dev.plenum.control.qa.QuestionBoard;
import dev.plenum.control.qa.SqlQuestionStore;
import dev.plenum.control.store.Engine;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The conference report, on H2 and PostgreSQL: what the room kept, as its hosts may read it, for its organisation only. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class ConferenceReportTest {
    private static TestServer server;
    @Parameter
    Engine engine;
    private Client acme;
    private Client globex;
    private final Instant at = Instant.parse("2026-11-24T10:00:00Z");

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

    private JsonNode meeting() {
        Response r = acme.post("/api/v1/conferences", json(Map.of("name", "Class 7b", "roomType", "meeting",
                "permanentRoom", true, "accessType", "open", "lobbyEnabled", false)));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    @Test
    void theReportHoldsTheChatQuestionsPollResultsAndFilesAsAHostMayReadThem() {
        JsonNode conference = meeting();
        String room = conference.get("roomName").asText();
        SqlChatLog chat = new SqlChatLog(server.db);
        chat.append(room, "ann", "Ann", new ChatAudience.Everyone(), "Good morning", at);
        chat.append(room, "ann", "Ann", new ChatAudience.Person("bob"), "just between us", at.plusSeconds(1));
        chat.append(room, "bob", "Bob", new ChatAudience.Hosts(), "I must leave early", at.plusSeconds(2));
        QuestionBoard qa = new QuestionBoard(room, new SqlQuestionStore(server.db));
        Question q = qa.ask("ann", "Ann", true, "Is there homework?", at.plusSeconds(3));
        qa.toggleUpvote(q.id(), "bob");
        qa.answer(q.id(), new Question.Answer("Page 12", "Hal", false));
        PollBoard polls = new PollBoard(room, new SqlPollStore(server.db));
        Poll poll = polls.create("Was it clear?", List.of("Yes", "No"), false, false);
        polls.vote(poll.id(), "ann", Set.of(0));
        polls.vote(poll.id(), "bob", Set.of(0));
        polls.close(poll.id());
        new SqlRoomFiles(server.db).add(room, "notes.txt", FileKind.TEXT, "x".getBytes(StandardCharsets.UTF_8), List.of(),
                "hal", at);

        Response r = acme.get("/api/v1/conferences/" + conference.get("id").asLong() + "/report");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode report = r.json();
        assertThat(report.get("roomName").asText()).isEqualTo(room);
        assertThat(report.get("chat")).extracting(m -> m.get("text").asText())
                .as("private messages between others stay private").containsExactly("Good morning", "I must leave early");
        JsonNode question = report.get("questions").get(0);
        assertThat(question.get("askerName").isNull()).as("an anonymous asker stays unnamed").isTrue();
        assertThat(question.get("votes").asInt()).isEqualTo(1);
        assertThat(question.get("answer").get("text").asText()).isEqualTo("Page 12");
        JsonNode result = report.get("polls").get(0);
        assertThat(result.get("status").asText()).isEqualTo("closed");
        assertThat(result.get("voters").asInt()).isEqualTo(2);
        assertThat(result.get("options")).extracting(o -> o.get("votes").asInt()).containsExactly(2, 0);
        assertThat(result.toString()).as("never who voted what").doesNotContain("ann").doesNotContain("bob");
        assertThat(report.get("files")).extracting(f -> f.get("name").asText()).containsExactly("notes.txt");
        assertThat(report.get("sessions")).isEmpty();
    }

    @Test
    void anotherOrganisationGetsNotFoundAndNobodyWithoutCredentialsGetsIn() {
        long id = meeting().get("id").asLong();
        assertThat(globex.get("/api/v1/conferences/" + id + "/report").status()).isEqualTo(404);
        assertThat(server.anonymous("GET", "/api/v1/conferences/" + id + "/report", null).status()).isEqualTo(401);
        assertThat(acme.get("/api/v1/conferences/999999/report").status()).isEqualTo(404);
    }
}
