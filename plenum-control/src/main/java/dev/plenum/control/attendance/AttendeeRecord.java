package dev.plenum.control.attendance;

import java.time.Instant;

/**
 * One person's attendance of one session.
 *
 * @param email       known for a signed-in member or a token issued with one, else null
 * @param role        the role they last had: {@code host}, {@code presenter} or {@code attendee}
 * @param leftAt      when they last left; null while they are in the room
 * @param totalMillis the time they were present, adding up every stay (the current one up to now included)
 */
public record AttendeeRecord(String name, String email, String role, Instant joinedAt, Instant leftAt, long totalMillis) {}
