package dev.plenum.control.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plenum.control.ControlConfig;
import dev.plenum.control.attendance.AttendanceLog;
import dev.plenum.control.attendance.PersonKey;
import dev.plenum.control.chat.SqlChatLog;
import dev.plenum.control.conference.PlannedRoom;
import dev.plenum.control.files.RoomFiles;
import dev.plenum.control.metrics.LimitCounters;
import dev.plenum.control.poll.SqlPollStore;
import dev.plenum.control.qa.SqlQuestionStore;
import dev.plenum.control.room.RoomDirectory;
import dev.plenum.control.room.RoomRecords;
import dev.plenum.control.room.SqlRoleGrants;
import dev.plenum.control.store.Database;
import dev.plenum.control.store.Engine;
import dev.plenum.control.store.TestDatabases;
import dev.plenum.control.token.JoinToken;
import dev.plenum.control.token.JoinTokenSigner;
import dev.plenum.control.token.Role;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
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
 * Q&A, its polls and the roles its hosts gave, from the database, as a room moved to another node would. A person
 * gets back the role a host last gave them (recognised as the attendance report recognises them), never a stale one.
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

    /** The webinar whose room is "class-7b" (its attendees may not publish until a host makes them presenters). */
    private static final PlannedRoom CLASS = new PlannedRoom(1, 1, "class-7b", true, "open", null, false);

    /** A control node as PlenumNode builds it, without media, over {@code database}. */
    private SignalingService node(Database database) {
        RoomDirectory rooms = new RoomDirectory(config.maxParticipantsPerRoom(), true,
                new RoomRecords(new SqlQuestionStore(database), new SqlPollStore(database), new SqlRoleGrants(database)));
        return new SignalingService(config, signer, rooms, timers, System::nanoTime, null,
                new LimitCounters(new SimpleMeterRegistry()), new SqlChatLog(database), clock, RoomFiles.none(),
                name -> Optional.of(CLASS).filter(c -> c.roomName().equals(name)), AttendanceLog.NONE);
    }

    /** Joins as a new participant {@code id} from the browser {@code browser} (its cookie). */
    private SignalingServiceTest.FakeConnection join(SignalingService node, String id, String name, Role role, String browser) {
        SignalingServiceTest.FakeConnection c = new SignalingServiceTest.FakeConnection();
        String token = signer.sign(new JoinToken("class-7b", id, name, role, clock.instant().plusSeconds(60)));
        assertThat(node.open(c, token, null, browser)).isEmpty();
        return c;
    }

    private SignalingServiceTest.FakeConnection join(SignalingService node, String id, String name, Role role) {
        return join(node, id, name, role, "browser-" + id);
    }

    private static JsonNode first(SignalingServiceTest.FakeConnection c, String type) {
        return c.received.stream().filter(n -> n.get("type").asText().equals(type)).findFirst().orElseThrow();
    }

    private static void promote(SignalingService node, SignalingServiceTest.FakeConnection host,
                                SignalingServiceTest.FakeConnection attendee, String attendeeId) {
        node.onText(host, "{\"type\":\"promote\",\"participantId\":\"" + attendeeId + "\"}");
        node.onText(attendee, "{\"type\":\"promotion\",\"accepted\":true}");
        assertThat(attendee.last().get("type").asText()).isEqualTo("publishRights");
        assertThat(attendee.last().get("mayPublish").asBoolean()).isTrue();
    }

    /** The host Hal and Ann in the room on one node. */
    private record HalAndAnn(SignalingServiceTest.FakeConnection hal, SignalingServiceTest.FakeConnection ann) {}

    /** Hal hosts; Ann, whom he invited to speak, accepted. */
    private HalAndAnn halAndPresenterAnn(SignalingService node) {
        var hal = join(node, "hal", "Hal", Role.HOST);
        var ann = join(node, "ann", "Ann", Role.ATTENDEE);
        promote(node, hal, ann, "ann");
        return new HalAndAnn(hal, ann);
    }

    /** Both come back to the room opened again on {@code node}: new participants, Ann from her browser. */
    private HalAndAnn bothComeBack(SignalingService node, String id) {
        return new HalAndAnn(join(node, "hal-" + id, "Hal", Role.HOST), join(node, "ann-" + id, "Ann", Role.ATTENDEE, "browser-ann"));
    }

    private static void leave(SignalingService node, SignalingServiceTest.FakeConnection... who) {
        for (var c : who) node.onText(c, "{\"type\":\"leave\"}");
    }

    @Test
    void chatQuestionsPollsAndRolesComeBackWhenTheRoomIsOpenedAgainAfterARestart() {
        SignalingService before = node(db);
        var hal = join(before, "hal", "Hal", Role.HOST);
        var ann = join(before, "ann", "Ann", Role.ATTENDEE);
        var ben = join(before, "ben", "Ben", Role.ATTENDEE);
        promote(before, hal, ann, "ann");
        promote(before, hal, ben, "ben");
        before.onText(hal, "{\"type\":\"demote\",\"participantId\":\"ben\"}");
        before.onText(ben, "{\"type\":\"leave\"}");
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

            // The same people come back (a new participant each time, from the same browser with the same name).
            var annAgain = join(after, "ann-2", "Ann", Role.ATTENDEE, "browser-ann");
            assertThat(first(annAgain, "welcome").get("role").asText()).as("promoted, so a presenter again").isEqualTo("presenter");
            assertThat(annAgain.types()).as("a presenter publishes in a webinar").doesNotContain("publishRights");
            var benAgain = join(after, "ben-2", "Ben", Role.ATTENDEE, "browser-ben");
            assertThat(first(benAgain, "welcome").get("role").asText()).as("demoted, so not promoted again").isEqualTo("attendee");
            assertThat(first(benAgain, "publishRights").get("mayPublish").asBoolean()).isFalse();
            var stranger = join(after, "ann-3", "Ann", Role.ATTENDEE, "browser-eve");
            assertThat(first(stranger, "welcome").get("role").asText()).as("the same name in another browser").isEqualTo("attendee");
            assertThat(first(bob, "welcome").get("role").asText()).isEqualTo("host");
        }
    }

    @Test
    void aDemotionInTheReopenedRoomHoldsWhenItIsOpenedOnceMore() {
        SignalingService first = node(db);
        var before = halAndPresenterAnn(first);
        leave(first, before.ann(), before.hal());

        SignalingService second = node(db);
        var again = bothComeBack(second, "2");
        assertThat(first(again.ann(), "welcome").get("role").asText()).isEqualTo("presenter");
        second.onText(again.hal(), "{\"type\":\"demote\",\"participantId\":\"ann-2\"}");
        assertThat(again.ann().last().get("mayPublish").asBoolean()).isFalse();
        leave(second, again.ann(), again.hal());
        // A promotion decided before the demotion, written late (a slow node), changes nothing.
        new SqlRoleGrants(db).granted("class-7b", PersonKey.of(null, "browser-ann", "Ann", "ann"), Role.PRESENTER,
                clock.instant().minusSeconds(30));

        var onceMore = bothComeBack(node(db), "3");
        assertThat(first(onceMore.ann(), "welcome").get("role").asText()).isEqualTo("attendee");
    }

    @Test
    void aPresenterAHostRemovedComesBackInALaterSessionAsAnAttendee() {
        SignalingService first = node(db);
        var before = halAndPresenterAnn(first);
        first.onText(before.hal(), "{\"type\":\"removeParticipant\",\"participantId\":\"ann\"}");
        assertThat(before.ann().closedWith).isEqualTo(4403);
        leave(first, before.hal());

        var again = bothComeBack(node(db), "2");
        assertThat(first(again.ann(), "welcome").get("role").asText()).isEqualTo("attendee");
    }

    @Test
    void aRoleGivenInOneRoomIsNotGivenInAnother() {
        halAndPresenterAnn(node(db));
        String ann = PersonKey.of(null, "browser-ann", "Ann", "ann");
        assertThat(new SqlRoleGrants(db).lastGranted("class-7b", ann)).contains(Role.PRESENTER);
        assertThat(new SqlRoleGrants(db).lastGranted("class-8a", ann)).isEmpty();
    }
}
