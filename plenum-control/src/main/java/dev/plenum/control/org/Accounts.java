package dev.plenum.control.org;

import dev.plenum.control.http.ApiException;
import dev.plenum.control.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Organisations and their members in the database. E-mail addresses are compared lower-cased; one address belongs
 * to at most one member in the whole instance (a member signs in without naming an organisation).
 */
public final class Accounts {
    private static final String MEMBER_COLUMNS = "id, organisation_id, email, display_name, member_role, created_at";
    private final Jdbi jdbi;
    private final Clock clock;

    /** A member with the stored password hash, for sign-in only. */
    public record Credentials(Member member, String passwordHash) {}

    public Accounts(Database db, Clock clock) {
        this.jdbi = db.jdbi();
        this.clock = clock;
    }

    /**
     * Creates an organisation and its first member, the owner, in one transaction.
     *
     * @param onlyIfFirst refuse (403) when any organisation exists already
     * @throws ApiException 409 naming {@code email} when the address is taken
     */
    public Member signUp(String organisationName, String email, String name, String passwordHash, boolean onlyIfFirst) {
        Instant now = Database.now(clock);
        try {
            return jdbi.inTransaction(h -> {
                if (onlyIfFirst && h.createQuery("SELECT COUNT(*) FROM organisations").mapTo(Long.class).one() > 0) {
                    throw ApiException.forbidden("sign-up-closed", "this Plenum already has an organisation; ask its owner to add you");
                }
                long org = h.createUpdate("INSERT INTO organisations (display_name, created_at) VALUES (:name, :now)")
                        .bind("name", organisationName).bind("now", now)
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                return insertMember(h, org, email, name, MemberRole.OWNER, passwordHash, now);
            });
        } catch (RuntimeException e) {
            throw emailTaken(e);
        }
    }

    /** Adds a member to an organisation; 409 naming {@code email} when the address is taken. */
    public Member addMember(long organisationId, String email, String name, MemberRole role, String passwordHash) {
        try {
            return jdbi.inTransaction(h -> insertMember(h, organisationId, email, name, role, passwordHash, Database.now(clock)));
        } catch (RuntimeException e) {
            throw emailTaken(e);
        }
    }

    private static RuntimeException emailTaken(RuntimeException e) {
        if (Database.isUniqueViolation(e)) {
            return new ApiException(409, dev.plenum.control.http.ApiError.field("email", "a member with this e-mail address exists already"));
        }
        return e;
    }

    private static Member insertMember(Handle h, long org, String email, String name, MemberRole role, String hash, Instant now) {
        long id = h.createUpdate("""
                        INSERT INTO members (organisation_id, email, display_name, member_role, password_hash, created_at)
                        VALUES (:org, :email, :name, :role, :hash, :now)""")
                .bind("org", org).bind("email", normalise(email)).bind("name", name).bind("role", role.wire())
                .bind("hash", hash).bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        return new Member(id, org, normalise(email), name, role, now);
    }

    public Optional<Credentials> credentials(String email) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + MEMBER_COLUMNS + ", password_hash FROM members WHERE email = :email")
                .bind("email", normalise(email))
                .map((rs, ctx) -> new Credentials(member(rs, ctx), rs.getString("password_hash")))
                .findOne());
    }

    public void updatePasswordHash(long memberId, String passwordHash) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE members SET password_hash = :hash WHERE id = :id")
                .bind("hash", passwordHash).bind("id", memberId).execute());
    }

    public Optional<Member> member(long memberId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + MEMBER_COLUMNS + " FROM members WHERE id = :id")
                .bind("id", memberId).map(Accounts::member).findOne());
    }

    public List<Member> members(long organisationId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + MEMBER_COLUMNS + " FROM members WHERE organisation_id = :org ORDER BY id")
                .bind("org", organisationId).map(Accounts::member).list());
    }

    public Optional<Organisation> organisation(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, display_name, created_at FROM organisations WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Organisation(rs.getLong("id"), rs.getString("display_name"),
                        Database.instant(rs, "created_at")))
                .findOne());
    }

    static Member member(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Member(rs.getLong("id"), rs.getLong("organisation_id"), rs.getString("email"),
                rs.getString("display_name"), MemberRole.fromWire(rs.getString("member_role")),
                Database.instant(rs, "created_at"));
    }

    /** The stored form of an e-mail address. */
    public static String normalise(String email) {
        return email.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
