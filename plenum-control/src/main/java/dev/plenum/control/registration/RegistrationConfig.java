package dev.plenum.control.registration;

import java.time.Duration;
import java.util.List;

/**
 * How registration behaves on this node.
 *
 * @param reminderOffsets     how long before a conference's start each reminder is sent (default 24 h and 1 h)
 * @param perAddressPerMinute public registrations accepted per client IP address and minute
 */
public record RegistrationConfig(List<Duration> reminderOffsets, int perAddressPerMinute) {
    public RegistrationConfig {
        reminderOffsets = List.copyOf(reminderOffsets);
        for (Duration d : reminderOffsets) {
            if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofDays(30)) > 0) {
                throw new IllegalArgumentException("a reminder offset must be more than 0 and at most 30 days: " + d);
            }
        }
        if (perAddressPerMinute < 1) throw new IllegalArgumentException("perAddressPerMinute must be at least 1");
    }

    public static RegistrationConfig defaults() {
        return new RegistrationConfig(List.of(Duration.ofHours(24), Duration.ofHours(1)), 20);
    }

    public RegistrationConfig withReminderOffsets(List<Duration> offsets) {
        return new RegistrationConfig(offsets, perAddressPerMinute);
    }

    public RegistrationConfig withPerAddressPerMinute(int limit) {
        return new RegistrationConfig(reminderOffsets, limit);
    }

    /** Parses a comma-separated list such as {@code 24h,1h,15m} (h, m or d units). */
    public static List<Duration> parseOffsets(String text) {
        List<Duration> out = new java.util.ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip().toLowerCase(java.util.Locale.ROOT);
            if (!p.matches("[0-9]{1,5}[dhm]")) {
                throw new IllegalArgumentException("\"" + part.strip() + "\" is not a duration such as 24h, 90m or 2d");
            }
            long n = Long.parseLong(p.substring(0, p.length() - 1));
            out.add(switch (p.charAt(p.length() - 1)) {
                case 'd' -> Duration.ofDays(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofMinutes(n);
            });
        }
        return out;
    }
}
