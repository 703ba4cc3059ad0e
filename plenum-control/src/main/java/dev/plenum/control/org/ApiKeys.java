package dev.plenum.control.org;

import dev.plenum.control.store.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * An organisation's REST API keys. A key is {@code plk_} followed by 256 random bits (base64url); it is shown once,
 * when created, and stored as its SHA-256 only. Revoking sets {@code revoked_at}; a revoked key never authenticates.
 */
public final class ApiKeys {
    public static final String PREFIX = "plk_";
    private final Jdbi jdbi;
    private final Clock clock;

    /** A key as listed: never the secret. */
    public record ApiKey(long id, String label, String prefix, Instant createdAt, Instant revokedAt) {}

    /** A new key with its secret, the only time the secret is available. */
    public record Created(ApiKey key, String secret) {}

    public ApiKeys(Database db, Clock clock) {
        this.jdbi = db.jdbi();
        this.clock = clock;
    }

    public Created create(long organisationId, String label, Long createdBy) {
        String secret = PREFIX + Secrets.random(32);
        String prefix = secret.substring(0, PREFIX.length() + 6);
        Instant now = Database.now(clock);
        long id = jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO api_keys (organisation_id, label, key_prefix, key_hash, created_by, created_at)
                        VALUES (:org, :label, :prefix, :hash, :by, :now)""")
                .bind("org", organisationId).bind("label", label).bind("prefix", prefix)
                .bind("hash", Secrets.sha256(secret)).bind("by", createdBy).bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return new Created(new ApiKey(id, label, prefix, now, null), secret);
    }

    public List<ApiKey> list(long organisationId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, label, key_prefix, created_at, revoked_at FROM api_keys
                        WHERE organisation_id = :org ORDER BY id""")
                .bind("org", organisationId)
                .map((rs, ctx) -> {
                    return new ApiKey(rs.getLong("id"), rs.getString("label"), rs.getString("key_prefix"),
                            Database.instant(rs, "created_at"), Database.instant(rs, "revoked_at"));
                })
                .list());
    }

    /** Revokes one of the organisation's keys; false when it has no such key (or it was revoked already). */
    public boolean revoke(long organisationId, long id) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE api_keys SET revoked_at = :now
                        WHERE id = :id AND organisation_id = :org AND revoked_at IS NULL""")
                .bind("now", Database.now(clock)).bind("id", id).bind("org", organisationId).execute()) == 1;
    }

    /** The organisation a live key belongs to. */
    public Optional<Long> organisationOf(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) return Optional.empty();
        return jdbi.withHandle(h -> h.createQuery("SELECT organisation_id FROM api_keys WHERE key_hash = :hash AND revoked_at IS NULL")
                .bind("hash", Secrets.sha256(secret)).mapTo(Long.class).findOne());
    }
}
