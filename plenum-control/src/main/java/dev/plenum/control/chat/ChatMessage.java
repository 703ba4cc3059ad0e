package dev.plenum.control.chat;

import dev.plenum.control.token.Role;
import java.time.Instant;
import java.util.Objects;

/** One chat message as kept and as shown. The text is plain text: clients must render it as text, never as markup. */
public record ChatMessage(long id, String room, String senderId, String senderName, ChatAudience to, String text,
                          Instant sentAt) {
    /** The longest message accepted, in characters. */
    public static final int MAX_TEXT_CHARS = 2000;

    public ChatMessage {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(senderName, "senderName");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sentAt, "sentAt");
    }

    public boolean visibleTo(String readerId, Role readerRole) {
        return senderId.equals(readerId) || to.includes(readerId, readerRole);
    }
}
