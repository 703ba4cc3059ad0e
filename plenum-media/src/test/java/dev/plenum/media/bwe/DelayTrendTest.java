package dev.plenum.media.bwe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The delay-based detection chain on synthetic delays (draft-ietf-rmcat-gcc-02 §5.2–5.4): groups of packets 5 ms
 * apart whose one-way delay is constant, grows (a queue builds) or shrinks (it drains).
 */
class DelayTrendTest {
    private static final long MS = 1_000_000L;

    /** Feeds groups every 5 ms (three packets each) whose one-way delay changes by {@code growthUs} per group. */
    private static BandwidthUsage run(ArrivalGroups groups, TrendlineFilter trend, OveruseDetector detector,
            long startMs, int count, double growthUs) {
        BandwidthUsage usage = BandwidthUsage.NORMAL;
        for (int g = 0; g < count; g++) {
            long send = (startMs + 5L * g) * MS;
            long delay = 30 * MS + (long) (g * growthUs * 1000);
            for (int p = 0; p < 3; p++) {
                if (groups.add(send + p * 100_000L, send + delay + p * 100_000L)) {
                    double t = trend.update(groups.delayVariationMs(), groups.completedArrivalNanos());
                    usage = detector.detect(t, groups.sendDeltaMs(), trend.deltas(), groups.completedArrivalNanos());
                }
            }
        }
        return usage;
    }

    @Test
    void aConstantDelayIsNormal() {
        assertThat(run(new ArrivalGroups(), new TrendlineFilter(), new OveruseDetector(), 0, 200, 0))
                .isEqualTo(BandwidthUsage.NORMAL);
    }

    @Test
    void aDelayGrowingByHalfAMillisecondPerGroupIsOveruse() {
        assertThat(run(new ArrivalGroups(), new TrendlineFilter(), new OveruseDetector(), 0, 60, 500))
                .isEqualTo(BandwidthUsage.OVERUSING);
    }

    @Test
    void aShrinkingDelayAfterASteadyOneIsUnderuse() {
        ArrivalGroups groups = new ArrivalGroups();
        TrendlineFilter trend = new TrendlineFilter();
        OveruseDetector detector = new OveruseDetector();
        run(groups, trend, detector, 0, 100, 0);
        assertThat(run(groups, trend, detector, 500, 40, -500)).isEqualTo(BandwidthUsage.UNDERUSING);
    }

    @Test
    void jitterWithoutATrendIsNotOveruse() {
        ArrivalGroups groups = new ArrivalGroups();
        TrendlineFilter trend = new TrendlineFilter();
        OveruseDetector detector = new OveruseDetector();
        java.util.Random random = new java.util.Random(7);
        int overuses = 0;
        for (int g = 0; g < 2000; g++) {
            long send = 5L * g * MS;
            long arrival = send + 30 * MS + (long) (random.nextDouble() * 2 * MS);
            if (groups.add(send, arrival)) {
                double t = trend.update(groups.delayVariationMs(), groups.completedArrivalNanos());
                if (detector.detect(t, groups.sendDeltaMs(), trend.deltas(), arrival) == BandwidthUsage.OVERUSING) overuses++;
            }
        }
        assertThat(overuses).isLessThan(20);
    }

    @Test
    void theThresholdRisesTowardAPersistentlyLargerTrendAndStaysWithinItsBounds() {
        OveruseDetector detector = new OveruseDetector();
        long now = 0;
        for (int i = 0; i < 1000; i++) {
            now += 5 * MS;
            detector.detect(OveruseDetector.INITIAL_THRESHOLD + 10, 5, 100, now);
        }
        assertThat(detector.threshold()).isGreaterThan(OveruseDetector.INITIAL_THRESHOLD + 5).isLessThanOrEqualTo(600);
        for (int i = 0; i < 10_000; i++) {
            now += 5 * MS;
            detector.detect(0, 5, 100, now);
        }
        assertThat(detector.threshold()).isEqualTo(6);
    }

    @Test
    void onOveruseTheRateDropsTo85PercentOfTheAcknowledgedBitrate() {
        AimdRateControl aimd = new AimdRateControl(2_000_000, 30_000, 6_000_000);
        aimd.update(BandwidthUsage.NORMAL, 1_900_000, 50 * MS, 0);
        assertThat(aimd.update(BandwidthUsage.OVERUSING, 1_000_000, 50 * MS, 100 * MS)).isEqualTo(850_000);
        assertThat(aimd.update(BandwidthUsage.UNDERUSING, 800_000, 50 * MS, 200 * MS)).as("hold").isEqualTo(850_000);
    }

    @Test
    void farFromTheLastOveruseTheRateGrowsAboutEightPercentPerSecond() {
        AimdRateControl aimd = new AimdRateControl(1_000_000, 30_000, 6_000_000);
        long rate = 0;
        for (int i = 0; i <= 20; i++) rate = aimd.update(BandwidthUsage.NORMAL, 1_000_000, 50 * MS, i * 50 * MS);
        assertThat(rate).isBetween(1_070_000L, 1_090_000L);
    }

    @Test
    void anIncreaseNeverGoesBeyondOneAndAHalfTimesWhatIsAcknowledged() {
        AimdRateControl aimd = new AimdRateControl(1_000_000, 30_000, 6_000_000);
        long rate = 0;
        for (int i = 0; i <= 200; i++) rate = aimd.update(BandwidthUsage.NORMAL, 200_000, 50 * MS, i * 50 * MS);
        assertThat(rate).as("not lowered either: a probe may have set it").isEqualTo(1_000_000);
    }
}
