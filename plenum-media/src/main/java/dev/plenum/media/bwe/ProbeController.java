package dev.plenum.media.bwe;

/**
 * When to probe and at what rate (as libwebrtc's probe controller): once at the start (3 × the start rate), then
 * further, at twice each result, for as long as a probe comes back at 70 % of its target or more (and the estimate
 * followed it) and the ceiling is
 * not reached (the configured maximum at the start, the desired rate later); when the allocator wants more than the
 * estimate allows (at once when its wish rises, and every {@value #PERIODIC_PROBE_MS} ms while the estimate keeps
 * limiting it), at the desired rate bounded to 1.25–2 × the estimate. One cluster at a time.
 *
 * <p>Not thread-safe. Allocates nothing.
 */
public final class ProbeController {
    static final long PERIODIC_PROBE_MS = 5_000;
    private static final long PERIODIC_PROBE_NANOS = PERIODIC_PROBE_MS * 1_000_000L;
    /** The least distance between a probe and one triggered by a raised wish. */
    private static final long MIN_TRIGGERED_GAP_NANOS = 1_000_000_000L;
    private static final double FURTHER_FRACTION = 0.7;

    private final boolean enabled;
    private final long maxBps;
    private boolean started;
    private boolean initialPhase;
    private boolean inFlight;
    private long further = -1;
    private long desiredBps;
    private boolean desireRaised;
    private long lastProbeNanos = Long.MIN_VALUE;

    public ProbeController(boolean enabled, long maxBps) {
        this.enabled = enabled;
        this.maxBps = maxBps;
    }

    /** The allocator's wish; a rise above the estimate asks for a probe. */
    public void desired(long bps, long estimateBps) {
        if (bps > desiredBps && bps > estimateBps) desireRaised = true;
        desiredBps = bps;
    }

    public long desiredBps() {
        return desiredBps;
    }

    /** The rate of a cluster to start now, or -1. {@code canPad}: whether the session can send probe padding. */
    public long next(long estimateBps, boolean canPad, long nowNanos) {
        if (!enabled || !canPad || inFlight) return -1;
        long target = -1;
        if (further > 0) {
            target = further;
        } else if (!started) {
            started = true;
            initialPhase = true;
            target = 3 * estimateBps;
        } else if (desiredBps > estimateBps) {
            long since = lastProbeNanos == Long.MIN_VALUE ? Long.MAX_VALUE : nowNanos - lastProbeNanos;
            if ((desireRaised && since >= MIN_TRIGGERED_GAP_NANOS) || since >= PERIODIC_PROBE_NANOS) {
                target = towardDesired(estimateBps);
            }
        }
        further = -1;
        desireRaised = false;
        if (target <= estimateBps) return -1;
        target = Math.min(target, maxBps);
        if (target <= estimateBps) return -1;
        inFlight = true;
        lastProbeNanos = nowNanos;
        return target;
    }

    private long towardDesired(long estimateBps) {
        return Math.max((long) (1.25 * estimateBps), Math.min(desiredBps, 2 * estimateBps));
    }

    /**
     * The cluster of {@code targetBps} finished: {@code probedBps} is its measurement (0 when none), and
     * {@code estimateBps} the estimate after it.
     */
    public void finished(long targetBps, long probedBps, long estimateBps) {
        inFlight = false;
        // Further only when the probe got through and the estimate followed it (loss may keep the estimate down).
        boolean reached = probedBps >= FURTHER_FRACTION * targetBps && estimateBps >= FURTHER_FRACTION * targetBps;
        long ceiling = initialPhase ? maxBps : desiredBps;
        if (reached && estimateBps < ceiling) {
            further = initialPhase ? Math.min(2 * probedBps, ceiling) : towardDesired(estimateBps);
        } else {
            initialPhase = false;
        }
    }

    /** A cluster was abandoned (nothing could be sent). */
    public void abandoned() {
        inFlight = false;
        initialPhase = false;
    }
}
