package dev.plenum.control.report;

import dev.plenum.control.attendance.AttendeeRecord;
import dev.plenum.control.attendance.SessionRecord;
import dev.plenum.control.attendance.SessionsApi;
import dev.plenum.control.attendance.SqlAttendanceLog;
import dev.plenum.control.chat.ChatMessage;
import dev.plenum.control.chat.SqlChatLog;
import dev.plenum.control.conference.Conference;
import dev.plenum.control.conference.Conferences;
import dev.plenum.control.files.FileKind;
import dev.plenum.control.files.StoredFile;
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
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Reports of what a conference's room kept, for its organisation's members and API keys (the sessions API's rights:
 * another organisation's conference or session answers 404 exactly as a missing one, no credentials 401):
 * <ul>
 *   <li>{@code GET /api/v1/conferences/{id}/report}: the whole room: its sessions with their attendance counts, the
 *       chat a host could read, the Q&A, the poll results and the files;
 *   <li>{@code GET /api/v1/conferences/{id}/sessions/{sessionId}/report}: one session ({@link SessionReport});
 *   <li>{@code GET /api/v1/conferences/{id}/sessions/{sessionId}/report.html}: the same as a printable HTML file
 *       ({@link ReportHtml}), downloaded as an attachment.
 * </ul>
 * Everywhere private chat messages between others stay private, askers of anonymous questions stay unnamed, and a
 * poll shows its counts, never who voted what.
 */
public final class ConferenceReport implements ApiRoutes {
    static final int MAX_CHAT_MESSAGES = 10_000;
    static final int MAX_SESSIONS = 1_000;
    private final Jdbi jdbi;
    private final Clock clock;
    private final Conferences conferences;
    private final SqlAttendanceLog attendance;
    private final SqlChatLog chat;
    private final QuestionStore questions;
    private final PollStore polls;
    private final Authenticator auth;

    public ConferenceReport(Database db, Clock clock, Conferences conferences, SqlAttendanceLog attendance, SqlChatLog chat,
                            QuestionStore questions, PollStore polls, Authenticator auth) {
        this.jdbi = db.jdbi();
        this.clock = clock;
        this.conferences = conferences;
        this.attendance = attendance;
        this.chat = chat;
        this.questions = questions;
        this.polls = polls;
        this.auth = auth;
    }

    /** The path of a session's report; {@code .html} appended, its printable file. */
    public static String sessionReportPath(long conferenceId, long sessionId) {
        return "/api/v1/conferences/" + conferenceId + "/sessions/" + sessionId + "/report";
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/conferences/{id}/report", this::report);
        routes.get("/api/v1/conferences/{id}/sessions/{sessionId}/report", ctx -> ctx.json(json(sessionReport(ctx))));
        routes.get("/api/v1/conferences/{id}/sessions/{sessionId}/report.html", this::html);
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
                    .map(s -> withReportLink(SessionsApi.json(s), c.id(), s.id())).toList());
            body.put("files", files(h, c.roomName(), null).stream().map(ConferenceReport::json).toList());
            return c.roomName();
        });
        // The room's own records, read as a host of the room would (chat: everyone's and the hosts' messages).
        body.put("chat", chat.history(room, "", Role.HOST, MAX_CHAT_MESSAGES).stream().map(ConferenceReport::json).toList());
        body.put("questions", questions.load(room).stream().map(ConferenceReport::json).toList());
        body.put("polls", polls.load(room).stream().map(ConferenceReport::json).toList());
        ctx.json(body);
    }

    void html(Context ctx) {
        SessionReport report = sessionReport(ctx);
        ctx.header("Content-Disposition", "attachment; filename=\"report-" + report.conference().roomName() + "-session-"
                + report.session().id() + ".html\"");
        // Nothing in the file may load or run anything: its text is escaped, and this says so to the browser too.
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType("text/html; charset=utf-8").result(ReportHtml.render(report));
    }

    /** The session of the path, with what happened in the room during it; 404 for another organisation's. */
    SessionReport sessionReport(Context ctx) {
        Principal principal = auth.require(ctx);
        long id = AccountsApi.pathId(ctx);
        long sessionId = AccountsApi.pathId(ctx, "sessionId", "session");
        record Stored(Conference conference, SessionRecord session, List<AttendeeRecord> attendees, List<StoredFile> files,
                      Instant until) {}
        Stored stored = jdbi.withHandle(h -> {
            Conference c = conferences.get(h, principal.organisationId(), id).orElseThrow(() -> ApiException.notFound("conference"));
            SessionRecord s = attendance.session(h, principal.organisationId(), id, sessionId)
                    .orElseThrow(() -> ApiException.notFound("session"));
            Instant until = s.endedAt() != null ? s.endedAt() : Database.now(clock);
            return new Stored(c, s, attendance.attendees(h, principal.organisationId(), id, sessionId).orElseThrow(),
                    files(h, c.roomName(), until), until);
        });
        String room = stored.conference().roomName();
        SessionRecord session = stored.session();
        Instant until = stored.until();
        return new SessionReport(stored.conference(), session, until, stored.attendees(),
                chat.hostView(room, session.startedAt(), until, MAX_CHAT_MESSAGES),
                questions.load(room).stream().filter(q -> SessionReport.during(session, until, q.askedAt())).toList(),
                polls.load(room).stream().filter(p -> SessionReport.during(session, until, p.openedAt())).toList(),
                stored.files());
    }

    static Map<String, Object> json(SessionReport r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("conferenceId", r.conference().id());
        json.put("name", r.conference().name());
        json.put("roomName", r.conference().roomName());
        json.put("session", withReportLink(SessionsApi.json(r.session()), r.conference().id(), r.session().id()));
        json.put("attendees", r.attendees().stream().map(SessionsApi::json).toList());
        json.put("chat", r.chat().stream().map(ConferenceReport::json).toList());
        json.put("questions", r.questions().stream().map(ConferenceReport::json).toList());
        json.put("polls", r.polls().stream().map(ConferenceReport::json).toList());
        json.put("files", r.files().stream().map(ConferenceReport::json).toList());
        return json;
    }

    private static Map<String, Object> withReportLink(Map<String, Object> session, long conferenceId, long sessionId) {
        session.put("report", sessionReportPath(conferenceId, sessionId));
        return session;
    }

    /** The room's files, oldest first; with {@code until}, only those uploaded by then. */
    private static List<StoredFile> files(Handle h, String room, Instant until) {
        var query = h.createQuery("SELECT id, room_name, file_name, kind, size_bytes, sha256, page_count, uploaded_by, "
                + "uploaded_at, shared FROM room_files WHERE room_name = :room"
                + (until == null ? "" : " AND uploaded_at <= :until") + " ORDER BY id").bind("room", room);
        if (until != null) query.bind("until", until);
        return query
                .map((rs, ctx) -> new StoredFile(rs.getLong("id"), rs.getString("room_name"), rs.getString("file_name"),
                        FileKind.fromWireName(rs.getString("kind")).orElseThrow(), rs.getLong("size_bytes"),
                        rs.getString("sha256"), rs.getInt("page_count"), rs.getString("uploaded_by"),
                        Database.instant(rs, "uploaded_at"), rs.getBoolean("shared")))
                .list();
    }

    static Map<String, Object> json(StoredFile f) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", f.id());
        json.put("name", f.name());
        json.put("type", f.kind().wireName());
        json.put("size", f.size());
        json.put("pages", f.pages());
        json.put("uploadedAt", f.uploadedAt().toString());
        json.put("shared", f.shared());
        return json;
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
        json.put("openedAt", p.openedAt() == null ? null : p.openedAt().toString());
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
