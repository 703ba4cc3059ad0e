package dev.plenum.control.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.Set;

/** An organisation's endpoint and the events it wants. */
public record Webhook(long id, long organisationId, URI url, Set<WebhookEvent> events, String signingSecret, Instant createdAt) {
    public Webhook {
        events = Set.copyOf(events);
    }
}
