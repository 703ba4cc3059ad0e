package dev.plenum.control.conference;

import dev.plenum.control.http.JsonFields;
import dev.plenum.control.org.PasswordHasher;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * Reads a conference's fields from a POST (all settings, defaults for the optional ones) or a PATCH (only the
 * fields sent change; JSON {@code null} clears a schedule field) and checks the result as a whole:
 * <ul>
 *   <li>{@code name}: 1..200 printable characters (required on POST);
 *   <li>{@code roomType}: meeting (default) | webinar; {@code permanentRoom}: true (default) | false;
 *   <li>scheduled rooms only, all three required: {@code startsAt} a wall-clock ISO-8601 date-time without offset,
 *       in the future but at most {@value #MAX_YEARS_AHEAD} years ahead, that exists in {@code timeZone} (an IANA zone id such as Europe/Warsaw);
 *       {@code durationMinutes} 1..1440;
 *   <li>{@code accessType}: open (default) | password | token; {@code password} (4..128 characters, write-only)
 *       required when switching to password access, refused otherwise;
 *   <li>{@code lobbyEnabled}: false (default) | true.
 * </ul>
 */
final class ConferenceRequest {
    static final int MAX_DURATION_MINUTES = 24 * 60;
    /** Keeps dates inside what every database and calendar client handles (PostgreSQL stops at year 294276). */
    static final int MAX_YEARS_AHEAD = 10;
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private ConferenceRequest() {}

    /** Validates into a spec (throws 422 naming every bad field); {@code existing} is null for a POST. */
    static Conferences.Spec read(JsonFields f, Conference existing, Clock clock, PasswordHasher passwords) {
        boolean creating = existing == null;
        String name = f.text("name", creating, 200);
        String roomType = f.oneOf("roomType", false, Conference.ROOM_TYPES);
        Boolean permanent = f.bool("permanentRoom", false);
        String accessType = f.oneOf("accessType", false, Conference.ACCESS_TYPES);
        String password = f.secret("password", false, 4, 128);
        Boolean lobby = f.bool("lobbyEnabled", false);

        // schedule fields: sent value, else (PATCH) the stored one unless sent as null
        Conference.Schedule old = creating ? null : existing.schedule();
        LocalDateTime startsAt = f.has("startsAt") ? startsAt(f) : old == null ? null : old.startsAt();
        ZoneId zone = f.has("timeZone") ? zone(f) : old == null ? null : old.timeZone();
        Integer duration = f.has("durationMinutes") ? f.integer("durationMinutes", false, 1, MAX_DURATION_MINUTES)
                : old == null ? null : old.durationMinutes();

        boolean isPermanent = permanent != null ? permanent : creating || existing.permanentRoom();
        Conference.Schedule schedule = null;
        if (isPermanent) {
            for (String field : new String[] {"startsAt", "timeZone", "durationMinutes"}) {
                if (f.has(field) && !f.isNull(field) && !f.hasFault(field)) {
                    f.fault(field, field + " applies only to scheduled rooms (permanentRoom false)");
                }
            }
        } else {
            if (startsAt == null && !f.hasFault("startsAt")) f.fault("startsAt", "startsAt is required for a scheduled room");
            if (zone == null && !f.hasFault("timeZone")) f.fault("timeZone", "timeZone is required for a scheduled room");
            if (duration == null && !f.hasFault("durationMinutes")) {
                f.fault("durationMinutes", "durationMinutes is required for a scheduled room");
            }
            if (startsAt != null && zone != null) {
                if (!Conference.Schedule.exists(startsAt, zone)) {
                    f.fault("startsAt", "startsAt does not exist in " + zone.getId() + " (the clocks skip it)");
                } else if (duration != null) {
                    schedule = new Conference.Schedule(startsAt, zone, duration);
                    boolean scheduleChanged = creating || !schedule.equals(old);
                    if (scheduleChanged && schedule.startInstant().isBefore(clock.instant())) {
                        f.fault("startsAt", "startsAt must be in the future");
                    } else if (schedule.startInstant().isAfter(clock.instant().atZone(zone).plusYears(MAX_YEARS_AHEAD).toInstant())) {
                        f.fault("startsAt", "startsAt must be at most " + MAX_YEARS_AHEAD + " years ahead");
                    }
                }
            }
        }

        String access = accessType != null ? accessType : creating ? "open" : existing.accessType();
        boolean hadPassword = !creating && existing.accessType().equals("password");
        if (access.equals("password")) {
            if (password == null && !hadPassword && !f.hasFault("password")) {
                f.fault("password", "password is required when accessType is password");
            }
        } else if (f.has("password") && !f.isNull("password") && !f.hasFault("password")) {
            f.fault("password", "password applies only when accessType is password");
        }
        f.validate();
        return new Conferences.Spec(
                name != null ? name : existing.name(),
                roomType != null ? roomType : creating ? "meeting" : existing.roomType(),
                isPermanent, schedule, access,
                access.equals("password") && password != null ? passwords.hash(password) : null,
                lobby != null ? lobby : !creating && existing.lobbyEnabled());
    }

    private static LocalDateTime startsAt(JsonFields f) {
        String text = f.text("startsAt", false, 40);
        if (text == null) return null;
        try {
            return LocalDateTime.parse(text).truncatedTo(ChronoUnit.SECONDS);
        } catch (DateTimeParseException e) {
            f.fault("startsAt", "startsAt must be a local date-time such as 2027-03-28T10:00:00, without offset "
                    + "(the zone goes in timeZone)");
            return null;
        }
    }

    private static ZoneId zone(JsonFields f) {
        String text = f.text("timeZone", false, 64);
        if (text == null) return null;
        if (!ZONES.contains(text)) {
            f.fault("timeZone", "timeZone must be an IANA time zone such as Europe/Warsaw");
            return null;
        }
        return ZoneId.of(text);
    }
}
