package dev.plenum.loadtest.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** RFC 3550 §6.4.1: J += (|D(i-1,i)| - J) / 16, D in timestamp units, in arrival order. */
class JitterEstimatorTest {
    private static final long MS = 1_000_000;

    @Test
    void packetsArrivingExactlyOnTheirTimestampsHaveNoJitter() {
        JitterEstimator j = new JitterEstimator(48_000);
        for (int i = 0; i < 100; i++) j.packet(960L * i, 20 * MS * i + 123_456_789L);
        assertThat(j.jitterUnits()).isZero();
    }

    @Test
    void aConstantTransitDifferenceConvergesAsTheRecurrenceSays() {
        // Every packet arrives 2 ms (96 units at 48 kHz) later relative to its predecessor than its timestamp says:
        // |D| = 96 for every pair, so J_n = 96 (1 - (15/16)^n).
        JitterEstimator j = new JitterEstimator(48_000);
        for (int i = 0; i <= 10; i++) j.packet(960L * i, 22 * MS * i);
        double expected = 96 * (1 - Math.pow(15.0 / 16, 10));
        assertThat(j.jitterMillis()).isCloseTo(expected / 48, within(1e-9));
    }

    @Test
    void knownArrivalAndTimestampPairsGiveTheHandComputedValue() {
        // 90 kHz; timestamps 0, 3000, 6000, 9000; arrivals 0, 30 ms, 75 ms, 100 ms (2700, 6750, 9000 units).
        // D: (2700-0)-(3000) = -300; (6750-2700)-(3000) = 1050; (9000-6750)-(3000) = -750.
        JitterEstimator j = new JitterEstimator(90_000);
        long[] ts = {0, 3000, 6000, 9000};
        long[] arrival = {0, 30 * MS, 75 * MS, 100 * MS};
        for (int i = 0; i < 4; i++) j.packet(ts[i], arrival[i]);
        double jj = 0;
        for (double d : new double[] {300, 1050, 750}) jj += (d - jj) / 16;
        assertThat(j.jitterMillis()).isCloseTo(jj / 90, within(1e-9));
        assertThat(j.jitterUnits()).isEqualTo((long) jj);
    }

    @Test
    void timestampWrapAroundIsNotAJump() {
        JitterEstimator j = new JitterEstimator(90_000);
        long ts = 0xFFFF_FFFFL - 3000 * 5 + 1;
        for (int i = 0; i < 10; i++) {
            j.packet(ts & 0xFFFF_FFFFL, i * 100 * MS / 3);
            ts += 3000;
        }
        assertThat(j.jitterMillis()).isLessThan(0.001);
    }
}
