package dev.plenum.media.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.media.rtp.RtpExtensions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** One transport-wide sequence per subscriber transport, across all the streams forwarded to it. */
class TransportSequencerTest {
    private static final int ID = 4;

    private static ByteBuf packet(long ssrc, int publishersNumber, boolean withSlot) {
        ByteBuf p = Unpooled.buffer(64);
        p.writeByte(withSlot ? 0x90 : 0x80).writeByte(96).writeShort(1).writeInt(0).writeInt((int) ssrc);
        if (withSlot) p.writeShort(RtpExtensions.ONE_BYTE_PROFILE).writeShort(1).writeByte((ID << 4) | 1)
                .writeShort(publishersNumber).writeByte(0);
        return p.writeZero(20);
    }

    private static int number(ByteBuf p) {
        return RtpExtensions.transportSequenceNumber(p, 0, p.readableBytes(), ID);
    }

    @Test
    void packetsOfSeveralStreamsShareOneIncreasingSequenceInTheOrderTheyLeave() {
        TransportSequencer sequencer = new TransportSequencer();
        ByteBuf[] sent = {packet(0xA, 900, true), packet(0xB, 5, true), packet(0xA, 901, true), packet(0xC, 77, true)};
        for (ByteBuf p : sent) sequencer.stamp(p, 0, p.readableBytes(), ID);
        assertThat(sent).extracting(TransportSequencerTest::number).containsExactly(0, 1, 2, 3);
    }

    @Test
    void aPacketWithoutTheSlotOrALegWithoutTheExtensionTakesNoNumber() {
        TransportSequencer sequencer = new TransportSequencer();
        ByteBuf bare = packet(0xA, 0, false);
        ByteBuf copy = bare.copy();
        assertThat(sequencer.stamp(bare, 0, bare.readableBytes(), ID)).isEqualTo(-1);
        assertThat(bare).isEqualTo(copy);
        ByteBuf notNegotiated = packet(0xA, 42, true);
        assertThat(sequencer.stamp(notNegotiated, 0, notNegotiated.readableBytes(), 0)).isEqualTo(-1);
        ByteBuf next = packet(0xA, 43, true);
        assertThat(sequencer.stamp(next, 0, next.readableBytes(), ID)).isZero();
    }

    @Test
    void theSequenceWrapsAfter65535() {
        TransportSequencer sequencer = new TransportSequencer();
        ByteBuf p = packet(0xA, 0, true);
        for (int i = 0; i < 65_536; i++) sequencer.stamp(p, 0, p.readableBytes(), ID);
        assertThat(number(p)).isEqualTo(65_535);
        sequencer.stamp(p, 0, p.readableBytes(), ID);
        assertThat(number(p)).isZero();
    }
}
