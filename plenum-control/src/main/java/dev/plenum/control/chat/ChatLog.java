package dev.plenum.control.chat;

import dev.plenum.control.token.Role;
import java.time.Instant;
import java.util.List;

/** Where a room's chat is kept, so that newcomers see the history and a room re-created later finds it again. */
public interface ChatLog {
    /** Keeps a message and gives it its id (increasing within a room). */
    ChatMessage append(String room, String senderId, String senderName, ChatAudience to, String text, Instant sentAt);

    /** The latest {@code limit} messages of the room this reader may see, oldest first. */
    List<ChatMessage> history(String room, String readerId, Role readerRole, int limit);
}
