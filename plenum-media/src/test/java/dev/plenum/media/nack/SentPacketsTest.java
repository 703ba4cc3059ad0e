package dev.plenum.media.nack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** What one leg sent, in its own numbering, mapped back to the publisher's packets; and how often it resends one. */
class SentPacketsTest {
    private static final long MS = 1_000_000L;

    @Test
    void aSentSequenceNumberLeadsBackToThePublishersPacketAndTheTimestampTheLegSent() {
        SentPackets sent = new SentPackets();
        sent.record(40_000, 7, 0xFFFF_FF00L);
        long found = sent.lookup(40_000, 0, 100 * MS);
        assertThat(SentPackets.source(found)).isEqualTo(7);
        assertThat(SentPackets.outputTimestamp(found)).isEqualTo(0xFFFF_FF00L);
    }

    @Test
    void aSequenceNumberNeverSentOrOverwrittenIsNotHeld() {
        SentPackets sent = new SentPackets(16);
        for (int s = 0; s < 20; s++) sent.record(s, 1000 + s, s * 3000L);
        assertThat(sent.lookup(3, 0, 0)).as("slot 3 now holds 19").isEqualTo(SentPackets.NOT_HELD);
        assertThat(sent.lookup(25, 0, 0)).isEqualTo(SentPackets.NOT_HELD);
        assertThat(SentPackets.source(sent.lookup(19, 0, 0))).isEqualTo(1019);
    }

    @Test
    void theSequenceNumbersWrap() {
        SentPackets sent = new SentPackets();
        for (int s = 65530; s < 65536 + 6; s++) sent.record(s & 0xFFFF, (s + 100) & 0xFFFF, s);
        for (int s = 65530; s < 65536 + 6; s++) {
            assertThat(SentPackets.source(sent.lookup(s & 0xFFFF, 0, 0))).isEqualTo((s + 100) & 0xFFFF);
        }
    }

    @Test
    void aPacketIsResentOncePerInterval() {
        SentPackets sent = new SentPackets();
        sent.record(9, 9, 0);
        assertThat(sent.lookup(9, 1_000 * MS, 100 * MS)).isNotNegative();
        assertThat(sent.lookup(9, 1_050 * MS, 100 * MS)).isEqualTo(SentPackets.RESENT_RECENTLY);
        assertThat(sent.lookup(9, 1_100 * MS, 100 * MS)).isNotNegative();
        sent.record(9, 9, 0); // the same number sent again (a new packet in its slot) may be resent at once
        assertThat(sent.lookup(9, 1_101 * MS, 100 * MS)).isNotNegative();
    }

    @Test
    void theSlotCountIsAPowerOfTwo() {
        assertThatThrownBy(() -> new SentPackets(500)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordingAndLookingUpAllocateNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SentPackets sent = new SentPackets();
        for (int round = 0; round < 2; round++) {
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().threadId());
            long sum = 0;
            for (int i = 0; i < 50_000; i++) {
                sent.record(i & 0xFFFF, (i + 5) & 0xFFFF, i);
                sum += sent.lookup(i & 0xFFFF, i, 0);
            }
            long bytes = threads.getThreadAllocatedBytes(Thread.currentThread().threadId()) - before;
            if (round == 1) assertThat(bytes).as("bytes allocated over 50000 packets (sum %d)", sum).isLessThan(5_000);
        }
    }
}
