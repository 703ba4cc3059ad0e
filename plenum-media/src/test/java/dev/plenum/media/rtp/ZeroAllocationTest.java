package dev.plenum.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.media.rtcp.ReceiverStatistics;
import dev.plenum.media.rtcp.RtcpListener;
import dev.plenum.media.rtcp.RtcpParser;
import dev.plenum.media.rtcp.RtcpWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The per-packet path allocates nothing: measured with the JVM's per-thread allocation counter over many
 * iterations, so that the few bytes a measurement itself may cost stay far below one byte per packet.
 */
class ZeroAllocationTest {

    private static final int ITERATIONS = 50_000;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static long allocated() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().threadId());
    }

    private static long sink;

    @Test
    void rtpAccessorsAndRewritesAllocateNothing() {
        byte[] p = RtpHeaderTest.bytes(
                0x90, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 9,
                0xBE, 0xDE, 0x00, 0x02, 0x31, 0x12, 0x34, 0x22, 0x12, 0x34, 0x56, 0x00,
                0x90, 0xE0, 0x92, 0x34, 0x56, 0xA0, 0x10, 0x02, 0x00);
        ByteBuf buf = Unpooled.directBuffer(64).writeBytes(p);
        int len = p.length;
        ReceiverStatistics stats = new ReceiverStatistics(9, 90000, System::nanoTime);
        for (int round = 0; round < 2; round++) { // the first round warms up
            long before = allocated();
            for (int i = 0; i < ITERATIONS; i++) {
                if (!RtpHeader.isValid(buf, 0, len)) {
                    throw new AssertionError();
                }
                RtpHeader.setSequenceNumber(buf, 0, RtpHeader.sequenceNumber(buf, 0) + 1);
                RtpHeader.setSsrc(buf, 0, RtpHeader.ssrc(buf, 0) ^ 1);
                RtpHeader.setTimestamp(buf, 0, RtpHeader.timestamp(buf, 0) + 3000);
                RtpExtensions.setTransportSequenceNumber(buf, 0, len, 3, i);
                RtpExtensions.setAbsSendTime(buf, 0, len, 2, RtpExtensions.absSendTimeFromNanos(i * 1000L));
                int payload = RtpHeader.payloadOffset(buf, 0, len);
                int payloadLen = RtpHeader.payloadLength(buf, 0, len);
                Vp8Descriptor.setPictureId(buf, payload, payloadLen, Vp8Descriptor.pictureId(buf, payload, payloadLen) + 1);
                sink += Vp8Descriptor.isKeyframe(buf, payload, payloadLen) ? 1 : 0;
                stats.packetReceived(RtpHeader.sequenceNumber(buf, 0), RtpHeader.timestamp(buf, 0), i * 1_000_000L);
            }
            long bytes = allocated() - before;
            if (round == 1) {
                assertThat(bytes).as("bytes allocated over %d packets", ITERATIONS).isLessThan(ITERATIONS / 10);
            }
        }
    }

    @Test
    void forwardingRewritesAllocateNothing() {
        byte[] p = RtpHeaderTest.bytes(
                0x90, 111, 0, 1, 0, 0, 0, 0, 0, 0, 0, 9,
                0xBE, 0xDE, 0x00, 0x03, 0x10, '0', 0x20, 0x80 | 30, 0x32, 0x12, 0x34, 0x56, 0x41, 0x00, 0x07, 0x00,
                1, 2, 3, 4, 5, 6, 7, 8);
        ByteBuf buf = Unpooled.directBuffer(64).writeBytes(p);
        int len = p.length;
        var extensions = new dev.plenum.media.forward.HeaderExtensionRewriter(
                new dev.plenum.media.forward.ExtensionIds(1, 2, 3, 4),
                new dev.plenum.media.forward.ExtensionIds(1, 2, 3, 4), "7");
        var sequencer = new dev.plenum.media.forward.TransportSequencer();
        var rewriter = new dev.plenum.media.forward.StreamRewriter(0x1234);
        for (int round = 0; round < 2; round++) {
            long before = allocated();
            for (int i = 0; i < ITERATIONS; i++) {
                rewriter.rewrite(buf, 0);
                extensions.rewrite(buf, 0, len);
                sink += sequencer.stamp(buf, 0, len, 4);
                sink += rewriter.outputTimestamp(i) + rewriter.packetsSent() + rewriter.octetsSent();
            }
            long bytes = allocated() - before;
            if (round == 1) {
                assertThat(bytes).as("bytes allocated over %d packets", ITERATIONS).isLessThan(ITERATIONS / 10);
            }
        }
    }

    @Test
    void rtcpParsingAndFeedbackWritingAllocateNothing() {
        ByteBuf out = Unpooled.directBuffer(256);
        int[] lost = {100, 101, 104, 130};
        long[] count = {0};
        RtcpListener listener = new RtcpListener() {
            @Override
            public void nack(long senderSsrc, long mediaSsrc, int sequenceNumber) {
                count[0] += sequenceNumber;
            }

            @Override
            public void pli(long senderSsrc, long mediaSsrc) {
                count[0]++;
            }
        };
        for (int round = 0; round < 2; round++) {
            long before = allocated();
            for (int i = 0; i < ITERATIONS; i++) {
                out.clear();
                RtcpWriter.writeReceiverReportHeader(out, 1, 0);
                RtcpWriter.writeNack(out, 1, 2, lost, 0, lost.length);
                RtcpWriter.writePli(out, 1, 2);
                if (RtcpParser.parse(out, 0, out.writerIndex(), listener) != 3) {
                    throw new AssertionError();
                }
            }
            long bytes = allocated() - before;
            if (round == 1) {
                assertThat(bytes).as("bytes allocated over %d compounds", ITERATIONS).isLessThan(ITERATIONS / 10);
            }
        }
        sink += count[0];
    }
}
