package dev.plenum.control.org;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Sign-in rate limits: a token bucket per e-mail address (against guessing one account's password) and one per
 * client address (against trying many accounts). An attempt costs one token from both; either empty refuses it.
 *
 * <p>Each table is bounded (least recently used entries are dropped beyond {@code maxEntries}; a dropped key starts
 * again with a full bucket, which errs towards letting people in rather than growing without limit). Thread-safe;
 * the time source is injected for tests.
 */
public final class LoginLimiter {
    private final Buckets perAccount;
    private final Buckets perAddress;

    public LoginLimiter(AccountsConfig config, LongSupplier nanos) {
        this(config.attemptsPerAccount(), config.accountWindow(), config.attemptsPerAddress(), config.addressWindow(), nanos, 100_000);
    }

    LoginLimiter(int accountLimit, Duration accountWindow, int addressLimit, Duration addressWindow, LongSupplier nanos, int maxEntries) {
        perAccount = new Buckets(accountLimit, accountWindow, nanos, maxEntries);
        perAddress = new Buckets(addressLimit, addressWindow, nanos, maxEntries);
    }

    /** Zero when the attempt may go ahead (and is counted); otherwise how long to wait before the next one. */
    public synchronized Duration tryAttempt(String email, String address) {
        Duration a = perAccount.waitFor(email);
        Duration b = perAddress.waitFor(address);
        if (!a.isZero() || !b.isZero()) return a.compareTo(b) > 0 ? a : b;
        perAccount.take(email);
        perAddress.take(address);
        return Duration.ZERO;
    }

    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }
    }

    private static final class Buckets {
        private final double capacity;
        private final double perNano;
        private final LongSupplier nanos;
        private final Map<String, Bucket> buckets;

        Buckets(int limit, Duration window, LongSupplier nanos, int maxEntries) {
            this.capacity = limit;
            this.perNano = limit / (double) window.toNanos();
            this.nanos = nanos;
            this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                    return size() > maxEntries;
                }
            };
        }

        private Bucket refill(String key) {
            long now = nanos.getAsLong();
            Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
            b.tokens = Math.min(capacity, b.tokens + (now - b.last) * perNano);
            b.last = now;
            return b;
        }

        Duration waitFor(String key) {
            Bucket b = refill(key);
            if (b.tokens >= 1) return Duration.ZERO;
            return Duration.ofNanos((long) Math.ceil((1 - b.tokens) / perNano));
        }

        void take(String key) {
            refill(key).tokens -= 1;
        }
    }
}
