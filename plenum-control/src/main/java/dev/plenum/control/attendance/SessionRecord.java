package dev.plenum.control.attendance;

import java.time.Instant;

/** One time a planned room was live, as the REST API shows it. {@code endedAt} is null while it lasts. */
public record SessionRecord(long id, long conferenceId, Instant startedAt, Instant endedAt, int attendees) {}
