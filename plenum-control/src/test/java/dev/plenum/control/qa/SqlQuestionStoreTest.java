package dev.plenum.control.qa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plenum.control.store.Database;
import dev.plenum.control.store.Engine;
import dev.plenum.control.store.TestDatabases;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A room's Q&A kept in the database: a board opened again later shows exactly what the first one showed. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class SqlQuestionStoreTest {
    @Parameter
    Engine engine;
    private Database db;
    private final Instant at = Instant.parse("2026-11-24T10:15:30.123456Z");

    @BeforeEach
    void open() {
        db = TestDatabases.open(engine);
    }

    @AfterEach
    void drop() {
        TestDatabases.drop(db);
    }

    @Test
    void everyChangeOutlivesTheBoardAndTheConnection() {
        QuestionBoard board = new QuestionBoard("r", new SqlQuestionStore(db));
        Question first = board.ask("a", "Ann", false, "Where are the slides?", at);
        Question second = board.ask("b", "Bob", true, "Is there homework?", at.plusSeconds(5));
        board.toggleUpvote(first.id(), "b");
        board.toggleUpvote(first.id(), "c");
        board.toggleUpvote(first.id(), "c"); // taken back
        board.answer(first.id(), new Question.Answer("In the files list", "Hal", true));
        board.setStatus(second.id(), Question.Status.DISMISSED);
        new QuestionBoard("elsewhere", new SqlQuestionStore(db)).ask("z", "Zed", false, "Other room", at);

        try (Database again = Database.open(db.config())) {
            QuestionBoard reopened = new QuestionBoard("r", new SqlQuestionStore(again));
            assertThat(reopened.all()).isEqualTo(board.all());
            assertThat(reopened.all().getFirst().upvoters()).containsExactly("b");
            assertThat(reopened.all().getFirst().answer()).isEqualTo(new Question.Answer("In the files list", "Hal", true));
            assertThat(reopened.all().get(1).status()).isEqualTo(Question.Status.DISMISSED);
            assertThat(reopened.ask("d", "Dee", false, "Next one", at).id()).as("numbering goes on").isEqualTo(3);
        }
    }

    @Test
    void aFailedWriteChangesNothingTheRoomShows() {
        QuestionBoard board = new QuestionBoard("r", new SqlQuestionStore(db));
        Question q = board.ask("a", "Ann", false, "Kept?", at);
        db.close(); // the database goes away
        assertThatThrownBy(() -> board.toggleUpvote(q.id(), "b")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> board.ask("b", "Bob", false, "Lost?", at)).isInstanceOf(RuntimeException.class);
        assertThat(board.all()).containsExactly(q);
    }
}
