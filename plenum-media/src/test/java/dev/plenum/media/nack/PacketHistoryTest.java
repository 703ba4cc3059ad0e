package dev.plenum.media.nack;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The history of one published video stream: what it holds and for how long. */
class PacketHistoryTest {
    /** An RTP packet of {@code length} bytes with this sequence number and a payload naming it. */
    static ByteBuf packet(int sequence, int length) {
        ByteBuf p = Unpooled.directBuffer(length);
        p.writeByte(0x80).writeByte(96).writeShort(sequence).writeInt(sequence * 3000).writeInt(0x1234);
        for (int i = 12; i < length; i++) p.writeByte(sequence + i);
        return p;
    }

    @Test
    void aRecordedPacketComesBackByteForByte() {
        PacketHistory history = new PacketHistory();
        ByteBuf sent = packet(7, 1000);
        history.record(sent, 0, 1000);
        ByteBuf out = Unpooled.buffer(2048);
        assertThat(history.copy(7, out)).isEqualTo(1000);
        assertThat(out).isEqualTo(sent);
    }

    @Test
    void aSequenceNumberNeverSentIsNotHeld() {
        PacketHistory history = new PacketHistory();
        history.record(packet(7, 100), 0, 100);
        assertThat(history.holds(8)).isFalse();
        assertThat(history.copy(8, Unpooled.buffer(2048))).isEqualTo(PacketHistory.NOT_HELD);
    }

    @Test
    void theSequenceNumberWrapsWithoutLosingPackets() {
        PacketHistory history = new PacketHistory();
        for (int s = 65530; s < 65536 + 6; s++) history.record(packet(s & 0xFFFF, 200), 0, 200);
        for (int s = 65530; s < 65536 + 6; s++) {
            ByteBuf out = Unpooled.buffer(2048);
            assertThat(history.copy(s & 0xFFFF, out)).isEqualTo(200);
            assertThat(out.getUnsignedShort(2)).isEqualTo(s & 0xFFFF);
        }
    }

    @Test
    void aSlotReusedByALaterPacketForgetsTheEarlierOne() {
        PacketHistory history = new PacketHistory(16, 64 * 1024);
        for (int s = 0; s < 20; s++) history.record(packet(s, 100), 0, 100);
        assertThat(history.holds(3)).as("slot 3 now holds 19").isFalse();
        assertThat(history.holds(4)).isTrue();
        assertThat(history.holds(19)).isTrue();
    }

    @Test
    void bytesOverwrittenInTheRingAreNoLongerHeld() {
        PacketHistory history = new PacketHistory(512, 10_000); // holds 8 packets of 1200 bytes
        for (int s = 0; s < 20; s++) history.record(packet(s, 1200), 0, 1200);
        for (int s = 0; s < 12; s++) assertThat(history.holds(s)).as("packet %d", s).isFalse();
        for (int s = 12; s < 20; s++) {
            ByteBuf out = Unpooled.buffer(2048);
            assertThat(history.copy(s, out)).as("packet %d", s).isEqualTo(1200);
            assertThat(out).isEqualTo(packet(s, 1200));
        }
    }

    @Test
    void aPacketLongerThanTheLimitIsNotKept() {
        PacketHistory history = new PacketHistory();
        history.record(packet(1, PacketHistory.MAX_PACKET + 1), 0, PacketHistory.MAX_PACKET + 1);
        assertThat(history.holds(1)).isFalse();
    }

    @Test
    void recordingAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        PacketHistory history = new PacketHistory();
        // Heap buffers: without Unsafe (Java 25's default), Netty copies direct memory through a ByteBuffer view that
        // the JIT may or may not elide; the history's own work is what is measured here (the forwarding benchmark
        // measures the direct-buffer path with Unsafe allowed, as scripts/run.sh runs the node).
        ByteBuf p = Unpooled.buffer(1200).writeBytes(packet(0, 1200));
        ByteBuf out = Unpooled.buffer(2048);
        for (int round = 0; round < 2; round++) {
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().threadId());
            for (int i = 0; i < 50_000; i++) {
                p.setShort(2, i);
                history.record(p, 0, 1200);
                out.clear();
                history.copy(i & 0xFFFF, out);
            }
            long bytes = threads.getThreadAllocatedBytes(Thread.currentThread().threadId()) - before;
            if (round == 1) assertThat(bytes).as("bytes allocated over 50000 packets").isLessThan(5_000);
        }
    }
}
