package dev.plenum.control.conference;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * A room as organisers plan it ("conference", as ClickMeeting calls it): a meeting or a webinar, permanent or
 * scheduled, with an access rule, a lobby switch and a stable room name that is its join link.
 *
 * @param schedule null for a permanent room
 */
public record Conference(long id, long organisationId, String roomName, String name, String roomType, boolean permanentRoom,
                         Schedule schedule, String accessType, boolean lobbyEnabled, Instant createdAt, Instant updatedAt) {
    public static final List<String> ROOM_TYPES = List.of("meeting", "webinar");
    public static final List<String> ACCESS_TYPES = List.of("open", "password", "token");

    /**
     * When a scheduled room takes place: the organiser's wall-clock start in an IANA zone (kept as given, so the
     * meeting stays at 10:00 Warsaw time even if the zone's rules change) and its length.
     */
    public record Schedule(LocalDateTime startsAt, ZoneId timeZone, int durationMinutes) {
        /**
         * The instant it starts. For a wall-clock time that occurs twice (clocks go back) the earlier one; times
         * that do not exist (clocks go forward) are refused when the schedule is made.
         */
        public Instant startInstant() {
            return ZonedDateTime.ofLocal(startsAt, timeZone, null).toInstant();
        }

        public Instant endInstant() {
            return startInstant().plusSeconds(60L * durationMinutes);
        }

        /** False when clocks skip this wall-clock time in the zone (a daylight-saving gap). */
        public static boolean exists(LocalDateTime wallClock, ZoneId zone) {
            return !zone.getRules().getValidOffsets(wallClock).isEmpty();
        }
    }
}
