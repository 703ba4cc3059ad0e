package dev.plenum.media.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FanoutTest {
    @Test
    void eachSubscriberGetsItsOwnRewrittenCopyWithRoomForTheTagAndTheSourceIsReleased() {
        Fanout fanout = new Fanout(ByteBufAllocator.DEFAULT);
        List<ByteBuf> toA = new ArrayList<>();
        List<ByteBuf> toB = new ArrayList<>();
        Subscriber a = toA::add;
        Subscriber b = toB::add;
        fanout.subscribe(a, new StreamRewriter(0xA));
        fanout.subscribe(b, new StreamRewriter(0xB));

        ByteBuf source = Unpooled.directBuffer(200);
        source.writeByte(0x80).writeByte(111).writeShort(7).writeInt(960).writeInt(0x5555).writeBytes(new byte[100]);
        fanout.forward(source);

        assertThat(source.refCnt()).isZero();
        assertThat(toA).singleElement().satisfies(p -> {
            assertThat(p.readableBytes()).isEqualTo(112);
            assertThat(p.getInt(p.readerIndex() + 8)).isEqualTo(0xA);
            assertThat(p.writableBytes()).isGreaterThanOrEqualTo(16);
        });
        assertThat(toB.getFirst().getInt(toB.getFirst().readerIndex() + 8)).isEqualTo(0xB);
        toA.forEach(ByteBuf::release);
        toB.forEach(ByteBuf::release);

        fanout.unsubscribe(a);
        assertThat(fanout.subscriberCount()).isEqualTo(1);
    }

    @Test
    void aPausedSubscriberIsSkippedUntilItResumes() {
        Fanout fanout = new Fanout(ByteBufAllocator.DEFAULT);
        List<ByteBuf> received = new ArrayList<>();
        boolean[] paused = {true};
        Subscriber audioOnly = new Subscriber() {
            @Override public void send(ByteBuf packet) {
                received.add(packet);
            }

            @Override public boolean paused() {
                return paused[0];
            }
        };
        fanout.subscribe(audioOnly, new StreamRewriter(0xC));

        ByteBuf first = Unpooled.directBuffer(64).writeByte(0x80).writeByte(96).writeShort(1).writeInt(0).writeInt(7);
        fanout.forward(first);
        assertThat(first.refCnt()).isZero();
        assertThat(received).isEmpty();

        paused[0] = false;
        fanout.forward(Unpooled.directBuffer(64).writeByte(0x80).writeByte(96).writeShort(2).writeInt(0).writeInt(7));
        assertThat(received).hasSize(1);
        received.forEach(ByteBuf::release);
    }
}
