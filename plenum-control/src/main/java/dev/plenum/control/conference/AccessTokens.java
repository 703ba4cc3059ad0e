package dev.plenum.control.conference;

import dev.plenum.control.org.Secrets;
import dev.plenum.control.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Per-attendee access tokens of conferences whose access is {@code token}. A token carries 192 random bits and is
 * stored as its SHA-256 only, so a copy of the database lets nobody in; it is shown once, when created. Every query
 * names the organisation.
 */
public final class AccessTokens {
    private static final int TOKEN_BYTES = 24;
    private static final int PREFIX_CHARS = 6;
    private static final String COLUMNS = "id, conference_id, holder_name, holder_email, token_prefix, created_at, revoked_at";

    /** A token as listed: never the token itself, only its first characters. */
    public record AccessToken(long id, long conferenceId, String holderName, String holderEmail, String prefix,
                              Instant createdAt, Instant revokedAt) {}

    /** A new token and the secret to hand to its holder (not stored). */
    public record Created(AccessToken token, String secret) {}

    /** A valid token's id and whom it was issued to (name and e-mail address may be null). */
    public record Holder(long tokenId, String name, String email) {}

    public Created create(Handle h, long organisationId, long conferenceId, String holderName, String holderEmail, Instant now) {
        String secret = Secrets.random(TOKEN_BYTES);
        long id = h.createUpdate("""
                        INSERT INTO access_tokens (organisation_id, conference_id, holder_name, holder_email, token_prefix,
                          token_hash, created_at)
                        VALUES (:org, :conference, :name, :email, :prefix, :hash, :now)""")
                .bind("org", organisationId).bind("conference", conferenceId).bind("name", holderName)
                .bind("email", holderEmail).bind("prefix", secret.substring(0, PREFIX_CHARS))
                .bind("hash", Secrets.sha256(secret)).bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        return new Created(new AccessToken(id, conferenceId, holderName, holderEmail, secret.substring(0, PREFIX_CHARS), now, null), secret);
    }

    /** Up to {@code limit} tokens of the conference with ids above {@code afterId}, oldest first, revoked ones included. */
    public List<AccessToken> page(Handle h, long organisationId, long conferenceId, long afterId, int limit) {
        return h.createQuery("SELECT " + COLUMNS + " FROM access_tokens WHERE organisation_id = :org AND conference_id = :conference "
                        + "AND id > :after ORDER BY id FETCH FIRST :limit ROWS ONLY")
                .bind("org", organisationId).bind("conference", conferenceId).bind("after", afterId).bind("limit", limit)
                .map((rs, ctx) -> token(rs)).list();
    }

    /** Revokes a live token; false when there is no such live token of this conference and organisation. */
    public boolean revoke(Handle h, long organisationId, long conferenceId, long id, Instant now) {
        return h.createUpdate("UPDATE access_tokens SET revoked_at = :now WHERE id = :id AND organisation_id = :org "
                        + "AND conference_id = :conference AND revoked_at IS NULL")
                .bind("now", now).bind("id", id).bind("org", organisationId).bind("conference", conferenceId).execute() == 1;
    }

    /** Revokes a live token by id alone (a host removed its holder from the room); false when it was not live. */
    public boolean revoke(Handle h, long id, Instant now) {
        return h.createUpdate("UPDATE access_tokens SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .bind("now", now).bind("id", id).execute() == 1;
    }

    /** The holder of a live token of this conference; empty for anything else (unknown, revoked, another room's). */
    public Optional<Holder> holder(Handle h, long conferenceId, String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > 100) return Optional.empty();
        return h.createQuery("SELECT id, holder_name, holder_email FROM access_tokens WHERE token_hash = :hash "
                        + "AND conference_id = :conference AND revoked_at IS NULL")
                .bind("hash", Secrets.sha256(secret)).bind("conference", conferenceId)
                .map((rs, ctx) -> new Holder(rs.getLong("id"), rs.getString("holder_name"), rs.getString("holder_email")))
                .findOne();
    }

    private static AccessToken token(ResultSet rs) throws SQLException {
        return new AccessToken(rs.getLong("id"), rs.getLong("conference_id"), rs.getString("holder_name"),
                rs.getString("holder_email"), rs.getString("token_prefix"), Database.instant(rs, "created_at"),
                rs.getObject("revoked_at") == null ? null : Database.instant(rs, "revoked_at"));
    }
}
