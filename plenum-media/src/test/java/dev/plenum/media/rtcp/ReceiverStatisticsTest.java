package dev.plenum.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** RFC 3550 §6.4.1 and Appendix A.1, A.3, A.8 on a scripted stream, driven by a fake clock. */
class ReceiverStatisticsTest {

    private static final long MS = 1_000_000L;
    private static final long SSRC = 0xCAFEBABEL;
    private static final int CLOCK_RATE = 8000; // 8 timestamp units per millisecond, 160 per 20 ms packet

    private long now;

    /**
     * Arrival order: 65532 arrives after 65533 (reordered), 65534 twice (duplicate), 65535, 2 and 3 never arrive,
     * and the sequence wraps from 65535 to 0.
     */
    private static final int[] SEQ = {65530, 65531, 65533, 65532, 65534, 65534, 0, 1, 4, 5};
    private static final long[] TS = {0, 160, 480, 320, 640, 640, 960, 1120, 1600, 1760};
    private static final long[] ARRIVAL_MS = {0, 20, 62, 65, 80, 81, 120, 141, 185, 200};

    @Test
    void scriptedStreamWithLossReorderDuplicateAndWrap() {
        ReceiverStatistics stats = new ReceiverStatistics(SSRC, CLOCK_RATE, () -> now);

        for (int i = 0; i < 3; i++) {
            receive(stats, i);
        }
        // First interval: 65530..65533 expected (4), 3 received: 1 lost -> 256 * 1 / 4 = 64.
        assertThat(stats.expected()).isEqualTo(4);
        assertThat(stats.received()).isEqualTo(3);
        assertThat(stats.cumulativeLost()).isEqualTo(1);
        assertThat(stats.extendedHighestSequence()).isEqualTo(65533);
        // Jitter after 3 packets: D(1,2) = 20*8 - 160 = 0, D(2,3) = 42*8 - 320 = 16 -> J = 0 + (16 - 0)/16 = 1.
        assertThat(stats.jitterExact()).isCloseTo(1.0, within(1e-12));
        ByteBuf first = Unpooled.buffer();
        now = 62 * MS;
        assertThat(stats.writeReportBlock(first)).isEqualTo(24);
        assertThat(first.getUnsignedInt(0)).isEqualTo(SSRC);
        assertThat(first.getUnsignedByte(4)).isEqualTo((short) 64);
        assertThat(first.getUnsignedMedium(5)).isEqualTo(1);
        assertThat(first.getUnsignedInt(8)).isEqualTo(65533);
        assertThat(first.getUnsignedInt(12)).isEqualTo(1);
        assertThat(first.getUnsignedInt(16)).as("LSR before any SR").isZero();
        assertThat(first.getUnsignedInt(20)).as("DLSR before any SR").isZero();

        for (int i = 3; i < 7; i++) {
            receive(stats, i);
        }
        // A sender report arrives at 100 ms; LSR is the middle 32 bits of its NTP timestamp.
        now = 100 * MS;
        stats.senderReportReceived(0xE1234567_89ABCDEFL);
        for (int i = 7; i < SEQ.length; i++) {
            receive(stats, i);
        }

        // Highest: 5 after one wrap -> 65536 + 5. Expected 65530..65541 = 12; received 10 (the duplicate counts,
        // RFC 3550 A.3), so cumulative lost = 2 although 3 distinct packets (65535, 2, 3) never arrived.
        assertThat(stats.extendedHighestSequence()).isEqualTo(65536 + 5);
        assertThat(stats.expected()).isEqualTo(12);
        assertThat(stats.received()).isEqualTo(10);
        assertThat(stats.cumulativeLost()).isEqualTo(2);

        double expectedJitter = rfcJitter();
        assertThat(expectedJitter).isCloseTo(28.734377529472113, within(1e-9));
        assertThat(stats.jitterExact()).isCloseTo(expectedJitter, within(1e-9));
        assertThat(stats.jitter()).isEqualTo(28);

        now = 250 * MS;
        ByteBuf second = Unpooled.buffer();
        stats.writeReportBlock(second);
        // Second interval: expected 12 - 4 = 8, received 10 - 3 = 7: 1 lost -> 256 / 8 = 32.
        assertThat(second.getUnsignedByte(4)).isEqualTo((short) 32);
        assertThat(second.getUnsignedMedium(5)).isEqualTo(2);
        assertThat(second.getUnsignedInt(8)).isEqualTo(0x10005);
        assertThat(second.getUnsignedInt(12)).isEqualTo(28);
        assertThat(second.getUnsignedInt(16)).isEqualTo(0x456789ABL);
        // 150 ms since the SR: 0.150 * 65536 = 9830.4 -> 9830.
        assertThat(second.getUnsignedInt(20)).isEqualTo(9830);

        // Nothing received since: the next interval reports no loss.
        assertThat(stats.takeFractionLost()).isZero();
    }

    /** The A.8 estimator written out: D(i-1,i) = (Ri - Ri-1) - (Si - Si-1); J += (|D| - J) / 16. */
    private static double rfcJitter() {
        double j = 0;
        for (int i = 1; i < SEQ.length; i++) {
            double d = (ARRIVAL_MS[i] - ARRIVAL_MS[i - 1]) * (CLOCK_RATE / 1000.0) - (TS[i] - TS[i - 1]);
            j += (Math.abs(d) - j) / 16;
        }
        return j;
    }

    private void receive(ReceiverStatistics stats, int i) {
        now = ARRIVAL_MS[i] * MS;
        stats.packetReceived(SEQ[i], TS[i]);
    }

    @Test
    void fractionLostIsZeroWhenDuplicatesOutnumberLosses() {
        ReceiverStatistics stats = new ReceiverStatistics(1, 90000, () -> now);
        stats.packetReceived(10, 0, 0);
        stats.packetReceived(10, 0, 0);
        stats.packetReceived(12, 0, 0);
        stats.packetReceived(12, 0, 0);
        assertThat(stats.expected()).isEqualTo(3);
        assertThat(stats.cumulativeLost()).isEqualTo(-1);
        assertThat(stats.takeFractionLost()).isZero();
    }

    @Test
    void largeJumpIsIgnoredOnceThenTakenAsARestart() {
        ReceiverStatistics stats = new ReceiverStatistics(1, 90000, () -> now);
        stats.packetReceived(100, 0, 0);
        stats.packetReceived(101, 0, 0);
        stats.packetReceived(20000, 90_000_000, 0); // > MAX_DROPOUT ahead: dropped, remembered
        assertThat(stats.extendedHighestSequence()).isEqualTo(101);
        assertThat(stats.jitterExact()).as("a dropped packet does not feed the jitter").isZero();
        assertThat(stats.received()).isEqualTo(2);
        stats.packetReceived(20001, 0, 0); // sequential with the jump: the source restarted
        assertThat(stats.extendedHighestSequence()).isEqualTo(20001);
        assertThat(stats.expected()).isEqualTo(1);
        assertThat(stats.received()).isEqualTo(1);
    }

    @Test
    void cumulativeLostClampsToSigned24Bits() {
        ReceiverStatistics stats = new ReceiverStatistics(1, 90000, () -> now);
        stats.packetReceived(0, 0, 0);
        for (int i = 0; i < 0x900000; i++) {
            stats.packetReceived(0, 0, 0);
        }
        assertThat(stats.cumulativeLost()).isEqualTo(-0x800000);
    }

    @Test
    void jitterFollowsTimestampWrapAcross32Bits() {
        ReceiverStatistics stats = new ReceiverStatistics(1, 90000, () -> now);
        stats.packetReceived(1, 0xFFFFFFFFL - 899, 0);
        stats.packetReceived(2, 900 - 900, 10 * MS); // +900 units across the wrap, arriving exactly 10 ms later
        assertThat(stats.jitterExact()).isZero();
    }

    @Test
    void dlsrCountsSixtyFourThousandthsOfASecond() {
        ReceiverStatistics stats = new ReceiverStatistics(1, 90000, () -> now);
        stats.senderReportReceived(0L, 5 * 1_000_000_000L);
        assertThat(stats.delaySinceLastSenderReport(7 * 1_000_000_000L + 500 * MS)).isEqualTo(2 * 65536 + 32768);
    }
}
