package dev.plenum.control.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plenum.control.ControlConfig;
import dev.plenum.control.chat.SqlChatLog;
import dev.plenum.control.metrics.LimitCounters;
import dev.plenum.control.poll.SqlPollStore;
import dev.plenum.control.qa.SqlQuestionStore;
import dev.plenum.control.room.RoomDirectory;
import dev.plenum.control.room.RoomRecords;
import dev.plenum.control.store.Database;
import dev.plenum.control.store.Engine;
import dev.plenum.control.store.TestDatabases;
import dev.plenum.control.token.JoinToken;
import dev.plenum.control.token.JoinTokenSigner;
import dev.plenum.control.token.Role;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A room that ends (everyone left, or the control node restarted) and is opened again later resumes its chat, its
 * Q&A and its polls from the database, as a room moved to another node would.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class RoomResumeTest {
    @Parameter
    Engine engine;
    private final ControlConfig config = ControlConfig.defaults().withPort(0);
    private final Clock clock = Clock.systemUTC();
    private final JoinTokenSigner signer = JoinTokenSigner.withRandomSecret(clock);
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private Database db;

    @BeforeEach
    void open() {
        db = TestDatabases.open(engine);
    }

    @AfterEach
    void drop() {
        timers.shutdownNow();
        TestDatabases.drop(db);
    }

    /** A control node as PlenumNode builds it, without media, over {@code database}. */
    private SignalingService node(Database database) {
        RoomDirectory rooms = new RoomDirectory(config.maxParticipantsPerRoom(), true,
                new RoomRecords(new SqlQuestionStore(database), new SqlPollStore(database)));
        return new SignalingService(config, signer, rooms, timers, System::nanoTime, null,
                new LimitCounters(new SimpleMeterRegistry()), new SqlChatLog(database), clock);
    }

    private SignalingServiceTest.FakeConnection join(SignalingService node, String id, String name, Role role) {
        SignalingServiceTest.FakeConnection c = new SignalingServiceTest.FakeConnection();
        String token = signer.sign(new JoinToken("class-7b", id, name, role, clock.instant().plusSeconds(60)));
        assertThat(node.open(c, token, null)).isEmpty();
        return c;
    }

    private static JsonNode first(SignalingServiceTest.FakeConnection c, String type) {
        return c.received.stream().filter(n -> n.get("type").asText().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void chatQuestionsAndPollsComeBackWhenTheRoomIsOpenedAgainAfterARestart() {
        SignalingService before = node(db);
        var hal = join(before, "hal", "Hal", Role.HOST);
        var ann = join(before, "ann", "Ann", Role.ATTENDEE);
        before.onText(ann, "{\"type\":\"chat\",\"text\":\"Good morning\"}");
        before.onText(ann, "{\"type\":\"ask\",\"text\":\"Is there homework?\"}");
        before.onText(hal, "{\"type\":\"answerQuestion\",\"questionId\":1,\"text\":\"Page 12\"}");
        before.onText(hal, "{\"type\":\"createPoll\",\"question\":\"Was it clear?\",\"options\":[\"Yes\",\"No\"]}");
        before.onText(ann, "{\"type\":\"vote\",\"pollId\":1,\"choices\":[0]}");
        before.onText(ann, "{\"type\":\"leave\"}");
        before.onText(hal, "{\"type\":\"leave\"}");

        try (Database restarted = Database.open(db.config())) {
            SignalingService after = node(restarted);
            var bob = join(after, "bob", "Bob", Role.HOST);

            JsonNode chat = first(bob, "welcome").get("chat");
            assertThat(chat).hasSize(1);
            assertThat(chat.get(0).get("text").asText()).isEqualTo("Good morning");
            JsonNode questions = first(bob, "questions").get("questions");
            assertThat(questions).hasSize(1);
            assertThat(questions.get(0).get("text").asText()).isEqualTo("Is there homework?");
            assertThat(questions.get(0).get("answer").get("text").asText()).isEqualTo("Page 12");
            JsonNode polls = first(bob, "polls").get("polls");
            assertThat(polls).hasSize(1);
            assertThat(polls.get(0).get("question").asText()).isEqualTo("Was it clear?");
            assertThat(polls.get(0).get("counts").get(0).asInt()).isEqualTo(1);

            after.onText(bob, "{\"type\":\"createPoll\",\"question\":\"And now?\",\"options\":[\"Yes\",\"No\"]}");
            assertThat(bob.last().get("poll").get("id").asLong()).as("numbering goes on after the restart").isEqualTo(2);
        }
    }
}
