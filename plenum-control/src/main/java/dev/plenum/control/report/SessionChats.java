package dev.plenum.control.report;

import dev.plenum.control.chat.ChatAudience;
import dev.plenum.control.chat.ChatMessage;
import dev.plenum.control.store.Database;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The chat of a conference's room, session by session, as a host could read it: messages to everyone and to the
 * hosts (private messages between others stay private). A message belongs to the session during which it was sent:
 * from the session's start to its end (still open: to now). Every query names the organisation.
 */
final class SessionChats {
    /**
     * Which messages belong to session {@code s}, and which a host may read. By time: chat rows do not name their
     * session. Should they come to (a {@code session_id} column), this condition is the one place to change.
     */
    private static final String IN_SESSION = "m.room_name = :room AND m.audience IN ('everyone', 'hosts') "
            + "AND m.sent_at >= s.started_at AND (s.ended_at IS NULL OR m.sent_at <= s.ended_at)";

    /** A session with the number of messages a host could read in it. */
    record SessionChat(long sessionId, Instant startedAt, Instant endedAt, long messages) {}

    /** Up to {@code limit} sessions of the conference with ids above {@code afterId}, oldest first. */
    List<SessionChat> page(Handle h, long organisationId, long conferenceId, String room, long afterId, int limit) {
        return h.createQuery("SELECT s.id, s.started_at, s.ended_at, (SELECT COUNT(*) FROM chat_messages m WHERE "
                        + IN_SESSION + ") AS messages FROM conference_sessions s "
                        + "WHERE s.organisation_id = :org AND s.conference_id = :conference AND s.id > :after "
                        + "ORDER BY s.id FETCH FIRST :limit ROWS ONLY")
                .bind("room", room).bind("org", organisationId).bind("conference", conferenceId).bind("after", afterId)
                .bind("limit", limit)
                .map((rs, ctx) -> sessionChat(rs))
                .list();
    }

    /** One session of the conference with its message count; empty for another conference's or organisation's. */
    Optional<SessionChat> session(Handle h, long organisationId, long conferenceId, String room, long sessionId) {
        return h.createQuery("SELECT s.id, s.started_at, s.ended_at, (SELECT COUNT(*) FROM chat_messages m WHERE "
                        + IN_SESSION + ") AS messages FROM conference_sessions s "
                        + "WHERE s.id = :session AND s.organisation_id = :org AND s.conference_id = :conference")
                .bind("room", room).bind("org", organisationId).bind("conference", conferenceId).bind("session", sessionId)
                .map((rs, ctx) -> sessionChat(rs))
                .findOne();
    }

    private static SessionChat sessionChat(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new SessionChat(rs.getLong("id"), Database.instant(rs, "started_at"),
                rs.getObject("ended_at") == null ? null : Database.instant(rs, "ended_at"), rs.getLong("messages"));
    }

    /**
     * Up to {@code limit} messages of a session (found by {@link #session} first) with ids above {@code afterId}, in
     * the order they were sent.
     */
    List<ChatMessage> messages(Handle h, long sessionId, String room, long afterId, int limit) {
        return h.createQuery("SELECT m.id, m.sender_id, m.sender_name, m.audience, m.body, m.sent_at "
                        + "FROM chat_messages m JOIN conference_sessions s ON s.id = :session WHERE " + IN_SESSION
                        + " AND m.id > :after ORDER BY m.id FETCH FIRST :limit ROWS ONLY")
                .bind("session", sessionId).bind("room", room).bind("after", afterId).bind("limit", limit)
                .map((rs, ctx) -> new ChatMessage(rs.getLong("id"), room, rs.getString("sender_id"), rs.getString("sender_name"),
                        ChatAudience.fromWireName(rs.getString("audience")), rs.getString("body"), Database.instant(rs, "sent_at")))
                .list();
    }
}
