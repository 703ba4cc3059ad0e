package dev.plenum.control.registration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plenum.control.conference.Conference;
import dev.plenum.control.conference.Conferences;
import dev.plenum.control.conference.ConferencesApi;
import dev.plenum.control.http.ApiError;
import dev.plenum.control.http.ApiException;
import dev.plenum.control.http.ControlServer;
import dev.plenum.control.http.ApiRoutes;
import dev.plenum.control.http.Idempotency;
import dev.plenum.control.http.JsonBodies;
import dev.plenum.control.org.AccountsApi;
import dev.plenum.control.org.Authenticator;
import dev.plenum.control.org.Principal;
import dev.plenum.control.store.Database;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Registration over HTTP.
 * <p>For organisers (session or API key; another organisation's conference answers 404 as a missing one does):
 * <ul>
 *   <li>{@code GET|PUT /api/v1/conferences/{id}/registration}: the settings;
 *   <li>{@code GET /api/v1/conferences/{id}/registrations?status=&limit=&cursor=}: registrants, oldest first;
 *   <li>{@code POST /api/v1/conferences/{id}/registrations/{rid}/approve|deny} (honour {@code Idempotency-Key});
 *   <li>{@code DELETE /api/v1/conferences/{id}/registrations/{rid}/join-link}: withdraws the registrant's personal
 *       join link (204); it admits nobody from then on.
 * </ul>
 * <p>Public, unauthenticated:
 * <ul>
 *   <li>{@code GET /api/v1/public/registrations/{room}}: what the form shows (name, time, questions); 404 unless
 *       the conference takes registrations;
 *   <li>{@code POST /api/v1/public/registrations/{room}}: registers (201), at most {@value #MAX_PUBLIC_BODY} bytes
 *       and a limited number per client address and minute (429 with Retry-After);
 *   <li>{@code GET /register/{room}}: the registration page; {@code GET /unsubscribe/{token}}: the unsubscribe
 *       page; {@code POST /unsubscribe/{token}}: unsubscribes (the page's button, and RFC 8058 one-click);
 *   <li>{@code GET /cancel-registration/{token}}: the page that asks the registrant to confirm the cancellation
 *       (opening a link changes nothing: mail scanners open links); {@code POST /cancel-registration/{token}}:
 *       cancels (the page's one button), answering the registration's status.
 * </ul>
 */
public final class RegistrationApi implements ApiRoutes {
    static final int MAX_PUBLIC_BODY = 4096;
    private static final String PAGE_POLICY = "default-src 'self'; connect-src 'self'; img-src 'self' data:; "
            + "style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'";
    private final Jdbi jdbi;
    private final Registrations registrations;
    private final Conferences conferences;
    private final Authenticator auth;
    private final Idempotency idempotency;
    private final JsonBodies bodies;
    private final Clock clock;
    private final AddressRateLimiter limiter;
    private final byte[] registerPage;
    private final byte[] unsubscribePage;
    private final byte[] cancelPage;

    public RegistrationApi(Database db, Registrations registrations, Conferences conferences, Authenticator auth,
                           Idempotency idempotency, JsonBodies bodies, Clock clock) {
        this.jdbi = db.jdbi();
        this.registrations = registrations;
        this.conferences = conferences;
        this.auth = auth;
        this.idempotency = idempotency;
        this.bodies = bodies;
        this.clock = clock;
        this.limiter = new AddressRateLimiter(registrations.config().perAddressPerMinute(), System::nanoTime);
        this.registerPage = ControlServer.readResource(ControlServer.WEB_ROOT + "/register.html");
        this.unsubscribePage = ControlServer.readResource(ControlServer.WEB_ROOT + "/unsubscribe.html");
        this.cancelPage = ControlServer.readResource(ControlServer.WEB_ROOT + "/cancel-registration.html");
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/conferences/{id}/registration", this::getSettings);
        routes.put("/api/v1/conferences/{id}/registration", this::putSettings);
        routes.get("/api/v1/conferences/{id}/registrations", this::list);
        routes.post("/api/v1/conferences/{id}/registrations/{rid}/approve", ctx -> decide(ctx, (h, rc) ->
                registrations.approve(h, notCancelled(rc.registrant), rc.conference, Database.now(clock))));
        routes.post("/api/v1/conferences/{id}/registrations/{rid}/deny", ctx -> decide(ctx, (h, rc) ->
                registrations.deny(h, notCancelled(rc.registrant), Database.now(clock))));
        routes.get("/api/v1/public/registrations/{room}", this::publicForm);
        routes.post("/api/v1/public/registrations/{room}", this::publicRegister);
        routes.get("/register/{room}", ctx -> servePage(ctx, registerPage));
        routes.get("/unsubscribe/{token}", ctx -> servePage(ctx, unsubscribePage));
        routes.post("/unsubscribe/{token}", this::unsubscribe);
        routes.delete("/api/v1/conferences/{id}/registrations/{rid}/join-link", this::revokeJoinLink);
        routes.get("/cancel-registration/{token}", this::cancelForm);
        routes.post("/cancel-registration/{token}", this::cancel);
    }

    /** A registration its registrant cancelled is theirs to keep cancelled: an organiser can neither approve nor deny it. */
    private static Registrant notCancelled(Registrant r) {
        if (r.status().equals("cancelled")) {
            throw new ApiException(409, ApiError.field("status", "the registrant cancelled this registration"));
        }
        return r;
    }

    void getSettings(Context ctx) {
        Principal principal = auth.require(ctx);
        long id = AccountsApi.pathId(ctx);
        ctx.json(jdbi.withHandle(h -> {
            conference(h, principal, id);
            return json(registrations.settings(h, id));
        }));
    }

    void putSettings(Context ctx) {
        Principal principal = auth.require(ctx);
        long id = AccountsApi.pathId(ctx);
        ObjectNode body = bodies.readObject(ctx);
        ctx.json(jdbi.inTransaction(h -> {
            Conference c = conference(h, principal, id);
            RegistrationSettings settings = RegistrationRequests.settings(body, c);
            registrations.saveSettings(h, id, settings, Database.now(clock));
            return json(settings);
        }));
    }

    void list(Context ctx) {
        Principal principal = auth.require(ctx);
        long id = AccountsApi.pathId(ctx);
        int limit = ConferencesApi.limit(ctx.queryParam("limit"));
        long after = ConferencesApi.cursor(ctx.queryParam("cursor"));
        String status = ctx.queryParam("status");
        if (status != null && !Registrant.STATUSES.contains(status)) {
            throw ApiException.badRequest("status", "status must be one of " + String.join(", ", Registrant.STATUSES));
        }
        List<Registrant> page = jdbi.withHandle(h -> {
            conference(h, principal, id);
            return registrations.page(h, principal.organisationId(), id, status, after, limit + 1);
        });
        ctx.json(ConferencesApi.page(page, limit, Registrant::id, RegistrationApi::json));
    }

    private record Target(Conference conference, Registrant registrant) {}

    private void decide(Context ctx, BiFunction<Handle, Target, Registrant> decision) {
        Principal principal = auth.require(ctx);
        long id = AccountsApi.pathId(ctx);
        long rid = AccountsApi.pathId(ctx, "rid", "registration");
        byte[] raw = ctx.bodyAsBytes(); // no body expected; any sent takes part in the idempotency check
        idempotency.post(ctx, principal.organisationId(), raw, h -> {
            Conference c = conference(h, principal, id);
            Registrant r = registrations.get(h, principal.organisationId(), id, rid)
                    .orElseThrow(() -> ApiException.notFound("registration"));
            return new Idempotency.Answer(200, json(decision.apply(h, new Target(c, r))));
        });
    }

    void revokeJoinLink(Context ctx) {
        Principal principal = auth.require(ctx);
        long id = AccountsApi.pathId(ctx);
        long rid = AccountsApi.pathId(ctx, "rid", "registration");
        jdbi.useTransaction(h -> {
            conference(h, principal, id);
            Registrant r = registrations.get(h, principal.organisationId(), id, rid)
                    .orElseThrow(() -> ApiException.notFound("registration"));
            registrations.revokeJoinLink(h, r, Database.now(clock));
        });
        ctx.status(204);
    }

    /** The confirmation page; an unknown token is a 404 page, so a mistyped link says so before any click. */
    void cancelForm(Context ctx) {
        String token = ctx.pathParam("token");
        if (jdbi.withHandle(h -> registrations.byCancelToken(h, token)).isEmpty()) ctx.status(404);
        servePage(ctx, cancelPage);
        ctx.header("Cache-Control", "no-store");
    }

    void cancel(Context ctx) {
        String token = ctx.pathParam("token");
        Registrant r = jdbi.inTransaction(h -> registrations.cancelByRegistrant(h, token, Database.now(clock)))
                .orElseThrow(() -> ApiException.notFound("registration"));
        ctx.header("Cache-Control", "no-store").json(Map.of("status", r.status()));
    }

    void publicForm(Context ctx) {
        String room = ctx.pathParam("room");
        ctx.json(jdbi.withHandle(h -> {
            Open o = open(h, room);
            Conference c = o.conference();
            RegistrationSettings s = o.settings();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", c.name());
            json.put("startsAt", DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(c.schedule().startsAt()));
            json.put("timeZone", c.schedule().timeZone().getId());
            json.put("startsAtUtc", c.schedule().startInstant().toString());
            json.put("durationMinutes", c.schedule().durationMinutes());
            json.put("approval", s.approval());
            json.put("fields", s.fields());
            return json;
        }));
    }

    void publicRegister(Context ctx) {
        if (!limiter.tryAcquire(ctx.ip())) {
            ctx.header("Retry-After", Long.toString(limiter.secondsLeft()));
            throw new ApiException(429, ApiError.of("rate-limited", "too many registrations from this address; try again later"));
        }
        if (ctx.contentLength() > MAX_PUBLIC_BODY) throw tooLarge();
        byte[] raw = bodies.rawBody(ctx);
        if (raw.length > MAX_PUBLIC_BODY) throw tooLarge();
        ObjectNode body = bodies.parse(raw);
        String room = ctx.pathParam("room");
        Registrant created;
        try {
            created = jdbi.inTransaction(h -> {
                Open o = open(h, room);
                Conference c = o.conference();
                RegistrationSettings s = o.settings();
                RegistrationRequests.NewRegistration r = RegistrationRequests.registration(body, s);
                // the one place a registration is created; RegistrationEvents.registrationCreated is called within
                String language = r.language() != null ? r.language()
                        : RegistrationRequests.language(ctx.header("Accept-Language"));
                return registrations.register(h, c, s, r.name(), r.email(), r.answers(), language, Database.now(clock))
                        .orElseThrow(RegistrationApi::alreadyRegistered);
            });
        } catch (RuntimeException e) {
            if (!Database.isUniqueViolation(e)) throw e;
            throw alreadyRegistered(); // the unique index on (conference, address) refused a second registration
        }
        ctx.status(201).json(Map.of("status", created.status()));
    }

    void unsubscribe(Context ctx) {
        String token = ctx.pathParam("token");
        boolean done = token.length() <= 64 && jdbi.inTransaction(h -> registrations.unsubscribe(h, token, Database.now(clock)));
        if (!done) throw ApiException.notFound("unsubscribe link");
        ctx.header("Cache-Control", "no-store").json(Map.of("unsubscribed", true));
    }

    /** The caller's conference, or 404. */
    private Conference conference(Handle h, Principal principal, long id) {
        return conferences.get(h, principal.organisationId(), id).orElseThrow(() -> ApiException.notFound("conference"));
    }

    /** A conference taking registrations, by room name, or 404 (whether it exists or not). */
    /** A scheduled conference whose registration is open, with its registration settings. */
    private record Open(Conference conference, RegistrationSettings settings) {}

    private Open open(Handle h, String room) {
        return conferences.byRoomName(h, room)
                .filter(c -> c.schedule() != null)
                .map(c -> new Open(c, registrations.settings(h, c.id())))
                .filter(o -> o.settings().enabled())
                .orElseThrow(() -> ApiException.notFound("registration"));
    }

    private static ApiException alreadyRegistered() {
        return new ApiException(409, ApiError.field("email", "this e-mail address is already registered for this event"));
    }

    private static ApiException tooLarge() {
        return new ApiException(413, ApiError.of("body-too-large", "the request body exceeds " + MAX_PUBLIC_BODY + " bytes"));
    }

    static Map<String, Object> json(RegistrationSettings s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("enabled", s.enabled());
        json.put("approval", s.approval());
        json.put("fields", s.fields());
        return json;
    }

    static Map<String, Object> json(Registrant r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.id());
        json.put("conferenceId", r.conferenceId());
        json.put("name", r.name());
        json.put("email", r.email());
        json.put("answers", r.answers());
        json.put("status", r.status());
        json.put("language", r.language());
        json.put("unsubscribed", r.unsubscribed());
        json.put("joinLinkRevoked", r.joinRevokedAt() != null);
        json.put("createdAt", r.createdAt().toString());
        json.put("updatedAt", r.updatedAt().toString());
        return json;
    }

    private static void servePage(Context ctx, byte[] page) {
        ctx.header("Cache-Control", "no-cache");
        ctx.header("Content-Security-Policy", PAGE_POLICY);
        ctx.contentType("text/html; charset=utf-8").result(page);
    }

}
