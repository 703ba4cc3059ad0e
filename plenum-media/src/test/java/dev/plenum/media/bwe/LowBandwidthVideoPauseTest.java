package dev.plenum.media.bwe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Video pauses when the estimate and what arrives both stay low, and resumes, with hysteresis, on a persistently
 * recovered estimate; below the resume threshold it asks for probes.
 */
class LowBandwidthVideoPauseTest {
    private static final long MS = 1_000_000L;

    @Test
    void aShortDipDoesNotPauseButASecondBelowTheThresholdDoes() {
        LowBandwidthVideoPause pause = new LowBandwidthVideoPause();
        assertThat(pause.desiredBps()).isZero();
        assertThat(pause.update(100_000, 90_000, 0)).isFalse();
        assertThat(pause.desiredBps()).as("probes before pausing").isGreaterThan(LowBandwidthVideoPause.RESUME_ABOVE_BPS);
        assertThat(pause.update(400_000, 90_000, 300 * MS)).isFalse();
        assertThat(pause.desiredBps()).isZero();
        assertThat(pause.update(100_000, 90_000, 400 * MS)).isFalse();
        assertThat(pause.update(100_000, -1, 1_350 * MS)).isFalse();
        assertThat(pause.paused()).isFalse();
        assertThat(pause.update(100_000, 90_000, 1_400 * MS)).isTrue();
        assertThat(pause.paused()).isTrue();
        assertThat(pause.desiredBps()).as("probes to above the resume threshold").isGreaterThan(LowBandwidthVideoPause.RESUME_ABOVE_BPS);
    }

    @Test
    void aLowEstimateDoesNotPauseWhileMoreThanTheThresholdArrives() {
        LowBandwidthVideoPause pause = new LowBandwidthVideoPause();
        for (long t = 0; t <= 5_000; t += 50) assertThat(pause.update(100_000, 400_000, t * MS)).isFalse();
        assertThat(pause.paused()).isFalse();
    }

    @Test
    void itResumesOnlyAfterASecondAtTheResumeThresholdNotJustAboveThePauseOne() {
        LowBandwidthVideoPause pause = new LowBandwidthVideoPause();
        pause.update(100_000, 50_000, 0);
        pause.update(100_000, 50_000, 1_000 * MS);
        assertThat(pause.paused()).isTrue();
        assertThat(pause.update(200_000, 50_000, 1_100 * MS)).isFalse();
        assertThat(pause.update(200_000, 50_000, 3_000 * MS)).as("between the thresholds: still paused").isFalse();
        assertThat(pause.update(260_000, 50_000, 3_100 * MS)).isFalse();
        assertThat(pause.update(260_000, 50_000, 4_099 * MS)).isFalse();
        assertThat(pause.update(260_000, 50_000, 4_100 * MS)).isTrue();
        assertThat(pause.paused()).isFalse();
        assertThat(pause.desiredBps()).isZero();
    }
}
