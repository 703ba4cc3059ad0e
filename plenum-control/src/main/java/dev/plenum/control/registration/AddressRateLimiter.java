package dev.plenum.control.registration;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * At most {@code perMinute} requests per client address in each one-minute window (a fixed window: simple, and at
 * worst twice the rate across a window edge, which is fine for keeping a public form from being flooded).
 */
final class AddressRateLimiter {
    private static final long MINUTE_NANOS = 60_000_000_000L;
    private static final int MAX_ADDRESSES = 100_000;
    private final int perMinute;
    private final LongSupplier nanos;
    private final Map<String, int[]> counts = new HashMap<>();
    private long windowStart;

    AddressRateLimiter(int perMinute, LongSupplier nanos) {
        this.perMinute = perMinute;
        this.nanos = nanos;
        this.windowStart = nanos.getAsLong();
    }

    /** Counts a request; false when the address is over its limit for this window. */
    synchronized boolean tryAcquire(String address) {
        long now = nanos.getAsLong();
        if (now - windowStart >= MINUTE_NANOS || counts.size() >= MAX_ADDRESSES) {
            counts.clear();
            windowStart = now;
        }
        int[] count = counts.computeIfAbsent(address, a -> new int[1]);
        if (count[0] >= perMinute) return false;
        count[0]++;
        return true;
    }

    /** Seconds until the current window ends (for Retry-After). */
    synchronized long secondsLeft() {
        return Math.max(1, (MINUTE_NANOS - (nanos.getAsLong() - windowStart)) / 1_000_000_000L);
    }
}
