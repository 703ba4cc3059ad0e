package dev.plenum.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Writers round-trip through the parser: write, parse, same values. Seeded, so failures reproduce. */
class RtcpWriterTest {

    private static Recorder parseAll(ByteBuf out, int start) {
        Recorder r = new Recorder();
        assertThat(RtcpParser.parse(out, start, out.writerIndex() - start, r)).isPositive();
        return r;
    }

    private static ByteBuf bufferWithSlack() {
        ByteBuf out = Unpooled.buffer(2048);
        out.writeZero(3); // write at a non-zero, unaligned index
        return out;
    }

    private static ReportBlock randomBlock(Random rnd) {
        return new ReportBlock(rnd.nextInt() & 0xFFFFFFFFL, rnd.nextInt(256), rnd.nextInt(1 << 24) - (1 << 23),
                rnd.nextInt() & 0xFFFFFFFFL, rnd.nextInt() & 0xFFFFFFFFL, rnd.nextInt() & 0xFFFFFFFFL,
                rnd.nextInt() & 0xFFFFFFFFL);
    }

    private static String line(long reporter, ReportBlock b) {
        return "RB " + reporter + " " + b.ssrc() + " f=" + b.fractionLost() + " cl=" + b.cumulativeLost()
                + " ehsn=" + b.extendedHighestSequence() + " j=" + b.jitter() + " lsr=" + b.lastSr()
                + " dlsr=" + b.delaySinceLastSr();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void receiverAndSenderReportsRoundTrip(long seed) {
        Random rnd = new Random(seed);
        ReportBlock[] blocks = new ReportBlock[rnd.nextInt(32)];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = randomBlock(rnd);
        }
        long ssrc = rnd.nextInt() & 0xFFFFFFFFL;
        long ntp = rnd.nextLong();
        long rtp = rnd.nextInt() & 0xFFFFFFFFL;
        ByteBuf out = bufferWithSlack();
        int n = RtcpWriter.writeSenderReport(out, ssrc, ntp, rtp, 17, 4242, blocks);
        n += RtcpWriter.writeReceiverReport(out, ssrc, blocks);
        assertThat(n).isEqualTo(out.writerIndex() - 3).isEqualTo(28 + 8 + 48 * blocks.length);

        List<String> expected = new ArrayList<>();
        expected.add("SR " + ssrc + " ntp=" + Long.toHexString(ntp) + " rtp=" + rtp + " pc=17 oc=4242");
        for (ReportBlock b : blocks) {
            expected.add(line(ssrc, b));
        }
        expected.add("RR " + ssrc);
        for (ReportBlock b : blocks) {
            expected.add(line(ssrc, b));
        }
        assertThat(parseAll(out, 3).events).isEqualTo(expected);
    }

    @Test
    void receiverStatisticsBlockFollowsAHeader() {
        long[] now = {0};
        ReceiverStatistics stats = new ReceiverStatistics(77, 48000, () -> now[0]);
        stats.packetReceived(1, 0);
        stats.packetReceived(3, 1920);
        ByteBuf out = bufferWithSlack();
        RtcpWriter.writeReceiverReportHeader(out, 5, 1);
        stats.writeReportBlock(out);
        assertThat(parseAll(out, 3).events).containsExactly("RR 5",
                "RB 5 77 f=85 cl=1 ehsn=3 j=" + stats.jitter() + " lsr=0 dlsr=0");
    }

    @Test
    void forwardedSenderReportIsRewrittenInPlace() {
        ByteBuf out = bufferWithSlack();
        RtcpWriter.writeSenderReport(out, 1, 0x0102030405060708L, 1000, 5, 6, randomBlock(new Random(1)));
        RtcpWriter.writePli(out, 1, 2);
        assertThat(RtcpWriter.rewriteSenderReport(out, 3, out.writerIndex() - 3, 0xF0000001L, 0xFFFFFFFFL)).isTrue();
        List<String> events = parseAll(out, 3).events;
        assertThat(events.get(0)).isEqualTo("SR 4026531841 ntp=102030405060708 rtp=4294967295 pc=5 oc=6");
        assertThat(events.get(1)).startsWith("RB 4026531841 ");
        assertThat(RtcpWriter.rewriteSenderReport(out, 3 + 52, 12, 1, 1)).as("a PLI is not an SR").isFalse();
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void nackCarriesExactlyTheLostSet(long seed) {
        Random rnd = new Random(seed);
        int start = rnd.nextInt(65536);
        TreeSet<Integer> offsets = new TreeSet<>();
        int count = 1 + rnd.nextInt(60);
        while (offsets.size() < count) {
            offsets.add(rnd.nextInt(rnd.nextBoolean() ? 40 : 600));
        }
        int[] seqs = offsets.stream().mapToInt(o -> (start + o) & 0xFFFF).toArray();
        ByteBuf out = bufferWithSlack();
        RtcpWriter.writeNack(out, 9, 10, seqs, 0, seqs.length);
        List<String> expected = new ArrayList<>();
        for (int s : seqs) {
            expected.add("NACK 9 10 " + s);
        }
        assertThat(parseAll(out, 3).events).isEqualTo(expected);
    }

    @Test
    void nackSharesOneEntryWithinSixteen() {
        ByteBuf out = bufferWithSlack();
        int n = RtcpWriter.writeNack(out, 1, 2, new int[] {65535, 0, 15}, 0, 3);
        assertThat(n).isEqualTo(16);
        assertThat(out.getUnsignedShort(3 + 12)).isEqualTo(65535);
        assertThat(out.getUnsignedShort(3 + 14)).isEqualTo(0b1000_0000_0000_0001);
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25})
    void pliFirAndRembRoundTrip(long seed) {
        Random rnd = new Random(seed);
        long sender = rnd.nextInt() & 0xFFFFFFFFL;
        long media = rnd.nextInt() & 0xFFFFFFFFL;
        int firSeq = rnd.nextInt(256);
        long[] ssrcs = new long[rnd.nextInt(5)];
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < ssrcs.length; i++) {
            ssrcs[i] = rnd.nextInt() & 0xFFFFFFFFL;
            list.append(' ').append(ssrcs[i]);
        }
        long bitrate = rnd.nextLong(1, 10_000_000_000L);
        ByteBuf out = bufferWithSlack();
        RtcpWriter.writePli(out, sender, media);
        RtcpWriter.writeFir(out, sender, media, firSeq);
        RtcpWriter.writeRemb(out, sender, bitrate, ssrcs, 0, ssrcs.length);
        List<String> events = parseAll(out, 3).events;
        assertThat(events.subList(0, 2)).containsExactly("PLI " + sender + " " + media,
                "FIR " + sender + " " + media + " " + firSeq);
        String[] remb = events.get(2).split(" ", 4);
        long parsed = Long.parseLong(remb[2]);
        // 18-bit mantissa, rounded down: within one part in 2^17 of the original.
        assertThat(parsed).isLessThanOrEqualTo(bitrate).isGreaterThan(bitrate - (bitrate >> 17) - 1);
        assertThat(events.get(2)).isEqualTo("REMB " + sender + " " + parsed + list);
    }
}
