package dev.plenum.control.org;

import dev.plenum.control.http.ApiError;
import dev.plenum.control.http.ApiException;
import dev.plenum.control.http.ApiRoutes;
import dev.plenum.control.http.JsonBodies;
import dev.plenum.control.http.JsonFields;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Sign-up, sign-in and the organisation's members and API keys:
 * <ul>
 *   <li>{@code POST /api/v1/signup}: a new organisation and its owner, signed in;
 *   <li>{@code POST /api/v1/login}, {@code POST /api/v1/logout}, {@code GET /api/v1/me};
 *   <li>{@code GET|POST /api/v1/members} (owner or admin);
 *   <li>{@code GET|POST /api/v1/api-keys}, {@code DELETE /api/v1/api-keys/{id}} (owner or admin).
 * </ul>
 * Sign-in answers 401 alike for an unknown address and a wrong password, and spends the same time on both.
 */
public final class AccountsApi implements ApiRoutes {
    static final int MIN_PASSWORD = 10;
    static final int MAX_PASSWORD = 1024;
    /** What Plenum takes for an e-mail address: one @, a dot in the domain, no spaces. */
    public static final Pattern EMAIL = Pattern.compile("[^\\s@]{1,64}@[^\\s@]+\\.[^\\s@]+");
    private final Accounts accounts;
    private final SessionStore sessions;
    private final ApiKeys apiKeys;
    private final Authenticator auth;
    private final PasswordHasher passwords;
    private final LoginLimiter limiter;
    private final AccountsConfig config;
    private final JsonBodies bodies;

    public AccountsApi(Accounts accounts, SessionStore sessions, ApiKeys apiKeys, Authenticator auth, PasswordHasher passwords,
                       LoginLimiter limiter, AccountsConfig config, JsonBodies bodies) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.apiKeys = apiKeys;
        this.auth = auth;
        this.passwords = passwords;
        this.limiter = limiter;
        this.config = config;
        this.bodies = bodies;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/v1/signup", this::signUp);
        routes.post("/api/v1/login", this::login);
        routes.post("/api/v1/logout", this::logout);
        routes.get("/api/v1/me", this::me);
        routes.get("/api/v1/members", this::listMembers);
        routes.post("/api/v1/members", this::addMember);
        routes.get("/api/v1/api-keys", this::listKeys);
        routes.post("/api/v1/api-keys", this::createKey);
        routes.delete("/api/v1/api-keys/{id}", this::revokeKey);
    }

    void signUp(Context ctx) {
        JsonFields f = new JsonFields(bodies.readObject(ctx));
        String organisation = f.text("organisation", true, 200);
        String name = f.text("name", true, 200);
        String email = email(f);
        String password = f.secret("password", true, MIN_PASSWORD, MAX_PASSWORD);
        f.validate();
        throttle(ctx, "signup:" + Accounts.normalise(email));
        Member owner = accounts.signUp(organisation, email, name, passwords.hash(password), !config.openSignUp());
        ctx.status(201).json(signedIn(ctx, owner));
    }

    void login(Context ctx) {
        JsonFields f = new JsonFields(bodies.readObject(ctx));
        String email = f.text("email", true, 254);
        String password = f.secret("password", true, 1, MAX_PASSWORD);
        f.validate();
        throttle(ctx, Accounts.normalise(email));
        var credentials = accounts.credentials(email);
        if (credentials.isEmpty()) {
            passwords.verifyDecoy(password);
            throw wrongCredentials();
        }
        if (!passwords.verify(password, credentials.get().passwordHash())) throw wrongCredentials();
        Member member = credentials.get().member();
        if (passwords.needsRehash(credentials.get().passwordHash())) accounts.updatePasswordHash(member.id(), passwords.hash(password));
        ctx.json(signedIn(ctx, member));
    }

    void logout(Context ctx) {
        Principal principal = auth.require(ctx);
        if (principal.via() == Principal.Via.SESSION) sessions.delete(ctx.cookie(Authenticator.SESSION_COOKIE));
        ctx.cookie(sessionCookie("https".equals(ctx.scheme()), "", 0));
        ctx.status(204);
    }

    void me(Context ctx) {
        Principal principal = auth.require(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organisation", organisationJson(principal.organisationId()));
        body.put("member", principal.memberId() == null ? null : memberJson(accounts.member(principal.memberId()).orElseThrow()));
        body.put("authenticatedWith", principal.via() == Principal.Via.SESSION ? "session" : "api-key");
        if (principal.via() == Principal.Via.SESSION) {
            body.put("csrfToken", sessions.find(ctx.cookie(Authenticator.SESSION_COOKIE)).map(SessionStore.Live::csrfToken).orElse(null));
        }
        ctx.json(body);
    }

    void listMembers(Context ctx) {
        Principal principal = auth.requireManager(ctx);
        ctx.json(Map.of("data", accounts.members(principal.organisationId()).stream().map(AccountsApi::memberJson).toList()));
    }

    void addMember(Context ctx) {
        Principal principal = auth.requireManager(ctx);
        JsonFields f = new JsonFields(bodies.readObject(ctx));
        String name = f.text("name", true, 200);
        String email = email(f);
        String role = f.oneOf("role", true, List.of("admin", "host"));
        String password = f.secret("password", true, MIN_PASSWORD, MAX_PASSWORD);
        f.validate();
        Member member = accounts.addMember(principal.organisationId(), email, name, MemberRole.fromWire(role), passwords.hash(password));
        ctx.status(201).json(memberJson(member));
    }

    void listKeys(Context ctx) {
        Principal principal = auth.requireManager(ctx);
        ctx.json(Map.of("data", apiKeys.list(principal.organisationId()).stream().map(AccountsApi::keyJson).toList()));
    }

    void createKey(Context ctx) {
        Principal principal = auth.requireManager(ctx);
        JsonFields f = new JsonFields(bodies.readObject(ctx));
        String label = f.text("label", true, 100);
        f.validate();
        ApiKeys.Created created = apiKeys.create(principal.organisationId(), label, principal.memberId());
        Map<String, Object> body = keyJson(created.key());
        body.put("key", created.secret());
        ctx.status(201).json(body);
    }

    void revokeKey(Context ctx) {
        Principal principal = auth.requireManager(ctx);
        long id = pathId(ctx);
        if (!apiKeys.revoke(principal.organisationId(), id)) throw ApiException.notFound("API key");
        ctx.status(204);
    }

    /** A numeric id from the path; anything else cannot name a row, so it is "not found". */
    public static long pathId(Context ctx) {
        return pathId(ctx, "id", "resource");
    }

    /** As {@link #pathId(Context)} for the path parameter {@code name}; "not found" names {@code what}. */
    public static long pathId(Context ctx, String name, String what) {
        String raw = ctx.pathParam(name);
        if (!raw.matches("[1-9][0-9]{0,17}")) throw ApiException.notFound(what);
        return Long.parseLong(raw);
    }

    private static String email(JsonFields f) {
        String email = f.text("email", true, 254);
        if (email != null && !EMAIL.matcher(email).matches()) {
            f.fault("email", "email must be an e-mail address");
            return null;
        }
        return email;
    }

    private void throttle(Context ctx, String account) {
        Duration wait = limiter.tryAttempt(account, ctx.ip());
        if (!wait.isZero()) {
            ctx.header("Retry-After", Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
            throw new ApiException(429, ApiError.of("too-many-attempts", "too many sign-in attempts; try again later"));
        }
    }

    private static ApiException wrongCredentials() {
        return new ApiException(401, ApiError.of("invalid-credentials", "the e-mail address or the password is wrong"));
    }

    private Map<String, Object> signedIn(Context ctx, Member member) {
        SessionStore.Created session = sessions.create(member.id());
        ctx.cookie(sessionCookie("https".equals(ctx.scheme()), session.cookieValue(), (int) sessions.lifetime().toSeconds()));
        ctx.header("Cache-Control", "no-store");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organisation", organisationJson(member.organisationId()));
        body.put("member", memberJson(member));
        body.put("csrfToken", session.csrfToken());
        body.put("expiresAt", session.expiresAt().toString());
        return body;
    }

    /** HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site subrequests), Secure over https. */
    static Cookie sessionCookie(boolean https, String value, int maxAgeSeconds) {
        return new Cookie(Authenticator.SESSION_COOKIE, value, "/", maxAgeSeconds, https, true, null, SameSite.LAX);
    }

    private Map<String, Object> organisationJson(long id) {
        Organisation org = accounts.organisation(id).orElseThrow();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", org.id());
        json.put("name", org.name());
        json.put("createdAt", org.createdAt().toString());
        return json;
    }

    static Map<String, Object> memberJson(Member m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", m.id());
        json.put("email", m.email());
        json.put("name", m.name());
        json.put("role", m.role().wire());
        json.put("createdAt", m.createdAt().toString());
        return json;
    }

    static Map<String, Object> keyJson(ApiKeys.ApiKey k) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", k.id());
        json.put("label", k.label());
        json.put("prefix", k.prefix());
        json.put("createdAt", k.createdAt().toString());
        json.put("revokedAt", k.revokedAt() == null ? null : k.revokedAt().toString());
        return json;
    }
}
