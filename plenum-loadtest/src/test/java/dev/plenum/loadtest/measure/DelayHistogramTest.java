package dev.plenum.loadtest.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Delay percentiles within the histogram's 1/32 resolution of the exact nearest-rank value. */
class DelayHistogramTest {

    @Test
    void smallValuesAreExact() {
        DelayHistogram h = new DelayHistogram();
        for (int v = 1; v <= 50; v++) h.record(v);
        assertThat(h.percentile(0.5)).isEqualTo(25);
        assertThat(h.percentile(0.99)).isEqualTo(50);
        assertThat(h.min()).isEqualTo(1);
        assertThat(h.max()).isEqualTo(50);
    }

    @Test
    void anEmptyHistogramSaysZero() {
        assertThat(new DelayHistogram().percentile(0.99)).isZero();
    }

    @Test
    void everyValueFallsInsideItsBucket() {
        for (long v : new long[] {0, 1, 63, 64, 65, 127, 128, 1000, 4095, 4096, 1_000_000, 123_456_789}) {
            int i = DelayHistogram.index(v);
            assertThat(v).isBetween(DelayHistogram.lowerBound(i), DelayHistogram.lowerBound(i) + DelayHistogram.width(i) - 1);
        }
    }

    @Test
    void mergingAddsCounts() {
        DelayHistogram a = new DelayHistogram();
        DelayHistogram b = new DelayHistogram();
        for (int i = 0; i < 99; i++) a.record(100);
        b.record(10_000);
        a.merge(b);
        assertThat(a.count()).isEqualTo(100);
        assertThat(a.percentile(0.99)).isCloseTo(100, within(4L));
        assertThat(a.percentile(1.0)).isEqualTo(10_000);
        assertThat(a.max()).isEqualTo(10_000);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void percentilesOfARandomDistributionAreWithinThreePercent(long seed) {
        Random random = new Random(seed);
        long[] values = new long[10_000 + random.nextInt(10_000)];
        DelayHistogram h = new DelayHistogram();
        for (int i = 0; i < values.length; i++) {
            values[i] = (long) Math.exp(random.nextGaussian() * 1.5 + 7); // log-normal around 1 ms in µs
            h.record(values[i]);
        }
        Arrays.sort(values);
        for (double q : new double[] {0.5, 0.9, 0.99, 0.999}) {
            long exact = values[(int) Math.ceil(q * values.length) - 1];
            assertThat((double) h.percentile(q)).as("q=%s", q).isCloseTo(exact, within(Math.max(1, exact / 32.0)));
        }
    }
}
