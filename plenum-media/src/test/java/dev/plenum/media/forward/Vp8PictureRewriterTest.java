package dev.plenum.media.forward;

import static dev.plenum.media.rtp.Vp8Packets.vp8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.media.rtp.Vp8Descriptor;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

class Vp8PictureRewriterTest {
    private static final int PAYLOAD = 12;

    private static int rewrite(Vp8PictureRewriter r, ByteBuf packet) {
        return r.rewrite(packet, PAYLOAD, packet.readableBytes() - PAYLOAD);
    }

    private static int pictureId(ByteBuf packet) {
        return Vp8Descriptor.pictureId(packet, PAYLOAD, packet.readableBytes() - PAYLOAD);
    }

    private static int tl0PicIdx(ByteBuf packet) {
        return Vp8Descriptor.tl0PicIdx(packet, PAYLOAD, packet.readableBytes() - PAYLOAD);
    }

    @Test
    void theFirstLayerKeepsItsNumbers() {
        Vp8PictureRewriter r = new Vp8PictureRewriter();
        ByteBuf p = vp8(1, 0, 1, true, true, 4321, 17, true);
        rewrite(r, p);
        assertThat(pictureId(p)).isEqualTo(4321);
        assertThat(tl0PicIdx(p)).isEqualTo(17);
    }

    @Test
    void anotherLayerContinuesAfterTheLastPictureAcrossTheWrap() {
        Vp8PictureRewriter r = new Vp8PictureRewriter();
        rewrite(r, vp8(1, 0, 1, true, true, 0x7FFF, 255, true));
        r.rebaseOnNextPacket();
        ByteBuf p = vp8(2, 0, 2, true, true, 10, 3, true);
        rewrite(r, p);
        assertThat(pictureId(p)).isEqualTo(0);
        assertThat(tl0PicIdx(p)).isEqualTo(0);
    }

    @Test
    void aRetransmissionGetsTheNumbersOfItsOriginalsEpoch() {
        Vp8PictureRewriter r = new Vp8PictureRewriter();
        int firstEpoch = rewrite(r, vp8(1, 0, 1, true, true, 100, 1, true));
        r.rebaseOnNextPacket();
        int secondEpoch = rewrite(r, vp8(2, 0, 2, true, true, 5000, 50, true));
        assertThat(secondEpoch).isNotEqualTo(firstEpoch);

        ByteBuf resentFromFirst = vp8(1, 0, 1, true, true, 100, 1, true);
        r.rewriteAgain(resentFromFirst, PAYLOAD, resentFromFirst.readableBytes() - PAYLOAD, firstEpoch);
        assertThat(pictureId(resentFromFirst)).isEqualTo(100);
        ByteBuf resentFromSecond = vp8(2, 0, 2, true, true, 5000, 50, true);
        r.rewriteAgain(resentFromSecond, PAYLOAD, resentFromSecond.readableBytes() - PAYLOAD, secondEpoch);
        assertThat(pictureId(resentFromSecond)).isEqualTo(101);
        assertThat(tl0PicIdx(resentFromSecond)).isEqualTo(2);
    }
}
