package dev.plenum.loadtest.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Loss from sequence numbers: gaps are lost, duplicates are not received twice, late packets are not lost. */
class LossCounterTest {

    private static LossCounter feed(int... sequenceNumbers) {
        LossCounter c = new LossCounter();
        for (int s : sequenceNumbers) c.packet(s);
        return c;
    }

    @Test
    void anUnbrokenStreamLosesNothing() {
        LossCounter c = feed(10, 11, 12, 13, 14);
        assertThat(c.expected()).isEqualTo(5);
        assertThat(c.received()).isEqualTo(5);
        assertThat(c.lost()).isZero();
        assertThat(c.lossFraction()).isZero();
    }

    @Test
    void aGapCountsEveryMissingNumber() {
        LossCounter c = feed(100, 101, 105, 106);
        assertThat(c.expected()).isEqualTo(7);
        assertThat(c.lost()).isEqualTo(3);
    }

    @Test
    void aLatePacketFillsItsGapAndCountsAsReordered() {
        LossCounter c = feed(1, 2, 4, 5, 3);
        assertThat(c.lost()).isZero();
        assertThat(c.reordered()).isEqualTo(1);
    }

    @Test
    void aDuplicateNeitherHidesALossNorCountsTwice() {
        LossCounter c = feed(1, 2, 2, 4, 4, 2);
        assertThat(c.expected()).isEqualTo(4);
        assertThat(c.received()).isEqualTo(3);
        assertThat(c.lost()).isEqualTo(1);
        assertThat(c.duplicates()).isEqualTo(3);
    }

    @Test
    void wrapAroundExtendsTheSequenceNumber() {
        LossCounter c = feed(65533, 65534, 65535, 0, 2);
        assertThat(c.expected()).isEqualTo(6);
        assertThat(c.lost()).isEqualTo(1);
        assertThat(c.extendedHighest()).isEqualTo(65536 + 2);
    }

    @Test
    void aPacketFromBeforeTheWrapArrivingAfterItIsLateNotLost() {
        LossCounter c = feed(65534, 0, 1, 65535);
        assertThat(c.expected()).isEqualTo(4);
        assertThat(c.lost()).isZero();
        assertThat(c.reordered()).isEqualTo(1);
    }

    @Test
    void aFirstPacketOvertakenByItsPredecessorLowersTheStart() {
        LossCounter c = feed(11, 10, 12);
        assertThat(c.expected()).isEqualTo(3);
        assertThat(c.lost()).isZero();
    }

    @Test
    void fractionLostCoversTheIntervalSinceTheLastReport() {
        LossCounter c = feed(0, 1, 2, 3);
        assertThat(c.takeFractionLost()).isZero();
        for (int s = 4; s < 14; s++) if (s != 6 && s != 7) c.packet(s); // 2 of 10 lost
        assertThat(c.takeFractionLost()).isEqualTo(2 * 256 / 10);
        c.packet(6); // a late packet: more arrived than expected in this interval
        assertThat(c.takeFractionLost()).isZero();
    }

    /**
     * A scripted stream from a random start (often across the wrap): random drops, duplicates and local
     * reordering. Ground truth is computed on the extended numbers the script used.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void matchesAScriptedStreamWithDropsDuplicatesAndReordering(long seed) {
        Random random = new Random(seed);
        long start = 65536L - random.nextInt(3000);
        int n = 5000 + random.nextInt(5000);
        double dropRate = random.nextDouble() * 0.1;
        List<Long> sent = new ArrayList<>();
        for (long s = start; s < start + n; s++) if (random.nextDouble() >= dropRate) sent.add(s);
        List<Long> wire = new ArrayList<>();
        for (long s : sent) {
            wire.add(s);
            if (random.nextDouble() < 0.02) wire.add(s); // duplicate
        }
        for (int i = 0; i + 1 < wire.size(); i++) {
            if (random.nextDouble() < 0.05) Collections.swap(wire, i, i + 1 + random.nextInt(Math.min(20, wire.size() - i - 1)));
        }
        LossCounter c = new LossCounter();
        for (long s : wire) c.packet((int) (s & 0xFFFF));

        Set<Long> distinct = new HashSet<>(sent);
        long lowest = Collections.min(sent);
        long highest = Collections.max(sent);
        assertThat(c.expected()).isEqualTo(highest - lowest + 1);
        assertThat(c.received()).isEqualTo(distinct.size());
        assertThat(c.lost()).isEqualTo(highest - lowest + 1 - distinct.size());
        assertThat(c.duplicates()).isEqualTo(wire.size() - distinct.size());
    }
}
