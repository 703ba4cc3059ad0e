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
import dev.plenum.control.token.Role;
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

/**
 * The conference's reports, on H2 and PostgreSQL: what the room kept, as its hosts may read it, for its organisation
 * only; the whole room's, and each session's (what happened from its start to its end).
 */
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
        Poll poll = polls.create("Was it clear?", List.of("Yes", "No"), false, false, at.plusSeconds(4));
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

    /**
     * Two sessions of one room: the first from 10:00:00 to 10:01:00, the second from 10:02:00, still live. Each kept
     * something; a private message between attendees and things outside both sessions are in neither report.
     */
    private record TwoSessions(long conferenceId, long first, long second) {}

    private TwoSessions twoSessions() {
        JsonNode conference = meeting();
        long id = conference.get("id").asLong();
        String room = conference.get("roomName").asText();
        var attendance = server.api.attendance();
        long first = attendance.sessionStarted(acme.organisationId, id, at);
        attendance.arrived(first, "key-hal", "Hal", "hal@example.com", Role.HOST, at);
        attendance.arrived(first, "key-ann", "Ann", null, Role.ATTENDEE, at.plusSeconds(1));
        SqlChatLog chat = new SqlChatLog(server.db);
        new SqlRoomFiles(server.db).add(room, "agenda.txt", FileKind.TEXT, "x".getBytes(StandardCharsets.UTF_8), List.of(),
                "hal", at.plusSeconds(5));
        chat.append(room, "ann", "Ann", new ChatAudience.Everyone(), "Good morning", at.plusSeconds(10));
        chat.append(room, "ann", "Ann", new ChatAudience.Person("bob"), "just between us", at.plusSeconds(20));
        chat.append(room, "ann", "Ann", new ChatAudience.Hosts(), "I must leave early", at.plusSeconds(30));
        QuestionBoard qa = new QuestionBoard(room, new SqlQuestionStore(server.db));
        Question q = qa.ask("ann", "Ann", true, "Is there homework?", at.plusSeconds(40));
        qa.toggleUpvote(q.id(), "hal");
        qa.answer(q.id(), new Question.Answer("Page 12", "Hal", false));
        qa.setStatus(q.id(), Question.Status.ANSWERED);
        PollBoard polls = new PollBoard(room, new SqlPollStore(server.db));
        Poll poll = polls.create("Was it clear?", List.of("Yes", "No"), false, false, at.plusSeconds(50));
        polls.vote(poll.id(), "ann", Set.of(1));
        polls.vote(poll.id(), "hal", Set.of(0));
        polls.close(poll.id());
        attendance.departed(first, "key-ann", at.plusSeconds(55));
        attendance.sessionEnded(first, at.plusSeconds(60));

        chat.append(room, "hal", "Hal", new ChatAudience.Everyone(), "between the sessions", at.plusSeconds(90));
        long second = attendance.sessionStarted(acme.organisationId, id, at.plusSeconds(120));
        attendance.arrived(second, "key-hal", "Hal", "hal@example.com", Role.HOST, at.plusSeconds(120));
        new SqlRoomFiles(server.db).add(room, "slides.txt", FileKind.TEXT, "y".getBytes(StandardCharsets.UTF_8), List.of(),
                "hal", at.plusSeconds(125));
        chat.append(room, "hal", "Hal", new ChatAudience.Everyone(), "Welcome back", at.plusSeconds(130));
        qa.ask("hal", "Hal", false, "Anything else?", at.plusSeconds(140));
        polls.create("Same time next week?", List.of("Yes", "No"), false, true, at.plusSeconds(150));
        return new TwoSessions(id, first, second);
    }

    private static String sessionReport(long conferenceId, long sessionId) {
        return "/api/v1/conferences/" + conferenceId + "/sessions/" + sessionId + "/report";
    }

    @Test
    void aSessionsReportHoldsWhatHappenedFromItsStartToItsEnd() {
        TwoSessions two = twoSessions();

        Response r = acme.get(sessionReport(two.conferenceId(), two.first()));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode report = r.json();
        assertThat(report.get("session").get("startedAt").asText()).isEqualTo("2026-11-24T10:00:00Z");
        assertThat(report.get("session").get("endedAt").asText()).isEqualTo("2026-11-24T10:01:00Z");
        assertThat(report.get("attendees")).extracting(a -> a.get("name").asText()).containsExactly("Hal", "Ann");
        JsonNode ann = report.get("attendees").get(1);
        assertThat(ann.get("role").asText()).isEqualTo("attendee");
        assertThat(ann.get("totalSeconds").asLong()).isEqualTo(54);
        assertThat(report.get("chat")).extracting(m -> m.get("text").asText())
                .as("private messages between others stay private").containsExactly("Good morning", "I must leave early");
        assertThat(report.get("chat").get(1).get("to").asText()).isEqualTo("hosts");
        JsonNode question = report.get("questions").get(0);
        assertThat(report.get("questions")).hasSize(1);
        assertThat(question.get("text").asText()).isEqualTo("Is there homework?");
        assertThat(question.get("askerName").isNull()).as("an anonymous asker stays unnamed").isTrue();
        assertThat(question.toString()).doesNotContain("Ann");
        assertThat(question.get("votes").asInt()).isEqualTo(1);
        assertThat(question.get("status").asText()).isEqualTo("answered");
        assertThat(question.get("answer").get("text").asText()).isEqualTo("Page 12");
        assertThat(report.get("polls")).hasSize(1);
        JsonNode poll = report.get("polls").get(0);
        assertThat(poll.get("question").asText()).isEqualTo("Was it clear?");
        assertThat(poll.get("openedAt").asText()).isEqualTo("2026-11-24T10:00:50Z");
        assertThat(poll.get("options")).extracting(o -> o.get("votes").asInt()).containsExactly(1, 1);
        assertThat(poll.toString()).as("never who voted what").doesNotContain("ann").doesNotContain("hal");
        assertThat(report.get("files")).extracting(f -> f.get("name").asText())
                .as("the files put into the room up to the session's end").containsExactly("agenda.txt");

        JsonNode live = acme.get(sessionReport(two.conferenceId(), two.second())).json();
        assertThat(live.get("session").get("endedAt").isNull()).as("still live").isTrue();
        assertThat(live.get("attendees")).extracting(a -> a.get("name").asText()).containsExactly("Hal");
        assertThat(live.get("chat")).extracting(m -> m.get("text").asText()).containsExactly("Welcome back");
        assertThat(live.get("questions")).extracting(q -> q.get("askerName").asText()).containsExactly("Hal");
        assertThat(live.get("polls")).extracting(p -> p.get("question").asText()).containsExactly("Same time next week?");
        assertThat(live.get("files")).extracting(f -> f.get("name").asText()).containsExactly("agenda.txt", "slides.txt");
    }

    @Test
    void theRoomsReportLinksEachSessionsReport() {
        TwoSessions two = twoSessions();
        JsonNode sessions = acme.get("/api/v1/conferences/" + two.conferenceId() + "/report").json().get("sessions");
        assertThat(sessions).extracting(s -> s.get("report").asText()).containsExactly(
                sessionReport(two.conferenceId(), two.first()), sessionReport(two.conferenceId(), two.second()));
    }

    @Test
    void aSessionsReportIsForItsOrganisationOnly() {
        TwoSessions two = twoSessions();
        long otherConference = meeting().get("id").asLong();
        String path = sessionReport(two.conferenceId(), two.first());
        assertThat(acme.apiKey().get(path).status()).as("an API key of the organisation").isEqualTo(200);
        assertThat(globex.get(path).status()).as("another organisation").isEqualTo(404);
        assertThat(acme.get(sessionReport(otherConference, two.first())).status()).as("another conference's session").isEqualTo(404);
        assertThat(acme.get(sessionReport(two.conferenceId(), 999_999)).status()).isEqualTo(404);
        assertThat(acme.get("/api/v1/conferences/" + two.conferenceId() + "/sessions/x1/report").status()).isEqualTo(404);
        assertThat(server.anonymous("GET", path, null).status()).as("no credentials").isEqualTo(401);
    }

    @Test
    void aSessionsReportDownloadsAsAPrintableHtmlFileWhoseTextsReadLiterally() throws Exception {
        JsonNode conference = meeting();
        long id = conference.get("id").asLong();
        String room = conference.get("roomName").asText();
        String script = "<script>alert('chat')</script>";
        String image = "<img src=x onerror=\"alert(1)\">";
        var attendance = server.api.attendance();
        long session = attendance.sessionStarted(acme.organisationId, id, at);
        attendance.arrived(session, "key-eve", "Eve " + image, null, Role.ATTENDEE, at);
        new SqlChatLog(server.db).append(room, "eve", "Eve", new ChatAudience.Everyone(), script + " & " + image, at.plusSeconds(1));
        QuestionBoard qa = new QuestionBoard(room, new SqlQuestionStore(server.db));
        Question q = qa.ask("eve", "Eve", false, image, at.plusSeconds(2));
        qa.answer(q.id(), new Question.Answer(script, "Hal", false));
        PollBoard polls = new PollBoard(room, new SqlPollStore(server.db));
        Poll poll = polls.create(script, List.of(image, "fine"), false, false, at.plusSeconds(3));
        polls.vote(poll.id(), "eve", Set.of(0));
        new SqlRoomFiles(server.db).add(room, image + ".txt", FileKind.TEXT, "x".getBytes(StandardCharsets.UTF_8), List.of(),
                "hal", at.plusSeconds(4));

        Response r = acme.get(sessionReport(id, session) + ".html");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/html").contains("utf-8");
        assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename=\"report-" + room + "-session-" + session + ".html\"");
        assertThat(r.header("Content-Security-Policy")).startsWith("default-src 'none'");
        String html = r.text();
        assertThat(html).as("no markup of anyone's making").doesNotContain("<script").doesNotContain("<img")
                .as("self-contained: nothing is fetched").doesNotContain("src=\"").doesNotContain("href=").doesNotContain("url(")
                .contains("&lt;script&gt;alert(&#39;chat&#39;)&lt;/script&gt;");

        // Read as a document, each text is exactly what was written.
        org.w3c.dom.Document doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getAttribute("lang")).isEqualTo("en");
        List<String> cells = texts(doc, "td");
        assertThat(cells).contains("Eve " + image, script + " & " + image, image, image + ".txt", "fine");
        assertThat(cells).anySatisfy(c -> assertThat(c).startsWith(script + "\n(Hal)"));
        assertThat(texts(doc, "h3")).containsExactly(script);
        assertThat(texts(doc, "th")).contains("Name", "Message", "Question", "Option", "Votes");
        assertThat(doc.getElementsByTagName("th").item(0).getAttributes().getNamedItem("scope").getNodeValue()).isEqualTo("col");
        assertThat(texts(doc, "h2")).containsExactly("Attendees", "Chat", "Questions and answers", "Polls", "Files");
    }

    private static List<String> texts(org.w3c.dom.Document doc, String tag) {
        org.w3c.dom.NodeList nodes = doc.getElementsByTagName(tag);
        return java.util.stream.IntStream.range(0, nodes.getLength()).mapToObj(i -> nodes.item(i).getTextContent()).toList();
    }

    @Test
    void theHtmlReportIsForTheOrganisationOnly() {
        TwoSessions two = twoSessions();
        String path = sessionReport(two.conferenceId(), two.first()) + ".html";
        assertThat(acme.get(path).text()).contains("Good morning").doesNotContain("just between us");
        assertThat(globex.get(path).status()).isEqualTo(404);
        assertThat(server.anonymous("GET", path, null).status()).isEqualTo(401);
    }
}
