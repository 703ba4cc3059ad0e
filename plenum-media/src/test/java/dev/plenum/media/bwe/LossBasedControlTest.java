package dev.plenum.media.bwe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The loss-based controller of draft-ietf-rmcat-gcc-02 §6. */
class LossBasedControlTest {
    private static final long MS = 1_000_000L;

    @Test
    void aboveTenPercentLossTheRateFallsByHalfTheLossFraction() {
        LossBasedControl loss = new LossBasedControl(1_000_000, 30_000, 6_000_000);
        loss.update(1_000_000, 0);
        loss.reported(100, 20);
        assertThat(loss.update(1_000_000, 300 * MS)).isEqualTo(900_000);
    }

    @Test
    void belowTwoPercentItGrowsFivePercentAboveTheEstimateAndInBetweenItHolds() {
        LossBasedControl loss = new LossBasedControl(1_000_000, 30_000, 6_000_000);
        loss.update(1_000_000, 0);
        loss.reported(100, 1);
        assertThat(loss.update(1_000_000, 300 * MS)).isEqualTo(1_050_000);
        loss.reported(100, 5);
        assertThat(loss.update(1_050_000, 600 * MS)).isEqualTo(1_050_000);
    }

    @Test
    void tooFewPacketsOrTooSoonIsNoEvaluation() {
        LossBasedControl loss = new LossBasedControl(1_000_000, 30_000, 6_000_000);
        loss.update(1_000_000, 0);
        loss.reported(10, 10);
        assertThat(loss.update(1_000_000, 300 * MS)).isEqualTo(1_000_000);
        loss.reported(100, 100);
        assertThat(loss.update(1_000_000, 310 * MS)).isEqualTo(500_000);
        loss.reported(100, 100);
        assertThat(loss.update(500_000, 320 * MS)).as("within 250 ms of the last").isEqualTo(500_000);
    }
}
