package dev.plenum.media.bwe;

/**
 * Until a layer allocator chooses what each subscriber gets, the one use of the estimate: when it falls below what
 * audio needs plus the least useful video, video toward that subscriber pauses so that its audio keeps flowing, and
 * resumes (with a keyframe) once the estimate has recovered. Audio is about 40–60 kbit/s per Opus stream with RTP,
 * SRTP and UDP overhead (one or two speakers at a time); the lowest useful video, 320×180 VP8, needs 100 kbit/s or so.
 * So video pauses after the estimate and the acknowledged bitrate both stayed below {@value #PAUSE_BELOW_BPS} bit/s
 * for {@value #PAUSE_AFTER_MS} ms, and resumes after the estimate stayed at {@value #RESUME_ABOVE_BPS} bit/s or more
 * for {@value #RESUME_AFTER_MS} ms: the gap between the two keeps the video from flapping.
 *
 * <p>The estimate alone is not enough to pause: over-use sets it to 0.85 × what was acknowledged, and right after a
 * join or a layer switch little may have been sent, so a delay spike from a busy machine can take it to 100 kbit/s on a
 * link that carries megabits (seen in Chromium on loopback). A subscriber that received more than the threshold in the
 * last 250 ms demonstrably has the capacity. And whenever the estimate is below the resume threshold, {@link
 * #desiredBps} asks for probes up to a little above it: they lift a spuriously low estimate before the pause, and, while
 * paused, show when the link has recovered (little is sent then, and an increase is capped near what is acknowledged).
 *
 * <p>The allocator replaces this class. Not thread-safe (one timer thread calls it). Allocates nothing.
 */
public final class LowBandwidthVideoPause {
    public static final long PAUSE_BELOW_BPS = 150_000;
    public static final long RESUME_ABOVE_BPS = 250_000;
    static final long PAUSE_AFTER_MS = 1_000;
    static final long RESUME_AFTER_MS = 1_000;
    private static final long NONE = Long.MIN_VALUE;

    private boolean paused;
    private long conditionSince = NONE;
    private long lastEstimate = Long.MAX_VALUE;

    /**
     * Updates with the current estimate and acknowledged bitrate (-1 when not known); returns true when video was
     * paused or resumed by this call.
     */
    public boolean update(long estimateBps, long acknowledgedBps, long nowNanos) {
        lastEstimate = estimateBps;
        boolean toward = paused ? estimateBps >= RESUME_ABOVE_BPS
                : estimateBps < PAUSE_BELOW_BPS && acknowledgedBps < PAUSE_BELOW_BPS;
        if (!toward) {
            conditionSince = NONE;
            return false;
        }
        if (conditionSince == NONE) conditionSince = nowNanos;
        long hold = (paused ? RESUME_AFTER_MS : PAUSE_AFTER_MS) * 1_000_000L;
        if (nowNanos - conditionSince < hold) return false;
        paused = !paused;
        conditionSince = NONE;
        return true;
    }

    public boolean paused() {
        return paused;
    }

    /** What to ask the estimator for while paused or close to pausing (so that probes test the link), else 0. */
    public long desiredBps() {
        return paused || lastEstimate < RESUME_ABOVE_BPS ? RESUME_ABOVE_BPS * 6 / 5 : 0;
    }
}
