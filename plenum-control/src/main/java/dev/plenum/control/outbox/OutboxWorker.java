package dev.plenum.control.outbox;

import dev.plenum.control.mail.Mailer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one sender of a node: every {@code pollInterval} it claims due outbox rows, composes and sends each, and
 * marks it sent. A failed send is retried with exponential backoff (30 s, 1 min, 2 min, ... at most 6 h) up to
 * {@value #MAX_ATTEMPTS} attempts. The Message-ID is committed with the claim, before the SMTP exchange, so a mail
 * accepted by the server whose "sent" mark was lost (a crash, a dropped database connection) goes out again under
 * the same Message-ID.
 *
 * <p>Without a mailer (no SMTP server configured) nothing is sent: rows stay in the outbox, marked as not
 * sendable, and are sent once a later start has an SMTP server.
 */
public final class OutboxWorker implements AutoCloseable {
    public static final int MAX_ATTEMPTS = 12;
    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration LONGEST_RETRY = Duration.ofHours(6);
    static final String NO_SMTP = "not sendable: no SMTP server configured";
    private static final int BATCH = 20;
    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    private final Outbox outbox;
    private final Mailer mailer;
    private final Composer composer;
    private final Clock clock;
    private final String domain;
    private final ScheduledExecutorService thread;

    /** Turns an outbox row into the message to send, or null when the mail is no longer wanted. */
    @FunctionalInterface
    public interface Composer {
        MimeMessage compose(Outbox.Row row) throws MessagingException;
    }

    /**
     * @param mailer null when no SMTP server is configured
     * @param domain the right-hand side of Message-IDs (the sender address's domain)
     */
    public OutboxWorker(Outbox outbox, Mailer mailer, Composer composer, Clock clock, String domain) {
        this.outbox = outbox;
        this.mailer = mailer;
        this.composer = composer;
        this.clock = clock;
        this.domain = domain;
        this.thread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("plenum-outbox").daemon().factory());
    }

    /** Starts polling. */
    public OutboxWorker start(Duration pollInterval) {
        if (mailer == null) {
            log.warn("No SMTP server configured (--smtp-host): registration mails and reminders are kept in the outbox, "
                    + "marked as not sendable, and are sent once Plenum starts with an SMTP server");
        }
        thread.scheduleWithFixedDelay(this::pollSafely, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) { // the database is away for a moment: try again at the next poll
            log.warn("outbox poll failed: {}", e.toString());
        }
    }

    /** One round: sends every due row (in batches); returns how many were sent. Tests call it directly. */
    public int poll() {
        if (mailer == null) {
            outbox.markUnsendable(NO_SMTP);
            return 0;
        }
        int sent = 0;
        while (true) {
            List<Outbox.Row> rows = outbox.claim(BATCH, clock.instant(), MAX_ATTEMPTS, domain);
            for (Outbox.Row row : rows) {
                if (send(row)) sent++;
            }
            if (rows.size() < BATCH) return sent;
        }
    }

    private boolean send(Outbox.Row row) {
        MimeMessage message;
        try {
            message = composer.compose(row);
        } catch (MessagingException | RuntimeException e) {
            retry(row, "could not compose: " + e);
            return false;
        }
        if (message == null) {
            outbox.drop(row.id());
            return false;
        }
        try {
            mailer.send(message);
        } catch (MessagingException | RuntimeException e) {
            retry(row, e.toString());
            return false;
        }
        outbox.markSent(row.id(), clock.instant());
        return true;
    }

    private void retry(Outbox.Row row, String error) {
        Instant at = clock.instant().plus(backoff(row.attempts()));
        if (row.attempts() >= MAX_ATTEMPTS) {
            log.error("outbox mail {} ({}) to {} failed {} times; giving up: {}", row.id(), row.kind(), row.recipient(),
                    row.attempts(), error);
        } else {
            log.warn("outbox mail {} ({}) attempt {} failed, retrying at {}: {}", row.id(), row.kind(), row.attempts(), at, error);
        }
        outbox.markFailed(row.id(), error, at);
    }

    /** The wait after the {@code attempts}-th failure: 30 s doubled per attempt, at most 6 h. */
    static Duration backoff(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 20));
        Duration wait = FIRST_RETRY.multipliedBy(1L << doublings);
        return wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
    }

    /** Stops polling, letting a send under way finish. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) thread.shutdownNow();
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
