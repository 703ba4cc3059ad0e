package dev.plenum.media.bwe;

/**
 * The delay-based rate controller (draft-ietf-rmcat-gcc-02 §5.5): a state machine of Increase, Hold and Decrease
 * driven by the over-use signal. Over-use sets the rate to {@value #BETA} × the acknowledged (received) bitrate;
 * under-use holds it while the queue drains; normal increases it, multiplicatively ({@value #MULTIPLICATIVE_PER_SECOND}
 * per second) while far from the rate where over-use last happened, additively (about one packet per response time,
 * RTT + 100 ms) once close to it, i.e. when the acknowledged bitrate is within three standard deviations of the
 * average bitrate at which decreases happened. An increase never takes the rate above 1.5 × the acknowledged bitrate
 * + 10 kbit/s (§5.5: it must not run away from what is actually sent), but never lowers it either, so a rate raised by
 * a probe stays until over-use says otherwise.
 *
 * <p>Not thread-safe. Allocates nothing.
 */
public final class AimdRateControl {
    static final double BETA = 0.85;
    static final double MULTIPLICATIVE_PER_SECOND = 1.08;
    private static final long MIN_ADDITIVE_BPS = 4_000;

    private enum State { HOLD, INCREASE, DECREASE }

    private final long minBps;
    private final long maxBps;
    private double rate;
    private State state = State.INCREASE;
    private long lastChangeNanos = Long.MIN_VALUE;
    /** Average and normalised variance, in kbit/s, of the acknowledged bitrate at decreases; -1 before one. */
    private double averageMaxKbps = -1;
    private double varianceMaxKbps = 0.4;

    public AimdRateControl(long startBps, long minBps, long maxBps) {
        this.minBps = minBps;
        this.maxBps = maxBps;
        this.rate = clamp(startBps);
    }

    public long rateBps() {
        return (long) rate;
    }

    /** Sets the rate, e.g. to a probe's result (which is trusted as a capacity measurement). */
    public void setRate(long bps, long nowNanos) {
        rate = clamp(bps);
        lastChangeNanos = nowNanos;
    }

    /**
     * One update per feedback: {@code ackedBps} is the acknowledged bitrate (or -1 when not yet known), {@code rttNanos}
     * the round trip estimate. Returns the new rate.
     */
    public long update(BandwidthUsage usage, long ackedBps, long rttNanos, long nowNanos) {
        if (lastChangeNanos == Long.MIN_VALUE) lastChangeNanos = nowNanos;
        switch (usage) {
            case OVERUSING -> state = State.DECREASE;
            case UNDERUSING -> state = State.HOLD;
            case NORMAL -> {
                if (state == State.HOLD) {
                    state = State.INCREASE;
                    lastChangeNanos = nowNanos; // the increase starts now, not when the hold began
                }
            }
        }
        double ackedKbps = ackedBps / 1000.0;
        switch (state) {
            case HOLD -> { }
            case INCREASE -> {
                if (ackedBps >= 0 && averageMaxKbps >= 0 && ackedKbps > averageMaxKbps + 3 * stdDevKbps()) {
                    averageMaxKbps = -1; // well above the old limit: the path changed, start over
                }
                double seconds = Math.min(nowNanos - lastChangeNanos, 1_000_000_000L) / 1e9;
                double increased = nearConvergence(ackedKbps, ackedBps)
                        ? rate + additivePerSecond(rttNanos) * seconds
                        : rate * Math.pow(MULTIPLICATIVE_PER_SECOND, seconds);
                if (ackedBps >= 0) {
                    double cap = 1.5 * ackedBps + 10_000;
                    if (increased > cap) increased = Math.max(rate, cap);
                }
                rate = increased;
                lastChangeNanos = nowNanos;
            }
            case DECREASE -> {
                if (ackedBps >= 0) {
                    rate = Math.min(rate, BETA * ackedBps);
                    updateMaxStatistics(ackedKbps);
                } else {
                    rate = rate * BETA;
                }
                state = State.HOLD;
                lastChangeNanos = nowNanos;
            }
        }
        rate = clamp((long) rate);
        return (long) rate;
    }

    private boolean nearConvergence(double ackedKbps, long ackedBps) {
        return ackedBps >= 0 && averageMaxKbps >= 0 && Math.abs(ackedKbps - averageMaxKbps) <= 3 * stdDevKbps();
    }

    private double stdDevKbps() {
        return Math.sqrt(varianceMaxKbps * averageMaxKbps);
    }

    /** About one average packet of a 30 frames/s stream at this rate per response time (RTT + 100 ms). */
    private double additivePerSecond(long rttNanos) {
        double bitsPerFrame = rate / 30;
        double packetsPerFrame = Math.ceil(bitsPerFrame / (1200 * 8));
        double packetBits = bitsPerFrame / Math.max(packetsPerFrame, 1);
        double responseSeconds = (Math.max(rttNanos, 0) + 100_000_000L) / 1e9;
        return Math.max(MIN_ADDITIVE_BPS, packetBits / responseSeconds);
    }

    private void updateMaxStatistics(double kbps) {
        double alpha = 0.05;
        if (averageMaxKbps < 0) {
            averageMaxKbps = kbps;
        } else {
            averageMaxKbps = (1 - alpha) * averageMaxKbps + alpha * kbps;
        }
        double norm = Math.max(averageMaxKbps, 1);
        double deviation = averageMaxKbps - kbps;
        varianceMaxKbps = (1 - alpha) * varianceMaxKbps + alpha * deviation * deviation / norm;
        varianceMaxKbps = Math.max(0.4, Math.min(2.5, varianceMaxKbps));
    }

    private double clamp(long bps) {
        return Math.max(minBps, Math.min(maxBps, bps));
    }
}
