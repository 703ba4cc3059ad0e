package dev.plenum.bench;

import dev.plenum.media.forward.StreamRewriter;
import dev.plenum.media.rtp.RtpExtensions;
import dev.plenum.media.rtp.RtpHeader;
import dev.plenum.media.rtp.Vp8Descriptor;
import dev.plenum.media.sdp.ServerCodecs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading and rewriting one RTP packet as a browser's VP8 sender writes it: a one-byte-header extension block
 * (mid, abs-send-time, transport-wide sequence number, RFC 8285) and a VP8 payload descriptor with a 15-bit
 * PictureID, TL0PICIDX and TID (RFC 7741 §4.2), then 1100 bytes of payload. Both run in place on a pooled direct
 * buffer and should allocate nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Djmh.executor=CUSTOM", "-Djmh.executor.class=dev.plenum.bench.NettyThreadsExecutor",
        "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED", "-Dio.netty.leakDetection.level=disabled"})
public class RtpPathBenchmark {
    private ByteBuf packet;
    private int length;
    private StreamRewriter rewriter;
    private int sequence;

    @Setup
    public void setUp() {
        packet = PooledByteBufAllocator.DEFAULT.directBuffer(1400);
        packet.writeByte(0x90).writeByte(ServerCodecs.VP8_PT).writeShort(1).writeInt(90_000).writeInt(0x5555_AAAA);
        // One-byte extensions: 12 bytes of elements, padded to 3 words.
        packet.writeShort(RtpExtensions.ONE_BYTE_PROFILE).writeShort(3);
        packet.writeByte((ServerCodecs.EXT_MID << 4)).writeByte('1');
        packet.writeByte((ServerCodecs.EXT_ABS_SEND_TIME << 4) | 2).writeMedium(0x123456);
        packet.writeByte((ServerCodecs.EXT_TRANSPORT_CC << 4) | 1).writeShort(77);
        packet.writeZero(3);
        // VP8 descriptor: X S, then I L T, 15-bit PictureID, TL0PICIDX, TID/Y/KEYIDX; then a VP8 keyframe header.
        packet.writeByte(0x90).writeByte(0xE0).writeShort(0x8000 | 1234).writeByte(7).writeByte(0x20);
        packet.writeByte(0x10);
        packet.writeZero(1100);
        length = packet.readableBytes();
        rewriter = new StreamRewriter(0x0BAD_CAFE);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        packet.release();
    }

    /** What the receive path reads of each packet: validity, SSRC, sequence, extensions, VP8 layer and keyframe. */
    @Benchmark
    public long parse() {
        if (!RtpHeader.isValid(packet, 0, length)) return -1;
        long ssrc = RtpHeader.ssrc(packet, 0);
        int seq = RtpHeader.sequenceNumber(packet, 0);
        int twcc = RtpExtensions.transportSequenceNumber(packet, 0, length, ServerCodecs.EXT_TRANSPORT_CC);
        int abs = RtpExtensions.absSendTime(packet, 0, length, ServerCodecs.EXT_ABS_SEND_TIME);
        int payload = RtpHeader.payloadOffset(packet, 0, length);
        int payloadLength = RtpHeader.payloadLength(packet, 0, length);
        int pictureId = Vp8Descriptor.pictureId(packet, payload, payloadLength);
        int tid = Vp8Descriptor.temporalLayer(packet, payload, payloadLength);
        boolean key = Vp8Descriptor.isKeyframe(packet, payload, payloadLength);
        return ssrc ^ seq ^ twcc ^ abs ^ pictureId ^ tid ^ (key ? 1 : 0);
    }

    /** What forwarding writes per subscriber: sequence, timestamp, SSRC, and the transport-wide sequence number. */
    @Benchmark
    public void rewrite() {
        packet.setShort(2, sequence++);
        rewriter.rewrite(packet, 0);
        RtpExtensions.setTransportSequenceNumber(packet, 0, length, ServerCodecs.EXT_TRANSPORT_CC, sequence);
    }
}
