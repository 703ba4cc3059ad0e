package dev.plenum.media.bwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The log of what went out under each transport-wide sequence number, across the 16-bit wrap and the ring's. */
class SentPacketLogTest {

    @Test
    void aPacketIsFoundByItsSequenceNumberWithItsSendTimeSizeAndCluster() {
        SentPacketLog log = new SentPacketLog(16);
        log.record(7, 1_000, 1200, SentPacketLog.NO_CLUSTER);
        log.record(8, 2_000, 300, 3);
        int slot = log.slot(8);
        assertThat(slot).isNotNegative();
        assertThat(log.sendNanos(slot)).isEqualTo(2_000);
        assertThat(log.size(slot)).isEqualTo(300);
        assertThat(log.cluster(slot)).isEqualTo(3);
        assertThat(log.cluster(log.slot(7))).isEqualTo(SentPacketLog.NO_CLUSTER);
        assertThat(log.slot(9)).as("never sent").isEqualTo(-1);
    }

    @Test
    void theSequenceWrapsFrom65535To0WithoutConfusingTheNumbers() {
        SentPacketLog log = new SentPacketLog(16);
        for (int i = 0; i < 10; i++) log.record((65_530 + i) & 0xFFFF, i, 100 + i, SentPacketLog.NO_CLUSTER);
        for (int i = 0; i < 10; i++) {
            int slot = log.slot((65_530 + i) & 0xFFFF);
            assertThat(slot).as("sequence %d", (65_530 + i) & 0xFFFF).isNotNegative();
            assertThat(log.size(slot)).isEqualTo(100 + i);
        }
    }

    @Test
    void aSlotOverwrittenByALaterPacketNoLongerAnswersForTheOldNumber() {
        SentPacketLog log = new SentPacketLog(16);
        log.record(65_535, 1, 100, SentPacketLog.NO_CLUSTER);
        log.record(15, 2, 200, SentPacketLog.NO_CLUSTER); // same slot (65535 & 15 == 15)
        assertThat(log.slot(65_535)).isEqualTo(-1);
        assertThat(log.size(log.slot(15))).isEqualTo(200);
        log.record(31, 3, 300, SentPacketLog.NO_CLUSTER); // and again, a ring later
        assertThat(log.slot(15)).isEqualTo(-1);
    }

    @Test
    void aPacketIsAcknowledgedOnceAndARecordedPacketStartsUnacknowledged() {
        SentPacketLog log = new SentPacketLog(16);
        log.record(3, 1, 100, SentPacketLog.NO_CLUSTER);
        int slot = log.slot(3);
        assertThat(log.acknowledge(slot)).isTrue();
        assertThat(log.acknowledge(slot)).isFalse();
        log.record(19, 2, 100, SentPacketLog.NO_CLUSTER);
        assertThat(log.acknowledged(log.slot(19))).isFalse();
    }

    @Test
    void theCapacityIsAPowerOfTwoUpTo65536() {
        assertThatThrownBy(() -> new SentPacketLog(1000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SentPacketLog(0x20000)).isInstanceOf(IllegalArgumentException.class);
    }
}
