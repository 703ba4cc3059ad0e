package dev.plenum.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SFU tells each publisher when its packets arrived, so the publisher's congestion controller can estimate. */
class TransportCcReceiverTest {
    private static final long MS = 1_000_000L;

    /** The sequence numbers a feedback packet reports, each as "seq@tick" or "seq lost", and its feedback count. */
    private static List<String> parse(ByteBuf out, List<Integer> feedbackCounts) {
        List<String> seen = new ArrayList<>();
        assertThat(RtcpParser.parse(out, 0, out.writerIndex(), new RtcpListener() {
            long tick;

            @Override public void transportCc(long s, long m, int base, int status, int reference, int fbCount) {
                feedbackCounts.add(fbCount);
                tick = (long) reference * TransportCcFeedback.TICKS_PER_REFERENCE;
            }

            @Override public void transportCcPacket(int seq, boolean received, int delta) {
                tick += delta;
                seen.add(received ? seq + "@" + tick : seq + " lost");
            }
        })).isEqualTo(1);
        return seen;
    }

    @Test
    void feedbackIsDueEveryFiftyMillisecondsAndReportsEveryArrival() {
        TransportCcReceiver receiver = new TransportCcReceiver();
        long t0 = 1_000 * MS;
        assertThat(receiver.arrived(10, t0)).isFalse();
        assertThat(receiver.arrived(11, t0 + 20 * MS)).isFalse();
        assertThat(receiver.arrived(13, t0 + 40 * MS)).isFalse();
        assertThat(receiver.arrived(14, t0 + 50 * MS)).as("50 ms after the first record").isTrue();

        ByteBuf out = Unpooled.buffer(TransportCcReceiver.MAX_FEEDBACK_BYTES);
        receiver.writeFeedback(out, 1, 0x5555, t0 + 50 * MS);
        List<Integer> counts = new ArrayList<>();
        long tick = t0 / TransportCcFeedback.TICK_NANOS;
        assertThat(parse(out, counts)).containsExactly("10@" + tick, "11@" + (tick + 80), "12 lost",
                "13@" + (tick + 160), "14@" + (tick + 200));
        assertThat(receiver.pending()).isFalse();
        assertThat(receiver.due(t0 + 200 * MS)).as("nothing waits").isFalse();

        assertThat(receiver.arrived(15, t0 + 60 * MS)).isFalse();
        assertThat(receiver.arrived(16, t0 + 100 * MS)).isTrue();
        out.clear();
        receiver.writeFeedback(out, 1, 0x5555, t0 + 100 * MS);
        assertThat(parse(out, counts)).hasSize(2);
        assertThat(counts).as("feedback packet count").containsExactly(0, 1);
    }

    @Test
    void aLateOrRepeatedPacketIsNotRecordedAgain() {
        TransportCcReceiver receiver = new TransportCcReceiver();
        receiver.arrived(100, 0);
        receiver.arrived(102, MS);
        receiver.arrived(101, 2 * MS); // late: already between two records, reported lost
        receiver.arrived(102, 3 * MS); // repeated
        ByteBuf out = Unpooled.buffer(TransportCcReceiver.MAX_FEEDBACK_BYTES);
        receiver.writeFeedback(out, 1, 2, 60 * MS);
        assertThat(parse(out, new ArrayList<>())).containsExactly("100@0", "101 lost", "102@4");
    }

    @Test
    void fullRecordsAreDueAtOnceAndGoOutInAsManyPacketsAsNeeded() {
        TransportCcReceiver receiver = new TransportCcReceiver();
        boolean due = false;
        for (int i = 0; i < TransportCcReceiver.CAPACITY; i++) due = receiver.arrived((65_000 + 3 * i) & 0xFFFF, i * 10_000L);
        assertThat(due).as("records full").isTrue();
        int reported = 0;
        int packets = 0;
        while (receiver.pending()) {
            ByteBuf out = Unpooled.buffer(TransportCcReceiver.MAX_FEEDBACK_BYTES);
            receiver.writeFeedback(out, 1, 2, MS);
            assertThat(out.writerIndex()).isLessThanOrEqualTo(TransportCcReceiver.MAX_FEEDBACK_BYTES);
            reported += (int) parse(out, new ArrayList<>()).stream().filter(s -> s.contains("@")).count();
            packets++;
        }
        assertThat(reported).isEqualTo(TransportCcReceiver.CAPACITY);
        assertThat(packets).as("every third number: a packet covers a third of the records").isEqualTo(3);
    }
}
