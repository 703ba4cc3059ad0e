package dev.plenum.media.bwe;

/**
 * Until a layer allocator chooses what each subscriber gets, the one use of the estimate: when it falls below what
 * audio needs plus the least useful video, video toward that subscriber pauses so that its audio keeps flowing, and
 * resumes (with a keyframe) once the estimate has recovered. Audio is about 40–60 kbit/s per Opus stream with RTP,
 * SRTP and UDP overhead (one or two speakers at a time); the lowest useful video, 320×180 VP8, needs 100 kbit/s or so.
 * So video pauses after the estimate stayed below {@value #PAUSE_BELOW_BPS} bit/s for {@value #PAUSE_AFTER_MS} ms (a
 * single over-use dip is shorter), and resumes after it stayed at {@value #RESUME_ABOVE_BPS} bit/s or more for
 * {@value #RESUME_AFTER_MS} ms: the gap between the two keeps the video from flapping. While paused, little is sent,
 * so the estimate cannot grow from traffic alone (an increase is capped near what is acknowledged); {@link #desiredBps}
 * then asks for probes up to a little above the resume threshold.
 *
 * <p>The allocator replaces this class. Not thread-safe (one timer thread calls it). Allocates nothing.
 */
public final class LowBandwidthVideoPause {
    public static final long PAUSE_BELOW_BPS = 150_000;
    public static final long RESUME_ABOVE_BPS = 250_000;
    static final long PAUSE_AFTER_MS = 500;
    static final long RESUME_AFTER_MS = 1_000;
    private static final long NONE = Long.MIN_VALUE;

    private boolean paused;
    private long conditionSince = NONE;

    /** Updates with the current estimate; returns true when video was paused or resumed by this call. */
    public boolean update(long estimateBps, long nowNanos) {
        boolean toward = paused ? estimateBps >= RESUME_ABOVE_BPS : estimateBps < PAUSE_BELOW_BPS;
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

    /** What to ask the estimator for while paused (so that probes can show the link recovered), else 0. */
    public long desiredBps() {
        return paused ? RESUME_ABOVE_BPS * 6 / 5 : 0;
    }
}
