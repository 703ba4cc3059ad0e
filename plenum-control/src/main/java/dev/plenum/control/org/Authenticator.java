package dev.plenum.control.org;

import dev.plenum.control.http.ApiError;
import dev.plenum.control.http.ApiException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides who an API request comes from, in this order:
 * <ol>
 *   <li>an API key, in {@code Authorization: Bearer <key>} or {@code X-Api-Key: <key>}: a key that is unknown or
 *       revoked is refused (401), never passed over for the cookie;
 *   <li>the session cookie {@value #SESSION_COOKIE}: for any method other than GET, HEAD and OPTIONS the request must
 *       also carry the session's CSRF token in {@value #CSRF_HEADER} (403 otherwise), since a browser attaches the
 *       cookie to requests other sites make;
 *   <li>otherwise 401.
 * </ol>
 */
public final class Authenticator {
    public static final String SESSION_COOKIE = "plenum_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private final SessionStore sessions;
    private final ApiKeys apiKeys;

    public Authenticator(SessionStore sessions, ApiKeys apiKeys) {
        this.sessions = sessions;
        this.apiKeys = apiKeys;
    }

    public Principal require(Context ctx) {
        Optional<String> key = presentedApiKey(ctx);
        if (key.isPresent()) {
            long org = apiKeys.organisationOf(key.get()).orElseThrow(() -> unauthorized(ctx, "the API key is not valid"));
            return new Principal(org, null, MemberRole.ADMIN, Principal.Via.API_KEY);
        }
        String cookie = ctx.cookie(SESSION_COOKIE);
        if (cookie != null) {
            SessionStore.Live live = sessions.find(cookie).orElseThrow(() -> unauthorized(ctx, "the session has ended; sign in again"));
            if (changesState(ctx.method()) && !Secrets.constantTimeEquals(ctx.header(CSRF_HEADER), live.csrfToken())) {
                throw ApiException.forbidden("csrf", "the " + CSRF_HEADER + " header is missing or does not match the session");
            }
            return new Principal(live.organisationId(), live.memberId(), live.role(), Principal.Via.SESSION);
        }
        throw unauthorized(ctx, "sign in, or send an API key in the Authorization header");
    }

    /** The caller must be an owner or admin signed in with a session (403 otherwise). */
    public Principal requireManager(Context ctx) {
        Principal principal = require(ctx);
        if (!principal.managesOrganisation()) {
            throw ApiException.forbidden("forbidden", principal.via() == Principal.Via.API_KEY
                    ? "API keys cannot manage members or keys; sign in as an owner or admin"
                    : "only an owner or admin may do this");
        }
        return principal;
    }

    static Optional<String> presentedApiKey(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            String trimmed = authorization.strip();
            if (trimmed.length() > 7 && trimmed.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
                return Optional.of(trimmed.substring(7).strip());
            }
            return Optional.of(""); // another scheme: refused, not ignored
        }
        String header = ctx.header("X-Api-Key");
        return header == null ? Optional.empty() : Optional.of(header.strip());
    }

    private static boolean changesState(HandlerType method) {
        return method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.OPTIONS;
    }

    private static ApiException unauthorized(Context ctx, String message) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"plenum\"");
        return new ApiException(401, ApiError.of("unauthorized", message));
    }
}
