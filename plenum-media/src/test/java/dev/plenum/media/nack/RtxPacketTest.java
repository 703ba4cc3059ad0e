package dev.plenum.media.nack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.media.rtp.RtpHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The RTX payload format (RFC 4588 §4): wrapping and unwrapping are exact inverses, whatever the header holds. */
class RtxPacketTest {
    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    /** A random valid RTP packet at offset {@code headroom}: CSRCs, a one-byte extension block, padding, marker. */
    private static ByteBuf randomPacket(Random random, int headroom) {
        ByteBuf p = Unpooled.directBuffer(2048);
        p.writerIndex(headroom).readerIndex(headroom);
        int csrcs = random.nextInt(4);
        boolean extension = random.nextBoolean();
        int padding = random.nextInt(4) == 0 ? 1 + random.nextInt(20) : 0;
        p.writeByte(0x80 | (padding > 0 ? 0x20 : 0) | (extension ? 0x10 : 0) | csrcs);
        p.writeByte((random.nextBoolean() ? 0x80 : 0) | 96);
        p.writeShort(random.nextInt(0x10000));
        p.writeInt(random.nextInt());
        p.writeInt(random.nextInt());
        for (int i = 0; i < csrcs; i++) p.writeInt(random.nextInt());
        if (extension) {
            int words = 1 + random.nextInt(4);
            p.writeShort(0xBEDE).writeShort(words);
            for (int i = 0; i < words * 4; i++) p.writeByte(random.nextInt(256));
        }
        int payload = 2 + random.nextInt(1200);
        for (int i = 0; i < payload; i++) p.writeByte(random.nextInt(256));
        if (padding > 0) {
            for (int i = 1; i < padding; i++) p.writeByte(0);
            p.writeByte(padding);
        }
        return p;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void unwrappingTheRetransmissionRestoresTheOriginal(long seed) {
        Random random = new Random(seed);
        ByteBuf packet = randomPacket(random, 2 + random.nextInt(64));
        byte[] original = ByteBufUtil.getBytes(packet);
        int off = packet.readerIndex();
        int osn = RtpHeader.sequenceNumber(packet, off);
        long ssrc = RtpHeader.ssrc(packet, off);
        boolean marker = RtpHeader.marker(packet, off);
        long rtxSsrc = random.nextLong(0x1_0000_0000L);
        int rtxSequence = random.nextInt(0x10000);

        assertThat(RtxPacket.wrap(packet, 97, rtxSsrc, rtxSequence)).isTrue();
        int rtx = packet.readerIndex();
        assertThat(rtx).isEqualTo(off - 2);
        assertThat(packet.readableBytes()).isEqualTo(original.length + 2);
        assertThat(RtpHeader.isValid(packet, rtx, packet.readableBytes())).isTrue();
        assertThat(RtpHeader.payloadType(packet, rtx)).isEqualTo(97);
        assertThat(RtpHeader.marker(packet, rtx)).isEqualTo(marker);
        assertThat(RtpHeader.ssrc(packet, rtx)).isEqualTo(rtxSsrc);
        assertThat(RtpHeader.sequenceNumber(packet, rtx)).isEqualTo(rtxSequence);
        assertThat(RtxPacket.originalSequenceNumber(packet)).isEqualTo(osn);

        assertThat(RtxPacket.unwrap(packet, 96, ssrc)).isTrue();
        assertThat(ByteBufUtil.getBytes(packet)).isEqualTo(original);
        packet.release();
    }

    @Test
    void aPaddingOnlyPacketCarriesNoOriginalSequenceNumber() {
        ByteBuf probe = Unpooled.buffer(64);
        probe.writeByte(0xA0).writeByte(97).writeShort(5).writeInt(0).writeInt(0x55);
        for (int i = 0; i < 15; i++) probe.writeByte(0);
        probe.writeByte(16);
        assertThat(RtxPacket.originalSequenceNumber(probe)).isEqualTo(-1);
        assertThat(RtxPacket.unwrap(probe, 96, 0x44)).isFalse();
        assertThat(probe.readerIndex()).isZero();
    }

    @Test
    void wrappingNeedsTwoOctetsOfHeadroom() {
        ByteBuf packet = randomPacket(new Random(1), 0);
        assertThat(RtxPacket.wrap(packet, 97, 1, 1)).isFalse();
        assertThat(packet.readerIndex()).isZero();
    }
}
