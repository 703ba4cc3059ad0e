package dev.plenum.media.rtcp;

/**
 * At most one keyframe request (PLI, RFC 4585 §6.3.1) per interval toward one publisher, however many subscribers ask
 * (their PLIs and FIRs, newcomers, ICE restarts): a keyframe costs the publisher many times a normal frame, and one
 * answers every request made before it arrives.
 *
 * <p>Thread model: asked from several receive threads; holds this object's monitor. Times are monotonic nanoseconds
 * from any origin (the first request always passes).
 */
public final class KeyframeRequestThrottle {
    public static final long DEFAULT_INTERVAL_NANOS = 300_000_000L;

    private final long intervalNanos;
    private boolean requested;
    private long lastNanos;

    public KeyframeRequestThrottle(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /** Whether a request may go out at {@code nowNanos}; if so, it counts as made then. */
    public synchronized boolean tryRequest(long nowNanos) {
        if (requested && nowNanos - lastNanos < intervalNanos) return false;
        requested = true;
        lastNanos = nowNanos;
        return true;
    }
}
