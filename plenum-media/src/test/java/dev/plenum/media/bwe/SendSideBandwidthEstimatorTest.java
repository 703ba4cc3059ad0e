package dev.plenum.media.bwe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the estimator reads transport-cc feedback: reference time wrap, repeated reports, unknown packets, probes. */
class SendSideBandwidthEstimatorTest {
    private static final long MS = 1_000_000L;

    /**
     * Sends 1200-byte packets every 10 ms (960 kbit/s) for a second and acknowledges each 50 ms of them in one
     * feedback whose 24-bit reference time starts at {@code firstReference} (64 ms units).
     */
    private static SendSideBandwidthEstimator oneSecond(int firstReference) {
        SendSideBandwidthEstimator estimator = new SendSideBandwidthEstimator(BandwidthEstimatorConfig.DEFAULTS.withProbing(false));
        long now = 0;
        int sequence = 65_500; // and the 16-bit sequence wraps too
        for (int feedback = 0; feedback < 20; feedback++) {
            int first = sequence;
            for (int k = 0; k < 5; k++) {
                now += 10 * MS;
                estimator.packetSent(sequence, now, 1200);
                sequence = (sequence + 1) & 0xFFFF;
            }
            // Arrivals 40 ms after sending, on the receiver's clock: reference + 250 µs ticks.
            long arrivalOfFirst = feedback * 50 * MS + 50 * MS;
            long reference = arrivalOfFirst / (64 * MS);
            int referenceField = (int) ((firstReference + reference) & 0xFFFFFF);
            estimator.feedbackStarted((referenceField << 8) >> 8); // as the parser gives it: signed 24-bit
            long previous = reference * 64 * MS;
            for (int k = 0; k < 5; k++) {
                long arrival = arrivalOfFirst + k * 10 * MS;
                estimator.feedbackPacket((first + k) & 0xFFFF, true, (int) ((arrival - previous) / 250_000));
                previous = arrival;
            }
            estimator.feedbackComplete(now + 40 * MS);
        }
        return estimator;
    }

    @Test
    void theAcknowledgedBitrateIsWhatArrivedAcrossTheWrapOfTheReferenceTime() {
        assertThat(oneSecond(0).acknowledgedBps()).isBetween(900_000L, 1_020_000L);
        assertThat(oneSecond(0x7FFFFF - 3).acknowledgedBps()).as("signed 24-bit wrap").isBetween(900_000L, 1_020_000L);
        assertThat(oneSecond(0xFFFFFF - 3).acknowledgedBps()).as("unsigned wrap").isBetween(900_000L, 1_020_000L);
    }

    @Test
    void oneFeedbackOnMorePacketsThanItsBatchHoldsIsReadWhole() {
        SendSideBandwidthEstimator estimator = new SendSideBandwidthEstimator(BandwidthEstimatorConfig.DEFAULTS.withProbing(false));
        for (int i = 0; i < 3000; i++) estimator.packetSent(i, i * MS / 4, 1200); // 38.4 Mbit/s for 0.75 s
        estimator.feedbackStarted(0);
        for (int i = 0; i < 3000; i++) estimator.feedbackPacket(i, true, 1); // 250 µs apart, as sent
        estimator.feedbackComplete(800 * MS);
        assertThat(estimator.hasFeedback()).isTrue();
        assertThat(estimator.acknowledgedBps()).isBetween(37_000_000L, 40_000_000L);
        assertThat(estimator.rttNanos()).as("from the newest packet acknowledged").isBetween(50 * MS, 51 * MS);
    }

    @Test
    void feedbackOnPacketsNeverSentChangesNothing() {
        SendSideBandwidthEstimator estimator = new SendSideBandwidthEstimator(BandwidthEstimatorConfig.DEFAULTS);
        estimator.packetSent(1, 0, 1200);
        estimator.feedbackStarted(0);
        estimator.feedbackPacket(500, true, 4);
        estimator.feedbackPacket(501, false, 0);
        estimator.feedbackComplete(100 * MS);
        assertThat(estimator.hasFeedback()).isFalse();
        assertThat(estimator.estimateBps()).isEqualTo(BandwidthEstimatorConfig.DEFAULTS.startBps());
    }

    @Test
    void aProbeClusterOfPaddingIsPacedAndItsResultRaisesTheEstimate() {
        SendSideBandwidthEstimator estimator = new SendSideBandwidthEstimator(BandwidthEstimatorConfig.DEFAULTS);
        long now = 0;
        int sequence = 0;
        estimator.packetSent(sequence++, now, 1200);
        assertThat(estimator.process(now, false)).as("nothing to pad with: no probe").isFalse();
        assertThat(estimator.process(now, true)).as("the initial probe").isTrue();
        int first = sequence;
        long[] sendTimes = new long[200];
        int sent = 0;
        while (estimator.process(now, true)) {
            for (long due = estimator.paddingDue(now); due > 0; due -= ProbeClusters.PADDING_PACKET_WIRE_BYTES) {
                estimator.packetSent(sequence++, now, ProbeClusters.PADDING_PACKET_WIRE_BYTES);
                sendTimes[sent++] = now;
            }
            now += MS;
        }
        assertThat(sent).isGreaterThanOrEqualTo(ProbeClusters.MIN_PACKETS);
        long bits = (long) (sent - 1) * ProbeClusters.PADDING_PACKET_WIRE_BYTES * 8;
        long sendRate = bits * 1_000_000_000L / (sendTimes[sent - 1] - sendTimes[0]);
        assertThat(sendRate).as("paced near 3 × the start rate").isBetween(700_000L, 1_300_000L);

        // The path carried it as it was sent, 20 ms later: the estimate becomes the probed rate.
        estimator.feedbackStarted(0);
        long previous = 0;
        for (int k = 0; k < sent; k++) {
            long arrival = sendTimes[k] + 20 * MS;
            estimator.feedbackPacket(first + k, true, (int) ((arrival - previous) / 250_000));
            previous = arrival;
        }
        estimator.feedbackComplete(now + 40 * MS);
        assertThat(estimator.lastProbeResultBps()).isBetween(700_000L, 1_300_000L);
        assertThat(estimator.estimateBps()).isGreaterThan(600_000L);
        assertThat(estimator.process(now + 40 * MS, true)).as("and probes further, at twice the result").isTrue();
    }
}
