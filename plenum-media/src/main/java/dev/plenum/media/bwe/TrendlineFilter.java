package dev.plenum.media.bwe;

/**
 * The delay trend of draft-ietf-rmcat-gcc-02 §5.3, estimated as libwebrtc does it rather than with the draft's
 * Kalman filter: the inter-group delay variations are summed into the accumulated queuing delay, smoothed
 * exponentially, and a least-squares line is fitted through the last {@value #WINDOW} (arrival time, smoothed delay)
 * points. Its slope (ms of queuing delay per ms) is positive while a queue builds; the detector compares a scaled
 * slope ({@link #update}'s result) with its threshold.
 *
 * <p>Not thread-safe. Allocates nothing after construction.
 */
public final class TrendlineFilter {
    /** Points in the regression: about 20 groups of 5 ms or more, i.e. 100 ms or more of history. */
    public static final int WINDOW = 20;
    private static final double SMOOTHING = 0.9;
    /** Scales the slope so that it is comparable with the detector's threshold (in ms, as in the draft). */
    private static final double GAIN = 4.0;
    /** The trend counts for more as more deltas back it, up to this many. */
    private static final int MAX_DELTAS = 60;

    private final double[] xs = new double[WINDOW];
    private final double[] ys = new double[WINDOW];
    private int count;
    private int next;
    private long firstArrivalNanos = Long.MIN_VALUE;
    private double accumulatedMs;
    private double smoothedMs;
    private double slope;
    private int deltas;

    /**
     * Adds one inter-group delay variation ({@code d(i)} of §5.2, in ms) whose group completed at
     * {@code arrivalNanos}; returns the modified trend the detector uses.
     */
    public double update(double delayVariationMs, long arrivalNanos) {
        if (firstArrivalNanos == Long.MIN_VALUE) firstArrivalNanos = arrivalNanos;
        deltas = Math.min(deltas + 1, 1000);
        accumulatedMs += delayVariationMs;
        smoothedMs = SMOOTHING * smoothedMs + (1 - SMOOTHING) * accumulatedMs;
        xs[next] = (arrivalNanos - firstArrivalNanos) / 1e6;
        ys[next] = smoothedMs;
        next = (next + 1) % WINDOW;
        if (count < WINDOW) count++;
        if (count == WINDOW) slope = fitSlope();
        return modifiedTrend();
    }

    /** The slope scaled by how many deltas support it: what {@link OveruseDetector} compares with its threshold. */
    public double modifiedTrend() {
        return Math.min(deltas, MAX_DELTAS) * slope * GAIN;
    }

    /** How many delay variations were added (at most 1000). */
    public int deltas() {
        return deltas;
    }

    private double fitSlope() {
        double meanX = 0;
        double meanY = 0;
        for (int i = 0; i < count; i++) {
            meanX += xs[i];
            meanY += ys[i];
        }
        meanX /= count;
        meanY /= count;
        double num = 0;
        double den = 0;
        for (int i = 0; i < count; i++) {
            double dx = xs[i] - meanX;
            num += dx * (ys[i] - meanY);
            den += dx * dx;
        }
        return den == 0 ? slope : num / den;
    }
}
