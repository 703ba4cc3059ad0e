package dev.plenum.control.org;

import java.time.Instant;

/** A person who signs in to manage an organisation's conferences. */
public record Member(long id, long organisationId, String email, String name, MemberRole role, Instant createdAt) {}
