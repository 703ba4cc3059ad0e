package dev.plenum.media.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plenum.media.ice.Rfc4571FrameDecoder.OversizePolicy;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Rfc4571FramingTest {

    private static byte[] frame(byte[] payload) {
        byte[] f = new byte[payload.length + 2];
        f[0] = (byte) (payload.length >>> 8);
        f[1] = (byte) payload.length;
        System.arraycopy(payload, 0, f, 2, payload.length);
        return f;
    }

    private static byte[] payload(int length, int seed) {
        byte[] p = new byte[length];
        new Random(seed).nextBytes(p);
        return p;
    }

    private static List<byte[]> readAll(EmbeddedChannel ch) {
        List<byte[]> frames = new ArrayList<>();
        ByteBuf b;
        while ((b = ch.readInbound()) != null) {
            frames.add(ByteBufUtil.getBytes(b));
            b.release();
        }
        return frames;
    }

    @Test
    void severalFramesInOneRead() {
        EmbeddedChannel ch = new EmbeddedChannel(new Rfc4571FrameDecoder());
        byte[] a = payload(20, 1);
        byte[] b = payload(1200, 2);
        byte[] c = payload(1, 3);
        ByteBuf in = Unpooled.buffer();
        in.writeBytes(frame(a)).writeBytes(frame(b)).writeBytes(frame(c));
        ch.writeInbound(in);
        assertThat(readAll(ch)).containsExactly(a, b, c);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void aFrameSplitAcrossReadsIncludingThroughItsLengthPrefix() {
        EmbeddedChannel ch = new EmbeddedChannel(new Rfc4571FrameDecoder());
        byte[] p = payload(300, 4);
        byte[] f = frame(p);
        ch.writeInbound(Unpooled.wrappedBuffer(f, 0, 1));
        assertThat(readAll(ch)).isEmpty();
        ch.writeInbound(Unpooled.wrappedBuffer(f, 1, 100));
        assertThat(readAll(ch)).isEmpty();
        ch.writeInbound(Unpooled.wrappedBuffer(f, 101, f.length - 101));
        assertThat(readAll(ch)).containsExactly(p);
        assertThat(ch.finish()).isFalse();
    }

    static LongStream seeds() {
        return LongStream.range(0, 50);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void anyChunkingOfAStreamYieldsTheSameFrames(long seed) {
        Random r = new Random(seed);
        List<byte[]> sent = new ArrayList<>();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < 20; i++) {
            byte[] p = payload(1 + r.nextInt(1500), r.nextInt());
            sent.add(p);
            stream.writeBytes(frame(p));
        }
        byte[] bytes = stream.toByteArray();
        EmbeddedChannel ch = new EmbeddedChannel(new Rfc4571FrameDecoder());
        List<byte[]> received = new ArrayList<>();
        for (int at = 0; at < bytes.length; ) {
            int n = Math.min(bytes.length - at, 1 + r.nextInt(r.nextBoolean() ? 5 : 3000));
            ch.writeInbound(Unpooled.wrappedBuffer(bytes, at, n));
            at += n;
            received.addAll(readAll(ch));
        }
        assertThat(received).containsExactlyElementsOf(sent);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void oversizeFramesAreDroppedAndCountedEvenWhenTheyArriveInPieces() {
        Rfc4571FrameDecoder decoder = new Rfc4571FrameDecoder(1500, OversizePolicy.DROP);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        byte[] big = frame(payload(4000, 5));
        byte[] ok = payload(50, 6);
        ch.writeInbound(Unpooled.wrappedBuffer(big, 0, 1000));
        ch.writeInbound(Unpooled.wrappedBuffer(big, 1000, big.length - 1000));
        ch.writeInbound(Unpooled.wrappedBuffer(frame(new byte[0]), frame(ok)));
        assertThat(readAll(ch)).containsExactly(ok);
        assertThat(decoder.droppedFrames()).isEqualTo(2); // the oversize one and the empty one
        assertThat(ch.isOpen()).isTrue();
        ch.finish();
    }

    @Test
    void oversizeFrameClosesTheConnectionWhenSoConfigured() {
        Rfc4571FrameDecoder decoder = new Rfc4571FrameDecoder(1500, OversizePolicy.CLOSE);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        ch.writeInbound(Unpooled.wrappedBuffer(frame(payload(1501, 7))));
        assertThat(readAll(ch)).isEmpty();
        assertThat(ch.isOpen()).isFalse();
        assertThat(decoder.droppedFrames()).isEqualTo(1);
    }

    @Test
    void maximumMustBeAtLeastAnMtu() {
        assertThatThrownBy(() -> new Rfc4571FrameDecoder(1499, OversizePolicy.DROP))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encoderPrefixesTheLengthAndDecoderUndoesIt() {
        EmbeddedChannel out = new EmbeddedChannel(new Rfc4571FrameEncoder());
        byte[] p = payload(1234, 8);
        out.writeOutbound(Unpooled.wrappedBuffer(p));
        ByteBuf wire = Unpooled.buffer();
        ByteBuf part;
        while ((part = out.readOutbound()) != null) {
            wire.writeBytes(part);
            part.release();
        }
        assertThat(ByteBufUtil.getBytes(wire)).isEqualTo(frame(p));

        EmbeddedChannel in = new EmbeddedChannel(new Rfc4571FrameDecoder());
        in.writeInbound(wire);
        assertThat(readAll(in)).containsExactly(p);
    }

    @Test
    void encoderRefusesPacketsLongerThanTheLengthFieldCanSay() {
        EmbeddedChannel out = new EmbeddedChannel(new Rfc4571FrameEncoder());
        assertThatThrownBy(() -> out.writeOutbound(Unpooled.wrappedBuffer(new byte[65536])))
                .isInstanceOf(io.netty.handler.codec.EncoderException.class);
    }
}
