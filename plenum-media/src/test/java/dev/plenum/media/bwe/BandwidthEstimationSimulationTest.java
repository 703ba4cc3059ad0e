package dev.plenum.media.bwe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The estimator against a simulated bottleneck (see {@link BottleneckLink}), on a simulated clock: it converges near
 * the capacity, sees a drop in capacity within two seconds and settles near the new one, regains a capacity that came
 * back thanks to probing (and not nearly as fast without), and backs off under heavy random loss.
 */
class BandwidthEstimationSimulationTest {
    private static final BandwidthEstimatorConfig CONFIG = BandwidthEstimatorConfig.DEFAULTS;

    @Test
    void onASteadyTwoMegabitLinkTheEstimateConvergesWithinTwentyPercentOfTheCapacity() {
        SimulatedSender sim = new SimulatedSender(CONFIG, 2_000_000, 3_000_000, 30, 1);
        sim.runUntil(30);
        assertThat(sim.meanEstimate(10, 30)).as(sim.trace(0, 30)).isBetween(1_600_000L, 2_400_000L);
        assertThat(sim.estimateAt(29.9)).as(sim.trace(0, 30)).isBetween(1_600_000L, 2_400_000L);
    }

    @Test
    void mediaInBurstsOfWholeFramesConvergesWithinTwentyPercentToo() {
        SimulatedSender sim = new SimulatedSender(CONFIG, 2_000_000, 3_000_000, 30, 6);
        sim.frames = true;
        sim.runUntil(30);
        assertThat(sim.meanEstimate(10, 30)).as(sim.trace(0, 30)).isBetween(1_600_000L, 2_400_000L);
    }

    @Test
    void aDropToThreeHundredKilobitsIsSeenWithinTwoSecondsAndTheEstimateSettlesNearIt() {
        SimulatedSender sim = new SimulatedSender(CONFIG, 2_000_000, 3_000_000, 40, 2);
        sim.runUntil(20);
        sim.link.capacityBps = 300_000;
        sim.runUntil(40);
        assertThat(sim.firstBelow(20, 450_000)).as(sim.trace(18, 40)).isBetween(20.0, 22.0);
        assertThat(sim.meanEstimate(25, 40)).as(sim.trace(18, 40)).isBetween(240_000L, 360_000L);
    }

    @Test
    void whenTheCapacityComesBackProbingRegainsItWithinTenSeconds() {
        SimulatedSender sim = recovery(CONFIG);
        assertThat(sim.firstReaching(35, 1_600_000)).as(sim.trace(33, 50)).isBetween(35.0, 45.0);
    }

    @Test
    void withoutProbingTheCapacityThatCameBackIsRegainedFarMoreSlowly() {
        SimulatedSender sim = recovery(CONFIG.withProbing(false));
        assertThat(sim.estimateAt(45)).as(sim.trace(33, 50)).isLessThan(1_200_000L);
    }

    /** 2 Mbit/s for 20 s, 300 kbit/s for 15 s, 2 Mbit/s again for 15 s. */
    private static SimulatedSender recovery(BandwidthEstimatorConfig config) {
        SimulatedSender sim = new SimulatedSender(config, 2_000_000, 3_000_000, 50, 3);
        sim.runUntil(20);
        sim.link.capacityBps = 300_000;
        sim.runUntil(35);
        sim.link.capacityBps = 2_000_000;
        sim.runUntil(50);
        return sim;
    }

    @Test
    void underFifteenPercentRandomLossTheLossBasedControllerBacksOff() {
        SimulatedSender sim = new SimulatedSender(CONFIG, 5_000_000, 3_000_000, 20, 4);
        sim.link.randomLoss = 0.15;
        sim.runUntil(20);
        assertThat(sim.estimator.lossBasedBps()).as(sim.trace(0, 20)).isLessThan(sim.estimator.delayBasedBps());
        assertThat(sim.meanEstimate(15, 20)).as(sim.trace(0, 20)).isLessThan(300_000L);
    }

    @Test
    void underOnePercentRandomLossTheEstimateStillReachesTheCapacity() {
        SimulatedSender sim = new SimulatedSender(CONFIG, 2_000_000, 3_000_000, 30, 5);
        sim.link.randomLoss = 0.01;
        sim.runUntil(30);
        assertThat(sim.meanEstimate(10, 30)).as(sim.trace(0, 30)).isBetween(1_600_000L, 2_400_000L);
    }
}
