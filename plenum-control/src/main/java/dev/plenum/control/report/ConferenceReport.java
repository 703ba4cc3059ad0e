package dev.plenum.control.report;

import dev.plenum.control.attendance.SessionsApi;
import dev.plenum.control.attendance.SqlAttendanceLog;
import dev.plenum.control.chat.ChatLog;
import dev.plenum.control.chat.ChatMessage;
import dev.plenum.control.conference.Conference;
import dev.plenum.control.conference.Conferences;
import dev.plenum.control.http.ApiException;
import dev.plenum.control.http.ApiRoutes;
import dev.plenum.control.org.AccountsApi;
import dev.plenum.control.org.Authenticator;
import dev.plenum.control.org.Principal;
import dev.plenum.control.poll.Poll;
import dev.plenum.control.poll.PollStore;
import dev.plenum.control.qa.Question;
import dev.plenum.control.qa.QuestionStore;
import dev.plenum.control.store.Database;
import dev.plenum.control.token.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code GET /api/v1/conferences/{id}/report}: what the conference's room kept, for its organisation's members and
 * API keys: the sessions with their attendance counts, the chat a host could read (private messages between others
 * stay private), the Q&A (askers of anonymous questions stay unnamed), the polls with their results (never who voted
 * what), and the files uploaded to the room. Another organisation's conference answers 404.
 */
public final class ConferenceReport implements ApiRoutes {
    static final int MAX_CHAT_MESSAGES = 10_000;
    static final int MAX_SESSIONS = 1_000;
    private final Jdbi jdbi;
    private final Conferences conferences;
    private final SqlAttendanceLog attendance;
    private final ChatLog chat;
    private final QuestionStore questions;
    private final PollStore polls;
    private final Authenticator auth;

    public ConferenceReport(Database db, Conferences conferences, SqlAttendanceLog attendance, ChatLog chat,
                            QuestionStore questions, PollStore polls, Authenticator auth) {
        this.jdbi = db.jdbi();
        this.conferences = conferences;
        this.attendance = attendance;
        this.chat = chat;
        this.questions = questions;
        this.polls = polls;
        this.auth = auth;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/conferences/{id}/report", this::report);
    }

    void report(Context ctx) {
        Principal principal = auth.require(ctx);
        long id = AccountsApi.pathId(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        String room = jdbi.withHandle(h -> {
            Conference c = conferences.get(h, principal.organisationId(), id).orElseThrow(() -> ApiException.notFound("conference"));
            body.put("conferenceId", c.id());
            body.put("name", c.name());
            body.put("roomName", c.roomName());
            body.put("sessions", attendance.sessions(h, principal.organisationId(), id, 0, MAX_SESSIONS).stream()
                    .map(SessionsApi::json).toList());
            body.put("files", files(h, c.roomName()));
            return c.roomName();
        });
        // The room's own records, read as a host of the room would (chat: everyone's and the hosts' messages).
        body.put("chat", chat.history(room, "", Role.HOST, MAX_CHAT_MESSAGES).stream().map(ConferenceReport::json).toList());
        body.put("questions", questions.load(room).stream().map(ConferenceReport::json).toList());
        body.put("polls", polls.load(room).stream().map(ConferenceReport::json).toList());
        ctx.json(body);
    }

    private static List<Map<String, Object>> files(org.jdbi.v3.core.Handle h, String room) {
        return new ArrayList<>(h.createQuery("""
                        SELECT id, file_name, kind, size_bytes, page_count, uploaded_at, shared FROM room_files
                        WHERE room_name = :room ORDER BY id""")
                .bind("room", room)
                .map((rs, ctx) -> {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("id", rs.getLong("id"));
                    f.put("name", rs.getString("file_name"));
                    f.put("type", rs.getString("kind"));
                    f.put("size", rs.getLong("size_bytes"));
                    f.put("pages", rs.getInt("page_count"));
                    f.put("uploadedAt", Database.instant(rs, "uploaded_at").toString());
                    f.put("shared", rs.getBoolean("shared"));
                    return f;
                })
                .list());
    }

    static Map<String, Object> json(ChatMessage m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sentAt", m.sentAt().toString());
        json.put("fromName", m.senderName());
        json.put("to", m.to().wireName()); // everyone or hosts: a host's view holds no one else's private messages
        json.put("text", m.text());
        return json;
    }

    static Map<String, Object> json(Question q) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("askedAt", q.askedAt().toString());
        json.put("askerName", q.anonymous() ? null : q.askerName());
        json.put("text", q.text());
        json.put("votes", q.upvoters().size());
        json.put("status", q.status().name().toLowerCase(Locale.ROOT));
        json.put("answer", q.answer() == null ? null : Map.of("text", q.answer().text(), "by", q.answer().hostName(),
                "private", q.answer().privately()));
        return json;
    }

    static Map<String, Object> json(Poll p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("question", p.question());
        json.put("multiple", p.multiple());
        json.put("anonymous", p.anonymous());
        json.put("status", p.status().name().toLowerCase(Locale.ROOT));
        json.put("voters", p.votes().size());
        int[] counts = p.counts();
        List<Map<String, Object>> options = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) options.add(Map.of("text", p.options().get(i), "votes", counts[i]));
        json.put("options", options);
        return json;
    }
}
