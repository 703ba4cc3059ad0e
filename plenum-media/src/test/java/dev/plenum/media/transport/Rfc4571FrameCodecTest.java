package dev.plenum.media.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 4571 framing on an {@link EmbeddedChannel}: no sockets, every read boundary under the test's control. */
class Rfc4571FrameCodecTest {

    private static final int MAX_FRAME = MediaTransportConfig.DEFAULT_MAX_TCP_FRAME_BYTES;

    private final TransportCounters counters = new TransportCounters();
    private final EmbeddedChannel channel =
            new EmbeddedChannel(new Rfc4571FrameDecoder(MAX_FRAME, 2048, counters), new Rfc4571FrameEncoder());

    private static byte[] framed(byte[]... packets) {
        int total = 0;
        for (byte[] p : packets) {
            total += 2 + p.length;
        }
        ByteBuf out = Unpooled.buffer(total);
        for (byte[] p : packets) {
            out.writeShort(p.length).writeBytes(p);
        }
        return out.array();
    }

    private static byte[] payload(int length, int seed) {
        byte[] p = new byte[length];
        new Random(seed).nextBytes(p);
        return p;
    }

    private List<byte[]> readFrames() {
        List<byte[]> frames = new ArrayList<>();
        ByteBuf frame;
        while ((frame = channel.readInbound()) != null) {
            try {
                byte[] bytes = new byte[frame.readableBytes()];
                frame.readBytes(bytes);
                frames.add(bytes);
            } finally {
                frame.release();
            }
        }
        return frames;
    }

    @Test
    void decodesOneFrame() {
        byte[] rtp = TestPackets.rtp();

        channel.writeInbound(Unpooled.wrappedBuffer(framed(rtp)));

        assertThat(readFrames()).containsExactly(rtp);
    }

    @Test
    void decodesSeveralFramesFromOneRead() {
        byte[] a = payload(100, 1);
        byte[] b = payload(1, 2);
        byte[] c = payload(MAX_FRAME, 3);

        channel.writeInbound(Unpooled.wrappedBuffer(framed(a, b, c)));

        assertThat(readFrames()).containsExactly(a, b, c);
    }

    @Test
    void decodesFramesDeliveredOneByteAtATime() {
        byte[] a = payload(300, 4);
        byte[] b = payload(20, 5);
        byte[] wire = framed(a, b);

        for (byte x : wire) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {x}));
        }

        assertThat(readFrames()).containsExactly(a, b);
    }

    /** Seeded random payloads cut at random read boundaries always come out whole and in order. */
    @ParameterizedTest
    @ValueSource(longs = {7, 11, 13, 1234, 99999})
    void decodesFramesSplitAtRandomBoundaries(long seed) {
        Random random = new Random(seed);
        byte[][] packets = new byte[50][];
        for (int i = 0; i < packets.length; i++) {
            packets[i] = new byte[1 + random.nextInt(MAX_FRAME)];
            random.nextBytes(packets[i]);
        }
        byte[] wire = framed(packets);

        for (int at = 0; at < wire.length; ) {
            int n = Math.min(wire.length - at, 1 + random.nextInt(3000));
            channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(wire, at, at + n)));
            at += n;
        }

        assertThat(readFrames()).containsExactly(packets);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void framesGetTheirOwnBufferWithTailroom() {
        channel.writeInbound(Unpooled.wrappedBuffer(framed(TestPackets.rtp())));
        ByteBuf frame = channel.readInbound();
        try {
            assertThat(frame.capacity()).isGreaterThanOrEqualTo(2048);
            assertThat(frame.refCnt()).isEqualTo(1);
            assertThat(frame.isDirect()).isTrue();
        } finally {
            frame.release();
        }
    }

    @Test
    void oversizeFrameClosesTheConnectionAndIsCounted() {
        byte[] wire = {(byte) ((MAX_FRAME + 1) >> 8), (byte) (MAX_FRAME + 1), 1, 2, 3};

        channel.writeInbound(Unpooled.wrappedBuffer(wire));

        assertThat(channel.isOpen()).isFalse();
        assertThat(counters.droppedCount(DropReason.OVERSIZE)).isEqualTo(1);
        assertThat(readFrames()).isEmpty();
    }

    @Test
    void maximumFrameIsAccepted() {
        byte[] p = payload(MAX_FRAME, 8);

        channel.writeInbound(Unpooled.wrappedBuffer(framed(p)));

        assertThat(readFrames()).containsExactly(p);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void zeroLengthFrameIsSkippedAndCounted() {
        byte[] rtp = TestPackets.rtp();

        channel.writeInbound(Unpooled.wrappedBuffer(framed(new byte[0], rtp)));

        assertThat(readFrames()).containsExactly(rtp);
        assertThat(counters.droppedCount(DropReason.MALFORMED)).isEqualTo(1);
    }

    @Test
    void encoderPrefixesTheLengthInAHeaderBufferWhenThereIsNoHeadroom() {
        byte[] rtp = TestPackets.rtp();

        channel.writeOutbound(Unpooled.wrappedBuffer(rtp));

        assertThat(outboundBytes()).isEqualTo(framed(rtp));
    }

    @Test
    void encoderWritesTheLengthInPlaceWhenThereIsHeadroom() {
        byte[] rtp = TestPackets.rtp();
        ByteBuf packet = Unpooled.buffer(64);
        packet.writerIndex(8).readerIndex(8);
        packet.writeBytes(rtp);

        channel.writeOutbound(packet);

        ByteBuf written = channel.readOutbound();
        assertThat(written).as("the same buffer, no header buffer").isSameAs(packet);
        byte[] bytes = new byte[written.readableBytes()];
        written.readBytes(bytes);
        written.release();
        assertThat(bytes).isEqualTo(framed(rtp));
        assertThat(channel.outboundMessages()).isEmpty();
    }

    @Test
    void encoderAndDecoderRoundTrip() {
        byte[] a = payload(1200, 9);
        byte[] b = payload(13, 10);
        channel.writeOutbound(Unpooled.wrappedBuffer(a), Unpooled.wrappedBuffer(b));

        channel.writeInbound(Unpooled.wrappedBuffer(outboundBytes()));

        assertThat(readFrames()).containsExactly(a, b);
    }

    @Test
    void encoderRefusesPacketsRfc4571CannotFrame() {
        ByteBuf huge = Unpooled.buffer(70000).writeZero(70000);

        var future = channel.writeOneOutbound(huge);
        channel.flushOutbound();

        assertThat(future.isSuccess()).isFalse();
        assertThat(huge.refCnt()).isZero();
    }

    private byte[] outboundBytes() {
        ByteBuf all = Unpooled.buffer();
        ByteBuf part;
        while ((part = channel.readOutbound()) != null) {
            all.writeBytes(part);
            part.release();
        }
        return Arrays.copyOf(all.array(), all.writerIndex());
    }
}
