package dev.plenum.control.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.control.token.Role;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MemoryChatLogTest {
    private final MemoryChatLog log = new MemoryChatLog(3);
    private final Instant now = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void historyIsPerRoomOldestFirstAndOnlyWhatTheReaderMaySee() {
        log.append("r", "a", "Ann", new ChatAudience.Everyone(), "one", now);
        log.append("r", "a", "Ann", new ChatAudience.Person("b"), "to Bob", now);
        log.append("r", "b", "Bob", new ChatAudience.Hosts(), "to hosts", now);
        log.append("other", "z", "Zed", new ChatAudience.Everyone(), "elsewhere", now);

        assertThat(log.history("r", "c", Role.ATTENDEE, 10)).extracting(ChatMessage::text).containsExactly("one");
        assertThat(log.history("r", "b", Role.ATTENDEE, 10)).extracting(ChatMessage::text)
                .containsExactly("one", "to Bob", "to hosts");
        assertThat(log.history("r", "h", Role.HOST, 10)).extracting(ChatMessage::text).containsExactly("one", "to hosts");
        assertThat(log.history("r", "b", Role.ATTENDEE, 2)).extracting(ChatMessage::text).containsExactly("to Bob", "to hosts");
    }

    @Test
    void keepsOnlyTheLatestMessagesOfARoomAndIdsIncrease() {
        for (int i = 0; i < 5; i++) log.append("r", "a", "Ann", new ChatAudience.Everyone(), "m" + i, now);
        assertThat(log.history("r", "a", Role.HOST, 10)).extracting(ChatMessage::text).containsExactly("m2", "m3", "m4");
        assertThat(log.history("r", "a", Role.HOST, 10)).extracting(ChatMessage::id).isSorted();
    }
}
