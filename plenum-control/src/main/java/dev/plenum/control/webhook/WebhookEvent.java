package dev.plenum.control.webhook;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What an organisation can be told about, by the names its endpoints receive in {@code type}. */
public enum WebhookEvent {
    REGISTRATION_CREATED("registration.created"),
    SESSION_STARTED("session.started"),
    SESSION_ENDED("session.ended");

    private final String wireName;

    WebhookEvent(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<WebhookEvent> fromWireName(String name) {
        return Arrays.stream(values()).filter(e -> e.wireName.equals(name)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(WebhookEvent::wireName).toList();
    }
}
