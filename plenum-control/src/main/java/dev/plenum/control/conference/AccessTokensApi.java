package dev.plenum.control.conference;

import dev.plenum.control.http.ApiException;
import dev.plenum.control.http.ApiRoutes;
import dev.plenum.control.http.JsonBodies;
import dev.plenum.control.http.JsonFields;
import dev.plenum.control.org.AccountsApi;
import dev.plenum.control.org.Authenticator;
import dev.plenum.control.org.Principal;
import dev.plenum.control.store.Database;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Per-attendee access tokens of a conference, for members and API keys of its organisation:
 * <ul>
 *   <li>{@code POST /api/v1/conferences/{id}/tokens} with optional {@code name} and {@code email} of the holder (201):
 *       the token and its personal join link, shown this once (so no {@code Idempotency-Key}: a stored answer would
 *       keep the token);
 *   <li>{@code GET /api/v1/conferences/{id}/tokens?limit=&cursor=}: the tokens, revoked ones included, never the secret;
 *   <li>{@code DELETE /api/v1/conferences/{id}/tokens/{tokenId}}: revokes it (204); the holder can no longer join.
 * </ul>
 * Another organisation's conference answers 404 exactly as a missing one does.
 */
public final class AccessTokensApi implements ApiRoutes {
    private final Jdbi jdbi;
    private final Conferences conferences;
    private final AccessTokens tokens;
    private final Authenticator auth;
    private final JsonBodies bodies;
    private final Clock clock;

    public AccessTokensApi(Database db, Conferences conferences, AccessTokens tokens, Authenticator auth, JsonBodies bodies,
                           Clock clock) {
        this.jdbi = db.jdbi();
        this.conferences = conferences;
        this.tokens = tokens;
        this.auth = auth;
        this.bodies = bodies;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/v1/conferences/{id}/tokens", this::create);
        routes.get("/api/v1/conferences/{id}/tokens", this::list);
        routes.delete("/api/v1/conferences/{id}/tokens/{tokenId}", this::revoke);
    }

    void create(Context ctx) {
        Principal principal = auth.require(ctx);
        long id = AccountsApi.pathId(ctx);
        JsonFields f = new JsonFields(bodies.readObject(ctx));
        String name = f.text("name", false, 200);
        String email = f.text("email", false, 254);
        if (email != null && !AccountsApi.EMAIL.matcher(email).matches()) f.fault("email", "email must be an e-mail address");
        f.validate();
        Issued issued = jdbi.inTransaction(h -> {
            Conference c = conferences.get(h, principal.organisationId(), id).orElseThrow(() -> ApiException.notFound("conference"));
            return new Issued(tokens.create(h, principal.organisationId(), c.id(), name, email, Database.now(clock)), c.roomName());
        });
        Map<String, Object> body = json(issued.created().token());
        body.put("token", issued.created().secret());
        body.put("joinPath", joinPath(issued.roomName(), issued.created().secret()));
        ctx.header("Location", "/api/v1/conferences/" + id + "/tokens/" + issued.created().token().id());
        ctx.status(201).json(body);
    }

    void list(Context ctx) {
        Principal principal = auth.require(ctx);
        long id = AccountsApi.pathId(ctx);
        int limit = ConferencesApi.limit(ctx.queryParam("limit"));
        long after = ConferencesApi.cursor(ctx.queryParam("cursor"));
        List<AccessTokens.AccessToken> page = jdbi.withHandle(h -> {
            conferences.get(h, principal.organisationId(), id).orElseThrow(() -> ApiException.notFound("conference"));
            return tokens.page(h, principal.organisationId(), id, after, limit + 1);
        });
        ctx.json(ConferencesApi.page(page, limit, AccessTokens.AccessToken::id, AccessTokensApi::json));
    }

    void revoke(Context ctx) {
        Principal principal = auth.require(ctx);
        long id = AccountsApi.pathId(ctx);
        long tokenId = AccountsApi.pathId(ctx, "tokenId", "access token");
        if (!jdbi.inTransaction(h -> tokens.revoke(h, principal.organisationId(), id, tokenId, Database.now(clock)))) {
            throw ApiException.notFound("access token");
        }
        ctx.status(204);
    }

    private record Issued(AccessTokens.Created created, String roomName) {}

    /** The holder's personal link: the room's page, which passes the token on to the join request. */
    static String joinPath(String roomName, String secret) {
        return "/" + roomName + "?accessToken=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    }

    private static Map<String, Object> json(AccessTokens.AccessToken t) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", t.id());
        json.put("conferenceId", t.conferenceId());
        json.put("name", t.holderName());
        json.put("email", t.holderEmail());
        json.put("prefix", t.prefix());
        json.put("createdAt", t.createdAt().toString());
        json.put("revokedAt", t.revokedAt() == null ? null : t.revokedAt().toString());
        return json;
    }
}
