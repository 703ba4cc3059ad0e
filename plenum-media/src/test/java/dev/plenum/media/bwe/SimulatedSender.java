package dev.plenum.media.bwe;

/**
 * The SFU's side of a simulation, stepping 1 ms at a time: media at {@code min(estimate, source rate)} in 1200-byte
 * packets (an allocator that sends what the estimate allows), probe padding as the estimator asks for it (as
 * {@code MediaSession} does, in 300-byte packets), and the path's feedback fed back. Records the estimate every
 * millisecond.
 */
final class SimulatedSender {
    static final long MS = BottleneckLink.MS;
    final SendSideBandwidthEstimator estimator;
    final BottleneckLink link;
    final long sourceBps;
    long now = 1_000 * MS;
    private final long start = now;
    private double budgetBytes;
    /** Media as 30 frames a second sent in bursts (as forwarded from a publisher), rather than paced. */
    boolean frames;
    /** The estimate at each simulated millisecond since the start. */
    final long[] estimates;

    SimulatedSender(BandwidthEstimatorConfig config, long capacityBps, long sourceBps, int seconds, long seed) {
        estimator = new SendSideBandwidthEstimator(config);
        link = new BottleneckLink(capacityBps, estimator, seed);
        this.sourceBps = sourceBps;
        estimates = new long[seconds * 1000 + 1];
        estimator.desiredBitrate(sourceBps);
    }

    /** Runs until {@code second} seconds since the start. */
    void runUntil(double second) {
        long until = start + (long) (second * 1000) * MS;
        while (now < until) {
            now += MS;
            if (estimator.process(now, true)) {
                for (long due = estimator.paddingDue(now); due > 0; due -= ProbeClusters.PADDING_PACKET_WIRE_BYTES) {
                    link.send(now, ProbeClusters.PADDING_PACKET_WIRE_BYTES);
                }
            }
            budgetBytes += Math.min(estimator.estimateBps(), sourceBps) / 8.0 / 1000;
            // Paced: whole packets as the budget allows; in frames: every 33 ms, the frame's packets at once.
            if (!frames || (now - start) / MS % 33 == 0) {
                while (budgetBytes >= 1200) {
                    link.send(now, 1200);
                    budgetBytes -= 1200;
                }
            }
            link.advance(now);
            if (Boolean.getBoolean("bwe.trace") && (now - start) % (250 * MS) == 0) {
                System.out.printf("%.2f est=%d delay=%d loss=%d acked=%d usage=%s%n", (now - start) / 1e9,
                        estimator.estimateBps() / 1000, estimator.delayBasedBps() / 1000,
                        estimator.lossBasedBps() / 1000, estimator.acknowledgedBps() / 1000, estimator.usage());
            }
            int index = (int) ((now - start) / MS);
            if (index < estimates.length) estimates[index] = estimator.estimateBps();
        }
    }

    long estimateAt(double second) {
        return estimates[(int) (second * 1000)];
    }

    /** The mean estimate between two times (seconds since the start). */
    long meanEstimate(double fromSecond, double toSecond) {
        long sum = 0;
        int from = (int) (fromSecond * 1000);
        int to = (int) (toSecond * 1000);
        for (int i = from; i < to; i++) sum += estimates[i];
        return sum / (to - from);
    }

    /** The first time (seconds) at or after {@code fromSecond} the estimate is at least {@code bps}, or -1. */
    double firstReaching(double fromSecond, long bps) {
        for (int i = (int) (fromSecond * 1000); i < estimates.length; i++) if (estimates[i] >= bps) return i / 1000.0;
        return -1;
    }

    /** The first time (seconds) at or after {@code fromSecond} the estimate is below {@code bps}, or -1. */
    double firstBelow(double fromSecond, long bps) {
        for (int i = (int) (fromSecond * 1000); i < estimates.length; i++) if (estimates[i] < bps) return i / 1000.0;
        return -1;
    }

    /** A line per second: the estimate, for diagnosing a failed run. */
    String trace(double fromSecond, double toSecond) {
        StringBuilder sb = new StringBuilder();
        for (double s = fromSecond; s < toSecond; s += 0.5) sb.append(String.format("%.1fs %d%n", s, estimateAt(s) / 1000));
        return sb.toString();
    }
}
