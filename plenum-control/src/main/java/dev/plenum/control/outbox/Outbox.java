package dev.plenum.control.outbox;

import dev.plenum.control.store.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The transactional outbox of mails: rows are written with {@link #enqueue} inside the transaction that causes
 * them (a registration, an approval), so a mail exists exactly when its cause was committed; {@link OutboxWorker}
 * sends them later.
 *
 * <p>Claiming: {@link #claim} moves a due row's {@code next_attempt_at} past a lease and fixes its Message-ID in
 * one committed transaction before anything is sent. On PostgreSQL the candidates are read with
 * {@code FOR UPDATE SKIP LOCKED}, so several nodes sharing the database never wait on or take the same row; on H2
 * (embedded, one process) a conditional update is the claim: it succeeds for exactly one claimant. A row whose
 * sender died after the claim becomes due again when the lease ends, with the same Message-ID.
 */
public final class Outbox {
    /** How long a claimed row stays invisible to other claims; longer than any SMTP exchange takes. */
    public static final Duration LEASE = Duration.ofMinutes(5);
    private static final String COLUMNS = "id, kind, recipient, registrant_id, payload, due_at, attempts, message_id";
    private final Jdbi jdbi;
    private final boolean postgres;

    /** A mail to send. {@code attempts} counts this one. */
    public record Row(long id, String kind, String recipient, Long registrantId, String payload, Instant dueAt, int attempts,
                      String messageId) {}

    public Outbox(Database db) {
        this.jdbi = db.jdbi();
        this.postgres = db.config().isPostgres();
    }

    /** A mail to write: what it is, to whom, about which registrant, and when it is due. */
    public record Mail(String kind, String recipient, Long registrantId, String payload, Instant dueAt) {}

    private static final String INSERT = """
            INSERT INTO outbox (kind, recipient, registrant_id, payload, due_at, attempts, next_attempt_at)
            VALUES (:kind, :recipient, :registrant, :payload, :due, 0, :due)""";

    /** Adds a mail within the caller's transaction. */
    public static void enqueue(Handle h, Mail mail) {
        h.createUpdate(INSERT).bind("kind", mail.kind()).bind("recipient", mail.recipient())
                .bindByType("registrant", mail.registrantId(), Long.class).bind("payload", mail.payload())
                .bind("due", mail.dueAt()).execute();
    }

    /** Adds several mails within the caller's transaction, as one JDBC batch (one round trip to the server). */
    public static void enqueue(Handle h, List<Mail> mails) {
        if (mails.size() == 1) {
            enqueue(h, mails.getFirst());
            return;
        }
        var batch = h.prepareBatch(INSERT);
        for (Mail m : mails) {
            batch.bind("kind", m.kind()).bind("recipient", m.recipient()).bindByType("registrant", m.registrantId(), Long.class)
                    .bind("payload", m.payload()).bind("due", m.dueAt()).add();
        }
        batch.execute();
    }

    /** Drops the unsent mails of these kinds for a registrant (within the caller's transaction). */
    public static int cancel(Handle h, long registrantId, List<String> kinds) {
        return h.createUpdate("DELETE FROM outbox WHERE registrant_id = :r AND sent_at IS NULL AND kind IN (<kinds>)")
                .bind("r", registrantId).bindList("kinds", kinds).execute();
    }

    /** The Message-ID of an outbox row: a function of the row id alone, so every retry carries the same one. */
    public static String messageId(long rowId, String domain) {
        return "<outbox." + rowId + "@" + domain + ">";
    }

    /**
     * Claims up to {@code max} due rows (oldest due first) that have had fewer than {@code maxAttempts} attempts:
     * each gets its Message-ID (kept from an earlier attempt), one more attempt counted and a lease, committed
     * before this returns.
     */
    public List<Row> claim(int max, Instant now, int maxAttempts, String domain) {
        return jdbi.inTransaction(h -> {
            List<Long> ids = h.createQuery("SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= :now "
                            + "AND attempts < :max ORDER BY next_attempt_at, id FETCH FIRST :limit ROWS ONLY"
                            + (postgres ? " FOR UPDATE SKIP LOCKED" : ""))
                    .bind("now", now).bind("max", maxAttempts).bind("limit", max).mapTo(Long.class).list();
            List<Row> claimed = new ArrayList<>();
            for (long id : ids) {
                int won = h.createUpdate("""
                                UPDATE outbox SET next_attempt_at = :lease, attempts = attempts + 1,
                                  message_id = COALESCE(message_id, :mid)
                                WHERE id = :id AND sent_at IS NULL AND next_attempt_at <= :now""")
                        .bind("lease", now.plus(LEASE)).bind("mid", messageId(id, domain)).bind("id", id).bind("now", now)
                        .execute();
                if (won == 1) {
                    claimed.add(h.createQuery("SELECT " + COLUMNS + " FROM outbox WHERE id = :id").bind("id", id)
                            .map((rs, ctx) -> new Row(rs.getLong("id"), rs.getString("kind"), rs.getString("recipient"),
                                    (Long) rs.getObject("registrant_id", Long.class), rs.getString("payload"),
                                    Database.instant(rs, "due_at"), rs.getInt("attempts"), rs.getString("message_id")))
                            .one());
                }
            }
            return claimed;
        });
    }

    public void markSent(long id, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE outbox SET sent_at = :now, last_error = NULL WHERE id = :id")
                .bind("now", now).bind("id", id).execute());
    }

    /** Schedules another attempt at {@code retryAt} and keeps why this one failed. */
    public void markFailed(long id, String error, Instant retryAt) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE outbox SET next_attempt_at = :at, last_error = :error WHERE id = :id")
                .bind("at", retryAt).bind("error", truncate(error, 500)).bind("id", id).execute());
    }

    /** Removes a row whose mail is no longer wanted (the registrant unsubscribed, the conference was deleted). */
    public void drop(long id) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM outbox WHERE id = :id AND sent_at IS NULL").bind("id", id).execute());
    }

    /** Notes on every unsent row not yet marked why it cannot be sent; returns how many were marked. */
    public int markUnsendable(String reason) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE outbox SET last_error = :reason WHERE sent_at IS NULL AND last_error IS NULL")
                .bind("reason", reason).execute());
    }

    private static String truncate(String s, int max) {
        if (s == null) return "unknown error";
        return s.length() <= max ? s : s.substring(0, max);
    }
}
