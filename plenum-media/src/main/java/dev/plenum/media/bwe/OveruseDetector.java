package dev.plenum.media.bwe;

/**
 * The over-use detector with an adaptive threshold (draft-ietf-rmcat-gcc-02 §5.4). Over-use is signalled when the
 * modified trend stays above the threshold for {@value #OVERUSE_TIME_MS} ms and at least two updates while still
 * rising; under-use when it falls below the negative threshold; normal otherwise. The threshold follows |trend|:
 * quickly upwards ({@code K_u}) and slowly downwards ({@code K_d}), so that a flow competing with TCP is not starved by
 * a fixed, too small threshold (§5.4), and it ignores spikes more than 15 above it. The gains are those libwebrtc
 * uses with its trendline estimator (the draft's 0.01 and 0.00018 are for its Kalman filter's units).
 *
 * <p>Not thread-safe. Allocates nothing.
 */
public final class OveruseDetector {
    static final double INITIAL_THRESHOLD = 12.5;
    private static final double K_UP = 0.0087;
    private static final double K_DOWN = 0.039;
    private static final double MIN_THRESHOLD = 6;
    private static final double MAX_THRESHOLD = 600;
    private static final double MAX_ADAPT_OFFSET = 15;
    private static final long MAX_TIME_DELTA_MS = 100;
    static final double OVERUSE_TIME_MS = 10;

    private double threshold = INITIAL_THRESHOLD;
    private double overuseMs = -1;
    private int overuseCount;
    private double previousTrend;
    private long lastUpdateNanos = Long.MIN_VALUE;
    private BandwidthUsage state = BandwidthUsage.NORMAL;

    /**
     * Classifies the trend of one more group: {@code sendDeltaMs} is the group's send-time distance from the previous
     * one, {@code deltas} how many variations the trend has seen.
     */
    public BandwidthUsage detect(double trend, double sendDeltaMs, int deltas, long nowNanos) {
        if (deltas < 2) return BandwidthUsage.NORMAL;
        if (trend > threshold) {
            overuseMs = overuseMs < 0 ? sendDeltaMs / 2 : overuseMs + sendDeltaMs;
            overuseCount++;
            if (overuseMs > OVERUSE_TIME_MS && overuseCount > 1 && trend >= previousTrend) {
                overuseMs = 0;
                overuseCount = 0;
                state = BandwidthUsage.OVERUSING;
            }
        } else if (trend < -threshold) {
            overuseMs = -1;
            overuseCount = 0;
            state = BandwidthUsage.UNDERUSING;
        } else {
            overuseMs = -1;
            overuseCount = 0;
            state = BandwidthUsage.NORMAL;
        }
        previousTrend = trend;
        adaptThreshold(trend, nowNanos);
        return state;
    }

    public BandwidthUsage state() {
        return state;
    }

    public double threshold() {
        return threshold;
    }

    private void adaptThreshold(double trend, long nowNanos) {
        if (lastUpdateNanos == Long.MIN_VALUE) lastUpdateNanos = nowNanos;
        double magnitude = Math.abs(trend);
        if (magnitude > threshold + MAX_ADAPT_OFFSET) { // a spike (e.g. a route change): not a reason to adapt
            lastUpdateNanos = nowNanos;
            return;
        }
        double k = magnitude < threshold ? K_DOWN : K_UP;
        long dtMs = Math.min((nowNanos - lastUpdateNanos) / 1_000_000L, MAX_TIME_DELTA_MS);
        threshold += k * (magnitude - threshold) * dtMs;
        threshold = Math.max(MIN_THRESHOLD, Math.min(MAX_THRESHOLD, threshold));
        lastUpdateNanos = nowNanos;
    }
}
