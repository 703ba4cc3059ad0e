package dev.plenum.media.bwe;

/**
 * The loss-based controller (draft-ietf-rmcat-gcc-02 §6), from the fraction of packets the transport-wide feedback
 * reports lost, evaluated over at least {@value #MIN_PACKETS} packets and {@value #MIN_INTERVAL_MS} ms: above 10 %
 * the rate becomes {@code rate × (1 − 0.5 × loss)}; below 2 % it becomes 1.05 × the current estimate (the minimum of
 * this and the delay-based rate: growth follows what is actually allowed, so that a later loss acts at once rather than
 * first eroding a limit far above the estimate); in between it holds.
 *
 * <p>Not thread-safe. Allocates nothing.
 */
public final class LossBasedControl {
    static final int MIN_PACKETS = 20;
    static final long MIN_INTERVAL_MS = 250;
    static final double HIGH_LOSS = 0.10;
    static final double LOW_LOSS = 0.02;

    private final long minBps;
    private final long maxBps;
    private double rate;
    private int lost;
    private int reported;
    private long lastEvaluation = Long.MIN_VALUE;
    private double lastLoss;
    private double smoothedLoss = -1;

    public LossBasedControl(long startBps, long minBps, long maxBps) {
        this.minBps = minBps;
        this.maxBps = maxBps;
        this.rate = startBps;
    }

    /** Counts one feedback's packets: how many it reported and how many of them were lost. */
    public void reported(int packets, int lostPackets) {
        reported += packets;
        lost += lostPackets;
    }

    /**
     * Evaluates the loss seen since the last evaluation, when enough was seen; {@code estimateBps} is the current
     * combined estimate. Returns the loss-based rate.
     */
    public long update(long estimateBps, long nowNanos) {
        if (lastEvaluation == Long.MIN_VALUE) lastEvaluation = nowNanos;
        if (reported >= MIN_PACKETS && nowNanos - lastEvaluation >= MIN_INTERVAL_MS * 1_000_000L) {
            double loss = (double) lost / reported;
            lastLoss = loss;
            smoothedLoss = smoothedLoss < 0 ? loss : 0.7 * smoothedLoss + 0.3 * loss;
            if (loss > HIGH_LOSS) {
                rate = Math.min(rate, estimateBps) * (1 - 0.5 * loss);
            } else if (loss < LOW_LOSS) {
                rate = 1.05 * Math.min(rate, estimateBps);
            }
            lost = 0;
            reported = 0;
            lastEvaluation = nowNanos;
        }
        rate = Math.max(minBps, Math.min(maxBps, rate));
        return (long) rate;
    }

    /**
     * Raises the rate to a probe's measured capacity, unless loss has been limiting: a short probe that got through
     * says nothing about a loss rate measured over many packets.
     */
    public void raiseTo(long bps) {
        if (smoothedLoss >= PROBE_TRUSTED_BELOW_LOSS) return;
        rate = Math.min(maxBps, Math.max(rate, bps));
    }

    /** Loss (smoothed over evaluations) below which a probe's result also raises this controller's rate. */
    static final double PROBE_TRUSTED_BELOW_LOSS = 0.05;

    public long rateBps() {
        return (long) rate;
    }

    /** The loss fraction of the last evaluation. */
    public double lastLoss() {
        return lastLoss;
    }
}
