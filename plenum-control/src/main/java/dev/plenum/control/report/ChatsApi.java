package dev.plenum.control.report;

import dev.plenum.control.attendance.Csv;
import dev.plenum.control.chat.ChatMessage;
import dev.plenum.control.conference.Conference;
import dev.plenum.control.conference.Conferences;
import dev.plenum.control.conference.ConferencesApi;
import dev.plenum.control.http.ApiException;
import dev.plenum.control.http.ApiRoutes;
import dev.plenum.control.org.AccountsApi;
import dev.plenum.control.org.Authenticator;
import dev.plenum.control.org.Principal;
import dev.plenum.control.store.Database;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code chats} resource (ClickMeeting's name): the chat of a conference's room per session, as a host could
 * read it, for members and API keys of its organisation:
 * <ul>
 *   <li>{@code GET /api/v1/conferences/{id}/chats?limit=&cursor=}: one entry per session (id, start, end, number of
 *       messages), oldest first, paged like the other lists;
 *   <li>{@code GET /api/v1/conferences/{id}/chats/{sessionId}?limit=&cursor=}: the session's messages as JSON, paged;
 *       with {@code format=csv} or {@code format=txt} (or {@code Accept: text/csv} / {@code text/plain}) the whole
 *       chat as a download: CSV (RFC 4180, see {@link Csv}) or plain text, one message a line.
 * </ul>
 * Another organisation's conference or session answers 404 exactly as a missing one does.
 */
public final class ChatsApi implements ApiRoutes {
    static final List<String> CSV_HEADER = List.of("sent_at", "from", "to", "text");
    static final List<String> FORMATS = List.of("json", "csv", "txt");
    /** Read in slices of this many messages for a download, so no one query holds a whole long chat. */
    private static final int DOWNLOAD_SLICE = 1000;
    private final Jdbi jdbi;
    private final Conferences conferences;
    private final Authenticator auth;
    private final SessionChats chats = new SessionChats();

    public ChatsApi(Database db, Conferences conferences, Authenticator auth) {
        this.jdbi = db.jdbi();
        this.conferences = conferences;
        this.auth = auth;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/conferences/{id}/chats", this::list);
        routes.get("/api/v1/conferences/{id}/chats/{sessionId}", this::messages);
    }

    void list(Context ctx) {
        Principal principal = auth.require(ctx);
        long id = AccountsApi.pathId(ctx);
        int limit = ConferencesApi.limit(ctx.queryParam("limit"));
        long after = ConferencesApi.cursor(ctx.queryParam("cursor"));
        List<SessionChats.SessionChat> page = jdbi.withHandle(h -> {
            Conference c = conference(h, principal, id);
            return chats.page(h, principal.organisationId(), id, c.roomName(), after, limit + 1);
        });
        ctx.json(ConferencesApi.page(page, limit, SessionChats.SessionChat::sessionId, ChatsApi::json));
    }

    void messages(Context ctx) {
        Principal principal = auth.require(ctx);
        long id = AccountsApi.pathId(ctx);
        long sessionId = AccountsApi.pathId(ctx, "sessionId", "session");
        String format = format(ctx);
        int limit = format.equals("json") ? ConferencesApi.limit(ctx.queryParam("limit")) : DOWNLOAD_SLICE;
        long after = format.equals("json") ? ConferencesApi.cursor(ctx.queryParam("cursor")) : 0;
        // one read-only transaction: the session and its messages as of one moment
        Map<String, Object> body = new LinkedHashMap<>();
        StringBuilder download = new StringBuilder();
        jdbi.inTransaction(h -> {
            Conference c = conference(h, principal, id);
            SessionChats.SessionChat session = chats.session(h, principal.organisationId(), id, c.roomName(), sessionId)
                    .orElseThrow(() -> ApiException.notFound("session"));
            if (format.equals("json")) {
                body.putAll(json(session));
                body.putAll(ConferencesApi.page(chats.messages(h, sessionId, c.roomName(), after, limit + 1), limit,
                        ChatMessage::id, ChatsApi::json));
                return null;
            }
            if (format.equals("csv")) Csv.record(download, CSV_HEADER);
            long last = 0;
            while (true) {
                List<ChatMessage> slice = chats.messages(h, sessionId, c.roomName(), last, DOWNLOAD_SLICE);
                for (ChatMessage m : slice) {
                    if (format.equals("csv")) {
                        Csv.record(download, List.of(m.sentAt().toString(), m.senderName(), m.to().wireName(), m.text()));
                    } else {
                        line(download, m);
                    }
                }
                if (slice.size() < DOWNLOAD_SLICE) return null;
                last = slice.getLast().id();
            }
        });
        if (format.equals("json")) {
            ctx.json(body);
            return;
        }
        ctx.header("Content-Disposition", "attachment; filename=\"chat-" + sessionId + "." + format + "\"");
        ctx.contentType(format.equals("csv") ? "text/csv; charset=utf-8; header=present" : "text/plain; charset=utf-8")
                .result(download.toString());
    }

    /**
     * {@code format=json|csv|txt} (400 naming {@code format} otherwise); without it, CSV or text when the client
     * asks for them and not for JSON first.
     */
    static String format(Context ctx) {
        String format = ctx.queryParam("format");
        if (format != null) {
            if (!FORMATS.contains(format)) throw ApiException.badRequest("format", "format must be one of " + String.join(", ", FORMATS));
            return format;
        }
        String accept = ctx.header("Accept");
        if (accept == null || accept.startsWith("application/json")) return "json";
        if (accept.contains("text/csv")) return "csv";
        if (accept.contains("text/plain")) return "txt";
        return "json";
    }

    /** {@code [2026-11-24T10:00:00Z] Ann to everyone: text}; further lines of a message indented by two spaces. */
    private static void line(StringBuilder out, ChatMessage m) {
        out.append('[').append(m.sentAt()).append("] ").append(m.senderName().replace('\n', ' ').replace('\r', ' '))
                .append(" to ").append(m.to().wireName()).append(": ")
                .append(m.text().replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\n  ")).append('\n');
    }

    private Conference conference(org.jdbi.v3.core.Handle h, Principal principal, long id) {
        return conferences.get(h, principal.organisationId(), id).orElseThrow(() -> ApiException.notFound("conference"));
    }

    private static Map<String, Object> json(SessionChats.SessionChat s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sessionId", s.sessionId());
        json.put("startedAt", s.startedAt().toString());
        json.put("endedAt", s.endedAt() == null ? null : s.endedAt().toString());
        json.put("messages", s.messages());
        return json;
    }

    private static Map<String, Object> json(ChatMessage m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", m.id());
        json.put("sentAt", m.sentAt().toString());
        json.put("fromName", m.senderName());
        json.put("to", m.to().wireName()); // everyone or hosts: a host's view holds no one else's private messages
        json.put("text", m.text());
        return json;
    }
}
