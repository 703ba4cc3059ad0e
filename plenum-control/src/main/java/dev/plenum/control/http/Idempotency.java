package dev.plenum.control.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plenum.control.org.Secrets;
import dev.plenum.control.store.Database;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code Idempotency-Key} on POST: a client that retries a request (a lost answer, a timeout) with the same key
 * gets the first answer again instead of a second resource.
 *
 * <p>Keys belong to an organisation and live for {@value #HOURS} hours. The first successful answer is stored in
 * the same transaction as its effect, so either both are written or neither. The same key with a different request
 * (method, path or body bytes) is refused with 422; two concurrent requests with one key create one resource (the
 * loser's transaction fails on the key's primary key, rolls back, and answers with the winner's stored answer).
 * Refusals (4xx) are not stored: a corrected retry may use the same key.
 */
public final class Idempotency {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int HOURS = 24;
    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final Clock clock;

    /** An answer to send: status and a body for Jackson. */
    public record Answer(int status, Object body) {}

    private record Stored(String requestHash, int status, String body) {}

    public Idempotency(Database db, ObjectMapper json, Clock clock) {
        this.jdbi = db.jdbi();
        this.json = json;
        this.clock = clock;
    }

    /**
     * Answers a retry from the stored answer, before the request is validated again (a retried request must get
     * the first answer even if, say, its start time has passed since). False when there is nothing to replay.
     */
    public boolean replayed(Context ctx, long organisationId, byte[] rawBody) {
        String key = key(ctx);
        if (key == null) return false;
        Optional<Stored> prior = find(organisationId, key);
        prior.ifPresent(stored -> replay(ctx, stored, requestHash(ctx, rawBody)));
        return prior.isPresent();
    }

    /**
     * Runs {@code work} in a transaction and answers with its result, honouring the request's idempotency key if any.
     *
     * @param rawBody the request body's bytes, as received
     */
    public void post(Context ctx, long organisationId, byte[] rawBody, Function<Handle, Answer> work) {
        String key = key(ctx);
        if (key == null) {
            Answer answer = jdbi.inTransaction(work::apply);
            ctx.status(answer.status()).json(answer.body());
            return;
        }
        String requestHash = requestHash(ctx, rawBody);
        Optional<Stored> prior = find(organisationId, key);
        if (prior.isPresent()) {
            replay(ctx, prior.get(), requestHash);
            return;
        }
        Instant now = Database.now(clock);
        try {
            String[] stored = new String[1];
            Answer answer = jdbi.inTransaction(h -> {
                Answer a = work.apply(h);
                stored[0] = toJson(a.body());
                h.createUpdate("DELETE FROM idempotency_keys WHERE created_at < :cutoff")
                        .bind("cutoff", now.minus(Duration.ofHours(HOURS))).execute();
                h.createUpdate("""
                                INSERT INTO idempotency_keys (organisation_id, idempotency_key, request_method, request_path,
                                  request_hash, response_status, response_body, created_at)
                                VALUES (:org, :key, :method, :path, :hash, :status, :body, :now)""")
                        .bind("org", organisationId).bind("key", key).bind("method", ctx.method().name())
                        .bind("path", truncate(ctx.path(), 255)).bind("hash", requestHash).bind("status", a.status())
                        .bind("body", stored[0]).bind("now", now).execute();
                return a;
            });
            ctx.status(answer.status()).contentType("application/json").result(stored[0]);
        } catch (RuntimeException e) {
            if (!Database.isUniqueViolation(e)) throw e;
            Stored winner = find(organisationId, key).orElseThrow(() -> e);
            replay(ctx, winner, requestHash);
        }
    }

    private void replay(Context ctx, Stored stored, String requestHash) {
        if (!Secrets.constantTimeEquals(stored.requestHash(), requestHash)) {
            throw new ApiException(422, ApiError.field(HEADER,
                    "this Idempotency-Key was used for a different request; use a new key for a new request"));
        }
        ctx.header(REPLAYED_HEADER, "true");
        ctx.status(stored.status()).contentType("application/json").result(stored.body());
    }

    private Optional<Stored> find(long organisationId, String key) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT request_hash, response_status, response_body FROM idempotency_keys
                        WHERE organisation_id = :org AND idempotency_key = :key AND created_at >= :cutoff""")
                .bind("org", organisationId).bind("key", key).bind("cutoff", Database.now(clock).minus(Duration.ofHours(HOURS)))
                .map((rs, c) -> new Stored(rs.getString("request_hash"), rs.getInt("response_status"), rs.getString("response_body")))
                .findOne());
    }

    /** The request's key: absent, or 1 to 255 visible ASCII characters (400 otherwise). */
    static String key(Context ctx) {
        String key = ctx.header(HEADER);
        if (key == null) return null;
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ApiException.badRequest(HEADER, HEADER + " must be 1 to 255 visible ASCII characters");
        }
        return key;
    }

    private static String requestHash(Context ctx, byte[] body) {
        byte[] head = (ctx.method().name() + " " + ctx.path() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return Secrets.sha256(all);
    }

    private String toJson(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answer not serialisable", e);
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
