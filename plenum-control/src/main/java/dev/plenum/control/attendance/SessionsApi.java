package dev.plenum.control.attendance;

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
 * Sessions of a conference and their attendance reports, for members and API keys of its organisation:
 * <ul>
 *   <li>{@code GET /api/v1/conferences/{id}/sessions?limit=&cursor=}: oldest first, paged like the conferences;
 *   <li>{@code GET /api/v1/conferences/{id}/sessions/{sessionId}/attendees}: JSON, or CSV with {@code Accept: text/csv};
 *   <li>{@code GET /api/v1/conferences/{id}/sessions/{sessionId}/attendees.csv}: CSV (RFC 4180, see {@link Csv}).
 * </ul>
 * Another organisation's conference or session answers 404 exactly as a missing one does.
 */
public final class SessionsApi implements ApiRoutes {
    static final List<String> CSV_HEADER = List.of("name", "email", "role", "joined_at", "left_at", "total_seconds");
    private final Jdbi jdbi;
    private final Conferences conferences;
    private final SqlAttendanceLog attendance;
    private final Authenticator auth;

    public SessionsApi(Database db, Conferences conferences, SqlAttendanceLog attendance, Authenticator auth) {
        this.jdbi = db.jdbi();
        this.conferences = conferences;
        this.attendance = attendance;
        this.auth = auth;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/conferences/{id}/sessions", this::list);
        routes.get("/api/v1/conferences/{id}/sessions/{sessionId}/attendees", ctx -> attendees(ctx, wantsCsv(ctx)));
        routes.get("/api/v1/conferences/{id}/sessions/{sessionId}/attendees.csv", ctx -> attendees(ctx, true));
    }

    void list(Context ctx) {
        Principal principal = auth.require(ctx);
        long id = AccountsApi.pathId(ctx);
        int limit = ConferencesApi.limit(ctx.queryParam("limit"));
        long after = ConferencesApi.cursor(ctx.queryParam("cursor"));
        List<SessionRecord> page = jdbi.withHandle(h -> {
            conferences.get(h, principal.organisationId(), id).orElseThrow(() -> ApiException.notFound("conference"));
            return attendance.sessions(h, principal.organisationId(), id, after, limit + 1);
        });
        ctx.json(ConferencesApi.page(page, limit, SessionRecord::id, SessionsApi::json));
    }

    void attendees(Context ctx, boolean csv) {
        Principal principal = auth.require(ctx);
        long id = AccountsApi.pathId(ctx);
        long sessionId = AccountsApi.pathId(ctx, "sessionId", "session");
        List<AttendeeRecord> attendees = jdbi.withHandle(h -> attendance.attendees(h, principal.organisationId(), id, sessionId))
                .orElseThrow(() -> ApiException.notFound("session"));
        if (csv) {
            StringBuilder out = new StringBuilder();
            Csv.record(out, CSV_HEADER);
            for (AttendeeRecord a : attendees) {
                Csv.record(out, List.of(a.name(), a.email() == null ? "" : a.email(), a.role(), a.joinedAt().toString(),
                        a.leftAt() == null ? "" : a.leftAt().toString(), Long.toString(a.totalMillis() / 1000)));
            }
            ctx.header("Content-Disposition", "attachment; filename=\"attendees-" + sessionId + ".csv\"");
            ctx.contentType("text/csv; charset=utf-8; header=present").result(out.toString());
            return;
        }
        ctx.json(Map.of("data", attendees.stream().map(SessionsApi::json).toList()));
    }

    /** CSV only when the client asks for it and not for JSON first. */
    private static boolean wantsCsv(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/csv") && !accept.startsWith("application/json");
    }

    /** A session as the REST API shows it (also in the conference report). */
    public static Map<String, Object> json(SessionRecord s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", s.id());
        json.put("conferenceId", s.conferenceId());
        json.put("startedAt", s.startedAt().toString());
        json.put("endedAt", s.endedAt() == null ? null : s.endedAt().toString());
        json.put("attendees", s.attendees());
        return json;
    }

    /** An attendee as the REST API shows it (also in a session's report). */
    public static Map<String, Object> json(AttendeeRecord a) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", a.name());
        json.put("email", a.email());
        json.put("role", a.role());
        json.put("joinedAt", a.joinedAt().toString());
        json.put("leftAt", a.leftAt() == null ? null : a.leftAt().toString());
        json.put("totalSeconds", a.totalMillis() / 1000);
        json.put("stays", a.stays().stream().map(st -> {
            Map<String, Object> stay = new LinkedHashMap<>();
            stay.put("joinedAt", st.joinedAt().toString());
            stay.put("leftAt", st.leftAt() == null ? null : st.leftAt().toString());
            return stay;
        }).toList());
        return json;
    }
}
