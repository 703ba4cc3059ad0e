package dev.plenum.control.webhook;

import dev.plenum.control.store.Database;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * The webhook tables. Every method runs inside the caller's transaction, so an event is queued in the same
 * transaction as what it reports (a registration, a session start): both happen, or neither.
 */
public final class Webhooks {

    /** One queued delivery, as the dispatcher needs it. */
    public record Delivery(long id, long webhookId, URI url, String signingSecret, String eventId, String eventType,
                           String payload, int attempts) {}

    /** What an organisation sees of a delivery. */
    public record DeliveryState(long id, String eventId, String eventType, Instant createdAt, int attempts,
                                Instant nextAttemptAt, Instant deliveredAt, Instant gaveUpAt, Integer lastStatus,
                                String lastError) {}

    public Webhook create(Handle h, long organisationId, URI url, Set<WebhookEvent> events, String secret, Instant now) {
        long id = h.createUpdate("""
                        INSERT INTO webhooks (organisation_id, url, event_types, signing_secret, created_at)
                        VALUES (:org, :url, :events, :secret, :now)""")
                .bind("org", organisationId).bind("url", url.toString()).bind("events", encode(events))
                .bind("secret", secret).bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        return new Webhook(id, organisationId, url, events, secret, now);
    }

    /** The organisation's endpoints, oldest first; deleted ones are not listed. */
    public List<Webhook> list(Handle h, long organisationId) {
        return h.createQuery("""
                        SELECT id, organisation_id, url, event_types, signing_secret, created_at FROM webhooks
                        WHERE organisation_id = :org AND deleted_at IS NULL ORDER BY id""")
                .bind("org", organisationId)
                .map((rs, ctx) -> new Webhook(rs.getLong("id"), rs.getLong("organisation_id"), URI.create(rs.getString("url")),
                        decode(rs.getString("event_types")), rs.getString("signing_secret"), Database.instant(rs, "created_at")))
                .list();
    }

    public Optional<Webhook> get(Handle h, long organisationId, long id) {
        return list(h, organisationId).stream().filter(w -> w.id() == id).findFirst();
    }

    /** Stops deliveries to the endpoint (queued ones are given up on); false when the organisation has no such one. */
    public boolean delete(Handle h, long organisationId, long id, Instant now) {
        int changed = h.createUpdate("""
                        UPDATE webhooks SET deleted_at = :now
                        WHERE id = :id AND organisation_id = :org AND deleted_at IS NULL""")
                .bind("now", now).bind("id", id).bind("org", organisationId).execute();
        if (changed == 0) return false;
        h.createUpdate("""
                        UPDATE webhook_deliveries SET gave_up_at = :now, last_error = 'endpoint deleted'
                        WHERE webhook_id = :id AND delivered_at IS NULL AND gave_up_at IS NULL""")
                .bind("now", now).bind("id", id).execute();
        return true;
    }

    /**
     * Queues {@code event} for every endpoint of the organisation that wants it. {@code data} is a JSON object's text;
     * the payload wraps it as {@code {"id", "type", "createdAt", "data"}}.
     */
    public int publish(Handle h, long organisationId, WebhookEvent event, String data, Instant now) {
        String eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        String payload = "{\"id\":\"" + eventId + "\",\"type\":\"" + event.wireName() + "\",\"createdAt\":\"" + now
                + "\",\"data\":" + data + "}";
        int queued = 0;
        for (Webhook w : list(h, organisationId)) {
            if (!w.events().contains(event)) continue;
            h.createUpdate("""
                            INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, payload, created_at, attempts,
                                                            next_attempt_at)
                            VALUES (:webhook, :event, :type, :payload, :now, 0, :now)""")
                    .bind("webhook", w.id()).bind("event", eventId).bind("type", event.wireName()).bind("payload", payload)
                    .bind("now", now).execute();
            queued++;
        }
        return queued;
    }

    /** The endpoint's latest deliveries, newest first. */
    public List<DeliveryState> deliveries(Handle h, long webhookId, int limit) {
        return h.createQuery("""
                        SELECT id, event_id, event_type, created_at, attempts, next_attempt_at, delivered_at, gave_up_at,
                               last_status, last_error
                        FROM webhook_deliveries WHERE webhook_id = :webhook ORDER BY id DESC LIMIT :limit""")
                .bind("webhook", webhookId).bind("limit", limit)
                .map((rs, ctx) -> new DeliveryState(rs.getLong("id"), rs.getString("event_id"), rs.getString("event_type"),
                        Database.instant(rs, "created_at"), rs.getInt("attempts"), Database.instant(rs, "next_attempt_at"),
                        Database.instant(rs, "delivered_at"), Database.instant(rs, "gave_up_at"),
                        (Integer) rs.getObject("last_status"), rs.getString("last_error")))
                .list();
    }

    /** Deliveries due at {@code now}, oldest first; the dispatcher then {@link #claim}s each before sending it. */
    List<Delivery> due(Handle h, Instant now, int limit) {
        return h.createQuery("""
                        SELECT d.id, d.webhook_id, w.url, w.signing_secret, d.event_id, d.event_type, d.payload, d.attempts
                        FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
                        WHERE d.delivered_at IS NULL AND d.gave_up_at IS NULL AND d.next_attempt_at <= :now
                        ORDER BY d.id LIMIT :limit""")
                .bind("now", now).bind("limit", limit)
                .map((rs, ctx) -> new Delivery(rs.getLong("id"), rs.getLong("webhook_id"), URI.create(rs.getString("url")),
                        rs.getString("signing_secret"), rs.getString("event_id"), rs.getString("event_type"),
                        rs.getString("payload"), rs.getInt("attempts")))
                .list();
    }

    /**
     * Takes a delivery for one attempt: counts it and leases it until {@code leaseUntil}, but only if nobody else
     * (another node's dispatcher) took it since it was read. A node that dies mid-attempt leaves the lease to expire,
     * and the delivery is tried again.
     */
    boolean claim(Handle h, Delivery d, Instant leaseUntil) {
        return h.createUpdate("""
                        UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_at = :lease
                        WHERE id = :id AND attempts = :attempts AND delivered_at IS NULL AND gave_up_at IS NULL""")
                .bind("lease", leaseUntil).bind("id", d.id()).bind("attempts", d.attempts()).execute() == 1;
    }

    void delivered(Handle h, long id, int status, Instant now) {
        h.createUpdate("UPDATE webhook_deliveries SET delivered_at = :now, last_status = :status, last_error = NULL WHERE id = :id")
                .bind("now", now).bind("status", status).bind("id", id).execute();
    }

    /** A failed attempt: tried again at {@code retryAt}, or given up on when that is null. */
    void failed(Handle h, long id, Integer status, String error, Instant retryAt, Instant now) {
        String reason = error.length() > 500 ? error.substring(0, 500) : error;
        var update = retryAt != null
                ? h.createUpdate("""
                        UPDATE webhook_deliveries SET last_status = :status, last_error = :error, next_attempt_at = :at
                        WHERE id = :id""")
                : h.createUpdate("""
                        UPDATE webhook_deliveries SET last_status = :status, last_error = :error, gave_up_at = :at
                        WHERE id = :id""");
        update.bind("status", status).bind("error", reason).bind("at", retryAt != null ? retryAt : now).bind("id", id)
                .execute();
    }

    private static String encode(Set<WebhookEvent> events) {
        return events.stream().map(WebhookEvent::wireName).sorted().collect(Collectors.joining(","));
    }

    private static Set<WebhookEvent> decode(String text) {
        Set<WebhookEvent> events = EnumSet.noneOf(WebhookEvent.class);
        Arrays.stream(text.split(",")).map(WebhookEvent::fromWireName).flatMap(Optional::stream).forEach(events::add);
        return events;
    }
}
