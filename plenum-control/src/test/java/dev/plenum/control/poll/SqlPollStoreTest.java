package dev.plenum.control.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plenum.control.store.Database;
import dev.plenum.control.store.Engine;
import dev.plenum.control.store.TestDatabases;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A room's polls kept in the database: a board opened again later shows exactly what the first one showed. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class SqlPollStoreTest {
    private static final Instant AT = Instant.parse("2026-11-24T10:00:00Z");
    @Parameter
    Engine engine;
    private Database db;

    @BeforeEach
    void open() {
        db = TestDatabases.open(engine);
    }

    @AfterEach
    void drop() {
        TestDatabases.drop(db);
    }

    @Test
    void aPollKnowsWhenItWasStartedAndOneKeptBeforeThatWasRecordedStillLoads() {
        new PollBoard("r", new SqlPollStore(db)).create("Lunch?", List.of("Pizza", "Soup"), false, false, AT);
        db.jdbi().useHandle(h -> h.execute("INSERT INTO polls (room_name, id, question, multiple, anonymous, status, "
                + "results_shared) VALUES ('r', 2, 'Older?', FALSE, FALSE, 'closed', FALSE)"));
        List<Poll> polls = new PollBoard("r", new SqlPollStore(db)).all();
        assertThat(polls).extracting(Poll::openedAt).containsExactly(AT, null);
    }

    @Test
    void pollsVotesAndStatesOutliveTheBoardAndTheConnection() {
        PollBoard board = new PollBoard("r", new SqlPollStore(db));
        Poll lunch = board.create("Lunch?", List.of("Pizza", "Soup", "Salad"), true, false, AT);
        Poll quiz = board.create("2 + 2?", List.of("3", "4"), false, true, AT);
        board.vote(lunch.id(), "a", Set.of(0, 2));
        board.vote(lunch.id(), "b", Set.of(1));
        board.vote(lunch.id(), "a", Set.of(2)); // changed her mind
        board.vote(quiz.id(), "a", Set.of(1));
        board.close(quiz.id());
        board.shareResults(quiz.id());
        new PollBoard("elsewhere", new SqlPollStore(db)).create("Other room", List.of("x", "y"), false, false, AT);

        try (Database again = Database.open(db.config())) {
            PollBoard reopened = new PollBoard("r", new SqlPollStore(again));
            assertThat(reopened.all()).isEqualTo(board.all());
            assertThat(reopened.all().getFirst().options()).containsExactly("Pizza", "Soup", "Salad");
            assertThat(reopened.all().getFirst().counts()).containsExactly(0, 1, 1);
            assertThat(reopened.all().get(1).status()).isEqualTo(Poll.Status.CLOSED);
            assertThat(reopened.all().get(1).resultsShared()).isTrue();
            assertThat(reopened.create("Next?", List.of("y", "n"), false, false, AT).id()).as("numbering goes on").isEqualTo(3);
        }
    }

    @Test
    void aFailedWriteChangesNothingTheRoomShows() {
        PollBoard board = new PollBoard("r", new SqlPollStore(db));
        Poll p = board.create("Kept?", List.of("yes", "no"), false, false, AT);
        db.close(); // the database goes away
        assertThatThrownBy(() -> board.vote(p.id(), "a", Set.of(0))).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> board.create("Lost?", List.of("yes", "no"), false, false, AT)).isInstanceOf(RuntimeException.class);
        assertThat(board.all()).containsExactly(p);
    }
}
