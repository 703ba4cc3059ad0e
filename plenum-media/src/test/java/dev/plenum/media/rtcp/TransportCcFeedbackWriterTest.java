package dev.plenum.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Transport-cc feedback written from (sequence, arrival) records parses back to the same arrivals. */
class TransportCcFeedbackWriterTest {

    private static final long TICK = TransportCcFeedback.TICK_NANOS;

    /** Parses one feedback packet and rebuilds absolute arrival ticks from reference time and deltas. */
    private static final class Decoded implements RtcpListener {
        int base;
        int statusCount;
        int feedbackCount;
        long tick;
        final List<String> packets = new ArrayList<>();

        @Override
        public void transportCc(long s, long m, int base, int statusCount, int reference, int fbCount) {
            this.base = base;
            this.statusCount = statusCount;
            this.feedbackCount = fbCount;
            this.tick = (long) reference * TransportCcFeedback.TICKS_PER_REFERENCE;
        }

        @Override
        public void transportCcPacket(int seq, boolean received, int delta) {
            if (received) {
                tick += delta;
                packets.add(seq + "@" + tick);
            } else {
                packets.add(seq + " lost");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void recordsRoundTrip(long seed) {
        Random rnd = new Random(seed);
        int n = 1 + rnd.nextInt(400);
        int[] seqs = new int[n];
        long[] arrivals = new long[n];
        int seq = rnd.nextInt(65536);
        long t = rnd.nextLong(0, 1L << 40);
        for (int i = 0; i < n; i++) {
            seqs[i] = seq & 0xFFFF;
            arrivals[i] = t;
            seq += rnd.nextInt(10) == 0 ? 1 + rnd.nextInt(20) : 1; // occasional losses
            int kind = rnd.nextInt(20);
            t += kind == 0 ? -rnd.nextLong(5_000_000) // reordered arrival: negative delta
                    : kind == 1 ? rnd.nextLong(100_000_000) // a long gap: large delta
                    : rnd.nextLong(10_000_000);
        }
        TransportCcFeedbackWriter writer = new TransportCcFeedbackWriter(1000);
        int from = 0;
        int feedback = 250;
        while (from < n) {
            ByteBuf out = Unpooled.buffer();
            out.writeZero(1);
            int consumed = writer.write(out, 1, 2, feedback, seqs, arrivals, from, n - from);
            assertThat(consumed).isPositive();
            assertThat((out.writerIndex() - 1) % 4).isZero();
            Decoded d = new Decoded();
            assertThat(RtcpParser.parse(out, 1, out.writerIndex() - 1, d)).isEqualTo(1);
            assertThat(d.base).isEqualTo(seqs[from]);
            assertThat(d.feedbackCount).isEqualTo(feedback & 0xFF);

            List<String> expected = new ArrayList<>();
            for (int i = from; i < from + consumed; i++) {
                if (i > from) {
                    for (int s = (seqs[i - 1] + 1) & 0xFFFF; s != seqs[i]; s = (s + 1) & 0xFFFF) {
                        expected.add(s + " lost");
                    }
                }
                expected.add(seqs[i] + "@" + Math.floorDiv(arrivals[i], TICK));
            }
            assertThat(d.packets).isEqualTo(expected);
            assertThat(d.statusCount).isEqualTo(expected.size());
            from += consumed;
            feedback++;
        }
    }

    @Test
    void longRunsUseRunLengthChunks() {
        int n = 100;
        int[] seqs = new int[n];
        long[] arrivals = new long[n];
        for (int i = 0; i < n; i++) {
            seqs[i] = i;
            arrivals[i] = i * 4 * TICK; // 1 ms apart: all small deltas
        }
        ByteBuf out = Unpooled.buffer();
        assertThat(new TransportCcFeedbackWriter(200).write(out, 1, 2, 0, seqs, arrivals, 0, n)).isEqualTo(n);
        // header 12 + FCI header 8 + one run-length chunk (2) + 100 one-byte deltas = 122, padded to 124.
        assertThat(out.writerIndex()).isEqualTo(124);
        assertThat(out.getUnsignedShort(20)).isEqualTo((1 << 13) | 100);
    }

    @Test
    void stopsBeforeADeltaTooLargeForSixteenBits() {
        int[] seqs = {10, 11};
        long[] arrivals = {0, 9_000_000_000L}; // 9 s later: beyond +8.19 s
        ByteBuf out = Unpooled.buffer();
        assertThat(new TransportCcFeedbackWriter(100).write(out, 1, 2, 0, seqs, arrivals, 0, 2)).isEqualTo(1);
        assertThat(RtcpParser.isValid(out, 0, out.writerIndex())).isTrue();
    }
}
