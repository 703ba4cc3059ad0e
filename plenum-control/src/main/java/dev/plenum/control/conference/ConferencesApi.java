package dev.plenum.control.conference;

import dev.plenum.control.http.ApiException;
import dev.plenum.control.http.ApiRoutes;
import dev.plenum.control.http.Idempotency;
import dev.plenum.control.http.JsonBodies;
import dev.plenum.control.http.JsonFields;
import dev.plenum.control.org.AccountsApi;
import dev.plenum.control.org.Authenticator;
import dev.plenum.control.org.PasswordHasher;
import dev.plenum.control.org.Principal;
import dev.plenum.control.store.Database;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The conferences REST resource, for signed-in members and API keys alike:
 * <ul>
 *   <li>{@code POST /api/v1/conferences} (201; honours {@code Idempotency-Key});
 *   <li>{@code GET /api/v1/conferences?limit=&cursor=}: oldest first, {@code nextCursor} until the last page;
 *   <li>{@code GET|PATCH|DELETE /api/v1/conferences/{id}}.
 * </ul>
 * Another organisation's conference answers 404 exactly as a missing one does.
 */
public final class ConferencesApi implements ApiRoutes {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private final Jdbi jdbi;
    private final Conferences conferences;
    private final Authenticator auth;
    private final Idempotency idempotency;
    private final JsonBodies bodies;
    private final PasswordHasher passwords;
    private final Clock clock;
    private final ConferenceChanges changes;

    public ConferencesApi(Database db, Conferences conferences, Authenticator auth, Idempotency idempotency, JsonBodies bodies,
                          PasswordHasher passwords, Clock clock) {
        this(db, conferences, auth, idempotency, bodies, passwords, clock, ConferenceChanges.NONE);
    }

    public ConferencesApi(Database db, Conferences conferences, Authenticator auth, Idempotency idempotency, JsonBodies bodies,
                          PasswordHasher passwords, Clock clock, ConferenceChanges changes) {
        this.changes = changes;
        this.jdbi = db.jdbi();
        this.conferences = conferences;
        this.auth = auth;
        this.idempotency = idempotency;
        this.bodies = bodies;
        this.passwords = passwords;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/v1/conferences", this::create);
        routes.get("/api/v1/conferences", this::list);
        routes.get("/api/v1/conferences/{id}", this::get);
        routes.patch("/api/v1/conferences/{id}", this::update);
        routes.delete("/api/v1/conferences/{id}", this::delete);
    }

    void create(Context ctx) {
        Principal principal = auth.require(ctx);
        byte[] raw = bodies.rawBody(ctx);
        if (idempotency.replayed(ctx, principal.organisationId(), raw)) return;
        Conferences.Spec spec = ConferenceRequest.read(new JsonFields(bodies.parse(raw)), null, clock, passwords);
        idempotency.post(ctx, principal.organisationId(), raw, h -> {
            Conference created = conferences.create(h, principal.organisationId(), spec, Database.now(clock));
            ctx.header("Location", "/api/v1/conferences/" + created.id());
            return new Idempotency.Answer(201, json(created));
        });
    }

    void list(Context ctx) {
        Principal principal = auth.require(ctx);
        int limit = limit(ctx.queryParam("limit"));
        long after = cursor(ctx.queryParam("cursor"));
        List<Conference> page = jdbi.withHandle(h -> conferences.page(h, principal.organisationId(), after, limit + 1));
        ctx.json(page(page, limit, Conference::id, ConferencesApi::json));
    }

    void get(Context ctx) {
        Principal principal = auth.require(ctx);
        long id = AccountsApi.pathId(ctx);
        Conference c = jdbi.withHandle(h -> conferences.get(h, principal.organisationId(), id))
                .orElseThrow(() -> ApiException.notFound("conference"));
        ctx.json(json(c));
    }

    void update(Context ctx) {
        Principal principal = auth.require(ctx);
        long id = AccountsApi.pathId(ctx);
        var body = bodies.readObject(ctx);
        Conference updated = jdbi.inTransaction(h -> {
            Conference existing = conferences.get(h, principal.organisationId(), id)
                    .orElseThrow(() -> ApiException.notFound("conference"));
            Conferences.Spec spec = ConferenceRequest.read(new JsonFields(body), existing, clock, passwords);
            Conference after = conferences.update(h, principal.organisationId(), id, spec, Database.now(clock))
                    .orElseThrow(() -> ApiException.notFound("conference"));
            changes.updated(h, existing, after, Database.now(clock));
            return after;
        });
        ctx.json(json(updated));
    }

    void delete(Context ctx) {
        Principal principal = auth.require(ctx);
        long id = AccountsApi.pathId(ctx);
        if (!jdbi.inTransaction(h -> {
            boolean deleted = conferences.delete(h, principal.organisationId(), id, Database.now(clock));
            if (deleted) changes.deleted(h, id, Database.now(clock));
            return deleted;
        })) {
            throw ApiException.notFound("conference");
        }
        ctx.status(204);
    }

    /** A page size from {@code ?limit=}: 1 to 100, default 20; anything else is a 400 naming {@code limit}. */
    public static int limit(String raw) {
        if (raw == null) return DEFAULT_LIMIT;
        if (!raw.matches("[0-9]{1,3}") || Integer.parseInt(raw) < 1 || Integer.parseInt(raw) > MAX_LIMIT) {
            throw ApiException.badRequest("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
        }
        return Integer.parseInt(raw);
    }

    /** Cursors are opaque to clients: base64url of {@code c<last id>}. */
    public static long cursor(String raw) {
        if (raw == null) return 0;
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8);
            if (decoded.matches("c[1-9][0-9]{0,17}")) return Long.parseLong(decoded.substring(1));
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw ApiException.badRequest("cursor", "cursor must be a nextCursor value from a previous page");
    }

    /**
     * A page's body from {@code rows} read with {@code limit + 1}: {@code data} (at most {@code limit} rows as JSON)
     * and {@code nextCursor} (the last shown row's id, null when that extra row was not there).
     */
    public static <T> Map<String, Object> page(List<T> rows, int limit, java.util.function.ToLongFunction<T> id,
                                               java.util.function.Function<T, Map<String, Object>> json) {
        boolean more = rows.size() > limit;
        List<T> shown = more ? rows.subList(0, limit) : rows;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", shown.stream().map(json).toList());
        body.put("nextCursor", more ? encodeCursor(id.applyAsLong(shown.getLast())) : null);
        return body;
    }

    public static String encodeCursor(long lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("c" + lastId).getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, Object> json(Conference c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", c.id());
        json.put("name", c.name());
        json.put("roomType", c.roomType());
        json.put("permanentRoom", c.permanentRoom());
        Conference.Schedule s = c.schedule();
        json.put("startsAt", s == null ? null : DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(s.startsAt()));
        json.put("timeZone", s == null ? null : s.timeZone().getId());
        json.put("durationMinutes", s == null ? null : s.durationMinutes());
        json.put("startsAtUtc", s == null ? null : s.startInstant().toString());
        json.put("endsAtUtc", s == null ? null : s.endInstant().toString());
        json.put("accessType", c.accessType());
        json.put("lobbyEnabled", c.lobbyEnabled());
        json.put("roomName", c.roomName());
        json.put("joinPath", "/" + c.roomName());
        json.put("createdAt", c.createdAt().toString());
        json.put("updatedAt", c.updatedAt().toString());
        return json;
    }
}
