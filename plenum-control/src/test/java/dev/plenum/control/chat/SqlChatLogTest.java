package dev.plenum.control.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.control.store.Database;
import dev.plenum.control.store.Engine;
import dev.plenum.control.store.TestDatabases;
import dev.plenum.control.token.Role;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The chat kept in the database reads back as the memory log does, survives reopening, and respects audiences. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class SqlChatLogTest {
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
    void historyIsPerRoomOldestFirstAndOnlyWhatTheReaderMaySee() {
        ChatLog log = new SqlChatLog(db);
        ChatMessage first = log.append("r", "a", "Ann", new ChatAudience.Everyone(), "one <b>1</b>", at);
        log.append("r", "a", "Ann", new ChatAudience.Person("b"), "to Bob", at);
        log.append("r", "b", "Bob", new ChatAudience.Hosts(), "to hosts", at);
        log.append("other", "z", "Zed", new ChatAudience.Everyone(), "elsewhere", at);

        assertThat(log.history("r", "c", Role.ATTENDEE, 10)).containsExactly(first);
        assertThat(log.history("r", "b", Role.ATTENDEE, 10)).extracting(ChatMessage::text)
                .containsExactly("one <b>1</b>", "to Bob", "to hosts");
        assertThat(log.history("r", "h", Role.HOST, 10)).extracting(ChatMessage::text).containsExactly("one <b>1</b>", "to hosts");
        assertThat(log.history("r", "b", Role.ATTENDEE, 2)).extracting(ChatMessage::text).containsExactly("to Bob", "to hosts");
    }

    @Test
    void theHistoryOutlivesTheConnection() {
        new SqlChatLog(db).append("r", "a", "Ann", new ChatAudience.Everyone(), "still here", at);
        try (Database again = Database.open(db.config())) {
            assertThat(new SqlChatLog(again).history("r", "x", Role.ATTENDEE, 10)).singleElement()
                    .satisfies(m -> {
                        assertThat(m.text()).isEqualTo("still here");
                        assertThat(m.sentAt()).isEqualTo(at);
                        assertThat(m.senderName()).isEqualTo("Ann");
                    });
        }
    }
}
