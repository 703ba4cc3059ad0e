package dev.plenum.control.org;

import java.time.Instant;

/** A tenant: members, API keys and conferences belong to exactly one. */
public record Organisation(long id, String name, Instant createdAt) {}
