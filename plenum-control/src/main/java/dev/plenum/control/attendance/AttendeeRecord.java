package dev.plenum.control.attendance;

import java.time.Instant;
import java.util.List;

/**
 * One person's attendance of one session.
 *
 * @param email       known for a signed-in member or a token issued with one, else null
 * @param role        the role they last had: {@code host}, {@code presenter} or {@code attendee}
 * @param leftAt      when they last left; null while they are in the room
 * @param totalMillis the time they were present, adding up every stay (the current one up to now included)
 * @param stays       each time they were in the room, oldest first
 */
public record AttendeeRecord(String name, String email, String role, Instant joinedAt, Instant leftAt, long totalMillis,
                             List<Stay> stays) {

    public AttendeeRecord {
        stays = List.copyOf(stays);
    }

    /** From the first of a person's connections coming in to the last going out; {@code leftAt} null while in. */
    public record Stay(Instant joinedAt, Instant leftAt) {}
}
