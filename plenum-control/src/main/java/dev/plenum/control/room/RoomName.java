package dev.plenum.control.room;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** A room's name as it appears in its link, {@code /<room-name>}. */
public record RoomName(String value) {
    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    /** Names that collide with the program's own paths. */
    private static final Set<String> RESERVED = Set.of("api", "health", "metrics", "static", "ws", "favicon.ico",
            "robots.txt", "admin", "login", "logout", "register", "docs", "openapi", "organiser", "organizer",
            "unsubscribe", "cancel-registration");

    public RoomName {
        if (!ALLOWED.matcher(value).matches()) throw new IllegalArgumentException("invalid room name: " + value);
    }

    /** Parses a link path segment: lower-cased; empty when malformed or reserved. */
    public static Optional<RoomName> parse(String raw) {
        if (raw == null) return Optional.empty();
        String name = raw.toLowerCase(Locale.ROOT);
        if (!ALLOWED.matcher(name).matches() || RESERVED.contains(name)) return Optional.empty();
        return Optional.of(new RoomName(name));
    }

    public static boolean isReserved(String raw) {
        return raw != null && RESERVED.contains(raw.toLowerCase(Locale.ROOT));
    }
}
