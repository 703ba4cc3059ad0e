package dev.plenum.control.webhook;

import dev.plenum.control.store.Database;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued deliveries: a signed POST each, retried with exponential backoff (first retry after
 * {@code firstRetry}, doubling, at most an hour apart) until the endpoint answers 2xx or {@code maxAttempts} are
 * spent. Runs on the node's timer thread, one batch at a time; several nodes may run it over one database, since
 * each attempt is claimed first.
 */
public final class WebhookDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 20;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);

    /**
     * @param allowPrivateAddresses whether endpoints may be on loopback, link-local or private networks; off in
     *     production, so an organisation cannot make the server reach into its own network (SSRF)
     */
    public record Settings(Duration pollEvery, Duration firstRetry, int maxAttempts, boolean allowPrivateAddresses) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(1), Duration.ofSeconds(10), 10, false);
        }
    }

    private final Database db;
    private final Webhooks webhooks;
    private final Settings settings;
    private final Clock clock;
    private final HttpClient http;
    private ScheduledFuture<?> task;

    public WebhookDispatcher(Database db, Webhooks webhooks, Settings settings, Clock clock) {
        this.db = db;
        this.webhooks = webhooks;
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public void start(ScheduledExecutorService timers) {
        long every = settings.pollEvery().toMillis();
        task = timers.scheduleWithFixedDelay(() -> {
            try {
                runOnce();
            } catch (RuntimeException e) {
                log.warn("webhook deliveries could not be read; trying again", e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /** Sends what is due now; returns how many attempts were made. */
    public int runOnce() {
        Instant now = Database.now(clock);
        List<Webhooks.Delivery> due = db.jdbi().withHandle(h -> webhooks.due(h, now, BATCH));
        int attempts = 0;
        for (Webhooks.Delivery d : due) {
            Instant lease = now.plus(TIMEOUT.multipliedBy(3));
            if (!db.jdbi().withHandle(h -> webhooks.claim(h, d, lease))) continue; // another node took it
            attempts++;
            attempt(d, d.attempts() + 1);
        }
        return attempts;
    }

    private void attempt(Webhooks.Delivery d, int attempt) {
        Integer status = null;
        String error;
        try {
            refusePrivate(d.url());
            long t = clock.instant().getEpochSecond();
            HttpRequest request = HttpRequest.newBuilder(d.url()).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Plenum-Webhooks/1")
                    .header("Plenum-Event", d.eventType())
                    .header("Plenum-Delivery", Long.toString(d.id()))
                    .header(WebhookSignature.HEADER, WebhookSignature.sign(d.signingSecret(), t, d.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(d.payload())).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status / 100 == 2) {
                db.jdbi().useHandle(h -> webhooks.delivered(h, d.id(), response.statusCode(), Database.now(clock)));
                return;
            }
            error = "HTTP " + status;
        } catch (IOException | IllegalArgumentException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        Instant now = Database.now(clock);
        Instant retryAt = attempt >= settings.maxAttempts() ? null : now.plus(backoff(attempt));
        Integer lastStatus = status;
        String reason = error;
        db.jdbi().useHandle(h -> webhooks.failed(h, d.id(), lastStatus, reason, retryAt, now));
        if (retryAt == null) log.warn("webhook delivery {} to {} given up after {} attempts: {}", d.id(), d.url(), attempt, error);
    }

    /** {@code firstRetry} × 2^(attempt − 1), at most an hour. */
    Duration backoff(int attempt) {
        Duration d = settings.firstRetry().multipliedBy(1L << Math.min(20, attempt - 1));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    private void refusePrivate(URI url) throws UnknownHostException {
        if (settings.allowPrivateAddresses()) return;
        for (InetAddress a : InetAddress.getAllByName(url.getHost())) {
            if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                    || (a.getAddress().length == 16 && (a.getAddress()[0] & 0xFE) == 0xFC)) { // fc00::/7, RFC 4193
                throw new IllegalArgumentException("the endpoint's address " + a.getHostAddress()
                        + " is on a private network, which this server does not deliver to");
            }
        }
    }

    @Override
    public void close() {
        if (task != null) task.cancel(false);
        http.close();
    }
}
