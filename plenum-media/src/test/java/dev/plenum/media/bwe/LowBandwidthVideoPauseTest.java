package dev.plenum.media.bwe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Video pauses on a persistently low estimate and resumes, with hysteresis, on a persistently recovered one. */
class LowBandwidthVideoPauseTest {
    private static final long MS = 1_000_000L;

    @Test
    void aShortDipDoesNotPauseButHalfASecondBelowTheThresholdDoes() {
        LowBandwidthVideoPause pause = new LowBandwidthVideoPause();
        assertThat(pause.update(100_000, 0)).isFalse();
        assertThat(pause.update(400_000, 300 * MS)).isFalse();
        assertThat(pause.update(100_000, 400 * MS)).isFalse();
        assertThat(pause.update(100_000, 850 * MS)).isFalse();
        assertThat(pause.paused()).isFalse();
        assertThat(pause.update(100_000, 900 * MS)).isTrue();
        assertThat(pause.paused()).isTrue();
        assertThat(pause.desiredBps()).as("probes to above the resume threshold").isGreaterThan(LowBandwidthVideoPause.RESUME_ABOVE_BPS);
    }

    @Test
    void itResumesOnlyAfterASecondAtTheResumeThresholdNotJustAboveThePauseOne() {
        LowBandwidthVideoPause pause = new LowBandwidthVideoPause();
        pause.update(100_000, 0);
        pause.update(100_000, 500 * MS);
        assertThat(pause.paused()).isTrue();
        assertThat(pause.update(200_000, 600 * MS)).isFalse();
        assertThat(pause.update(200_000, 3_000 * MS)).as("between the thresholds: still paused").isFalse();
        assertThat(pause.update(260_000, 3_100 * MS)).isFalse();
        assertThat(pause.update(260_000, 4_099 * MS)).isFalse();
        assertThat(pause.update(260_000, 4_100 * MS)).isTrue();
        assertThat(pause.paused()).isFalse();
        assertThat(pause.desiredBps()).isZero();
    }
}
