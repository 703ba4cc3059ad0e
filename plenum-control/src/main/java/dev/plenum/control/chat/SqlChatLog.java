package dev.plenum.control.chat;

import dev.plenum.control.store.Database;
import dev.plenum.control.token.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The chat log in the database (table {@code chat_messages}): it outlives rooms and restarts. */
public final class SqlChatLog implements ChatLog {
    private final Database db;

    public SqlChatLog(Database db) {
        this.db = db;
    }

    @Override
    public ChatMessage append(String room, String senderId, String senderName, ChatAudience to, String text, Instant sentAt) {
        long id = db.jdbi().withHandle(h -> h.createUpdate("""
                        INSERT INTO chat_messages (room_name, sender_id, sender_name, audience, body, sent_at)
                        VALUES (:room, :sender, :name, :audience, :body, :at)""")
                .bind("room", room).bind("sender", senderId).bind("name", senderName).bind("audience", to.wireName())
                .bind("body", text).bind("at", sentAt)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return new ChatMessage(id, room, senderId, senderName, to, text, sentAt);
    }

    /**
     * The messages of the room sent from {@code from} to {@code to} (both inclusive) as a host
     * reads them: to everyone and to the hosts, never private messages between others. Oldest first, at most
     * {@code limit} (the first ones).
     */
    public List<ChatMessage> hostView(String room, Instant from, Instant to, int limit) {
        return db.jdbi().withHandle(h -> h.createQuery("""
                        SELECT id, sender_id, sender_name, audience, body, sent_at FROM chat_messages
                        WHERE room_name = :room AND audience IN ('everyone', 'hosts')
                          AND sent_at >= :from AND sent_at <= :to
                        ORDER BY id LIMIT :limit""")
                .bind("room", room).bind("from", from).bind("to", to).bind("limit", limit)
                .map((rs, ctx) -> message(rs, room))
                .list());
    }

    @Override
    public List<ChatMessage> history(String room, String readerId, Role readerRole, int limit) {
        List<ChatMessage> newestFirst = db.jdbi().withHandle(h -> h.createQuery("""
                        SELECT id, sender_id, sender_name, audience, body, sent_at FROM chat_messages
                        WHERE room_name = :room
                          AND (audience = 'everyone' OR sender_id = :reader OR audience = :reader
                               OR (audience = 'hosts' AND :host))
                        ORDER BY id DESC LIMIT :limit""")
                .bind("room", room).bind("reader", readerId).bind("host", readerRole == Role.HOST).bind("limit", limit)
                .map((rs, ctx) -> message(rs, room))
                .list());
        List<ChatMessage> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    private static ChatMessage message(java.sql.ResultSet rs, String room) throws java.sql.SQLException {
        return new ChatMessage(rs.getLong("id"), room, rs.getString("sender_id"), rs.getString("sender_name"),
                ChatAudience.fromWireName(rs.getString("audience")), rs.getString("body"), Database.instant(rs, "sent_at"));
    }
}
