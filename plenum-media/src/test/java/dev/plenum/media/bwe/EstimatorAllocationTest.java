package dev.plenum.media.bwe;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The estimator allocates nothing per packet sent or acknowledged, nor per feedback or probe: measured with the JVM's
 * per-thread allocation counter over many packets, after a warm-up round.
 */
class EstimatorAllocationTest {
    private static final int PACKETS = 50_000;
    private static final long MS = 1_000_000L;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static long allocated() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().threadId());
    }

    @Test
    void sendingAndFeedbackAllocateNothing() {
        SendSideBandwidthEstimator estimator = new SendSideBandwidthEstimator(BandwidthEstimatorConfig.DEFAULTS);
        estimator.desiredBitrate(4_000_000);
        long now = 0;
        int sequence = 0;
        for (int round = 0; round < 2; round++) {
            long before = allocated();
            for (int i = 0; i < PACKETS; i += 20) {
                int first = sequence;
                for (int k = 0; k < 20; k++) { // 20 packets a millisecond apart, then their feedback
                    now += MS;
                    estimator.packetSent(sequence, now, 1200);
                    sequence = (sequence + 1) & 0xFFFF;
                    if (estimator.process(now, true)) estimator.paddingDue(now);
                }
                estimator.feedbackStarted((int) ((now / (64 * MS)) & 0x7FFFFF));
                for (int k = 0; k < 20; k++) estimator.feedbackPacket((first + k) & 0xFFFF, k != 7, 4);
                estimator.feedbackComplete(now + 30 * MS);
            }
            long bytes = allocated() - before;
            if (round == 1) assertThat(bytes).as("bytes allocated over %d packets", PACKETS).isLessThan(PACKETS / 10);
        }
        assertThat(estimator.hasFeedback()).isTrue();
    }
}
