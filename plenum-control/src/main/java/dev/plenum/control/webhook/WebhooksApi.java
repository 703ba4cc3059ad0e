package dev.plenum.control.webhook;

import dev.plenum.control.conference.ConferencesApi;
import dev.plenum.control.http.ApiException;
import dev.plenum.control.http.ApiRoutes;
import dev.plenum.control.http.Idempotency;
import dev.plenum.control.http.JsonBodies;
import dev.plenum.control.http.JsonFields;
import dev.plenum.control.org.AccountsApi;
import dev.plenum.control.org.Authenticator;
import dev.plenum.control.org.Principal;
import dev.plenum.control.org.Secrets;
import dev.plenum.control.store.Database;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * The webhooks REST resource:
 * <ul>
 *   <li>{@code POST /api/v1/webhooks} {@code {"url", "events": [...]}} (201, with the signing secret, shown only here;
 *       honours {@code Idempotency-Key});
 *   <li>{@code GET /api/v1/webhooks}, {@code DELETE /api/v1/webhooks/{id}};
 *   <li>{@code GET /api/v1/webhooks/{id}/deliveries?limit=}: the latest deliveries and how they went.
 * </ul>
 */
public final class WebhooksApi implements ApiRoutes {
    static final int MAX_URL_CHARS = 2000;
    static final int MAX_ENDPOINTS = 20;
    private final Jdbi jdbi;
    private final Webhooks webhooks;
    private final Authenticator auth;
    private final Idempotency idempotency;
    private final JsonBodies bodies;
    private final Clock clock;

    public WebhooksApi(Database db, Webhooks webhooks, Authenticator auth, Idempotency idempotency, JsonBodies bodies, Clock clock) {
        this.jdbi = db.jdbi();
        this.webhooks = webhooks;
        this.auth = auth;
        this.idempotency = idempotency;
        this.bodies = bodies;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/v1/webhooks", this::create);
        routes.get("/api/v1/webhooks", this::list);
        routes.delete("/api/v1/webhooks/{id}", this::delete);
        routes.get("/api/v1/webhooks/{id}/deliveries", this::deliveries);
    }

    void create(Context ctx) {
        Principal principal = auth.require(ctx);
        byte[] raw = bodies.rawBody(ctx);
        if (idempotency.replayed(ctx, principal.organisationId(), raw)) return;
        JsonFields fields = new JsonFields(bodies.parse(raw));
        String url = fields.text("url", true, MAX_URL_CHARS);
        List<String> events = fields.someOf("events", true, WebhookEvent.wireNames());
        URI endpoint = url == null ? null : endpoint(url, fields);
        fields.validate();
        Set<WebhookEvent> wanted = EnumSet.noneOf(WebhookEvent.class);
        events.forEach(e -> wanted.add(WebhookEvent.fromWireName(e).orElseThrow()));
        idempotency.post(ctx, principal.organisationId(), raw, h -> {
            if (webhooks.list(h, principal.organisationId()).size() >= MAX_ENDPOINTS) {
                throw ApiException.unprocessable("url", "an organisation has at most " + MAX_ENDPOINTS + " webhook endpoints");
            }
            Webhook created = webhooks.create(h, principal.organisationId(), endpoint, wanted, "whsec_" + Secrets.random(24),
                    Database.now(clock));
            ctx.header("Location", "/api/v1/webhooks/" + created.id());
            Map<String, Object> body = json(created);
            body.put("signingSecret", created.signingSecret());
            return new Idempotency.Answer(201, body);
        });
    }

    /** An absolute http(s) URL with a host and no credentials or fragment; else a fault on {@code url}. */
    static URI endpoint(String url, JsonFields fields) {
        try {
            URI uri = new URI(url);
            if ((uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http")))
                    || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                fields.fault("url", "url must be an absolute http:// or https:// address without credentials or #fragment");
                return null;
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            fields.fault("url", "url is not a valid address: " + e.getReason());
            return null;
        }
    }

    void list(Context ctx) {
        Principal principal = auth.require(ctx);
        List<Webhook> all = jdbi.withHandle(h -> webhooks.list(h, principal.organisationId()));
        ctx.json(Map.of("data", all.stream().map(WebhooksApi::json).toList()));
    }

    void delete(Context ctx) {
        Principal principal = auth.require(ctx);
        long id = AccountsApi.pathId(ctx);
        if (!jdbi.inTransaction(h -> webhooks.delete(h, principal.organisationId(), id, Database.now(clock)))) {
            throw ApiException.notFound("webhook");
        }
        ctx.status(204);
    }

    void deliveries(Context ctx) {
        Principal principal = auth.require(ctx);
        long id = AccountsApi.pathId(ctx);
        int limit = ConferencesApi.limit(ctx.queryParam("limit"));
        List<Webhooks.DeliveryState> page = jdbi.withHandle(h -> {
            webhooks.get(h, principal.organisationId(), id).orElseThrow(() -> ApiException.notFound("webhook"));
            return webhooks.deliveries(h, id, limit);
        });
        ctx.json(Map.of("data", page.stream().map(WebhooksApi::json).toList()));
    }

    static Map<String, Object> json(Webhook w) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", w.id());
        json.put("url", w.url().toString());
        json.put("events", w.events().stream().map(WebhookEvent::wireName).sorted().toList());
        json.put("createdAt", w.createdAt().toString());
        return json;
    }

    static Map<String, Object> json(Webhooks.DeliveryState d) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", d.id());
        json.put("eventId", d.eventId());
        json.put("eventType", d.eventType());
        json.put("createdAt", d.createdAt().toString());
        json.put("attempts", d.attempts());
        json.put("status", d.deliveredAt() != null ? "delivered" : d.gaveUpAt() != null ? "failed" : "pending");
        json.put("nextAttemptAt", d.deliveredAt() == null && d.gaveUpAt() == null ? d.nextAttemptAt().toString() : null);
        json.put("deliveredAt", d.deliveredAt() == null ? null : d.deliveredAt().toString());
        json.put("lastStatus", d.lastStatus());
        json.put("lastError", d.lastError());
        return json;
    }
}
