package dev.plenum.loadtest.measure;

/**
 * Interarrival jitter of one RTP stream as RFC 3550 §6.4.1 defines it: for consecutive packets i and j in arrival
 * order, D(i,j) = (Rj − Ri) − (Sj − Si) in RTP timestamp units, and J += (|D| − J) / 16.
 *
 * <p>Arrival times are nanoseconds from a monotonic clock, converted to the stream's clock rate. RTP timestamp
 * differences are taken modulo 2^32 as signed values, so wrap-around is harmless. Not thread-safe; allocates nothing.
 */
public final class JitterEstimator {
    private final int clockRate;
    private boolean started;
    private long lastArrivalNanos;
    private int lastTimestamp;
    private double jitter;

    public JitterEstimator(int clockRate) {
        if (clockRate <= 0) throw new IllegalArgumentException("clock rate must be positive");
        this.clockRate = clockRate;
    }

    /** One packet with RTP timestamp {@code rtpTimestamp} (unsigned 32 bits) arrived at {@code arrivalNanos}. */
    public void packet(long rtpTimestamp, long arrivalNanos) {
        int ts = (int) rtpTimestamp;
        if (started) {
            double arrivalDelta = (arrivalNanos - lastArrivalNanos) * (double) clockRate / 1e9;
            double d = arrivalDelta - (ts - lastTimestamp); // int subtraction: the signed difference mod 2^32
            jitter += (Math.abs(d) - jitter) / 16;
        }
        started = true;
        lastArrivalNanos = arrivalNanos;
        lastTimestamp = ts;
    }

    public int clockRate() { return clockRate; }

    /** J in RTP timestamp units, as an RR carries it (rounded down). */
    public long jitterUnits() { return (long) jitter; }

    /** J in milliseconds. */
    public double jitterMillis() { return jitter * 1000.0 / clockRate; }
}
