package dev.plenum.control.org;

import dev.plenum.control.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Sign-in sessions. The browser holds a random 256-bit id in a cookie; the database holds only its SHA-256, so a
 * copy of the database does not let anyone sign in. Each session has its own CSRF token, which the client sends
 * back in a header on every state-changing request.
 */
public final class SessionStore {
    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration lifetime;

    /** A new session: the cookie value (never stored) and the CSRF token. */
    public record Created(String cookieValue, String csrfToken, Instant expiresAt) {}

    /** A live session as looked up from a cookie. */
    public record Live(long memberId, long organisationId, MemberRole role, String csrfToken) {}

    public SessionStore(Database db, Clock clock, Duration lifetime) {
        this.jdbi = db.jdbi();
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public Created create(long memberId) {
        Instant now = Database.now(clock);
        String id = Secrets.random(32);
        String csrf = Secrets.random(32);
        Instant expires = now.plus(lifetime);
        jdbi.useTransaction(h -> {
            // expired sessions go when anyone signs in: the table holds at most a lifetime's worth of sign-ins
            h.createUpdate("DELETE FROM member_sessions WHERE expires_at < :now").bind("now", now).execute();
            h.createUpdate("""
                            INSERT INTO member_sessions (id_hash, member_id, csrf_token, created_at, expires_at)
                            VALUES (:id, :member, :csrf, :now, :expires)""")
                    .bind("id", Secrets.sha256(id)).bind("member", memberId).bind("csrf", csrf)
                    .bind("now", now).bind("expires", expires).execute();
        });
        return new Created(id, csrf, expires);
    }

    public Optional<Live> find(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 100) return Optional.empty();
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT s.member_id, m.organisation_id, m.member_role, s.csrf_token
                        FROM member_sessions s JOIN members m ON m.id = s.member_id
                        WHERE s.id_hash = :id AND s.expires_at > :now""")
                .bind("id", Secrets.sha256(cookieValue)).bind("now", Database.now(clock))
                .map((rs, ctx) -> new Live(rs.getLong("member_id"), rs.getLong("organisation_id"),
                        MemberRole.fromWire(rs.getString("member_role")), rs.getString("csrf_token")))
                .findOne());
    }

    public void delete(String cookieValue) {
        if (cookieValue == null) return;
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM member_sessions WHERE id_hash = :id")
                .bind("id", Secrets.sha256(cookieValue)).execute());
    }

    public Duration lifetime() {
        return lifetime;
    }
}
