package dev.plenum.media.rtp;

import static dev.plenum.media.rtp.RtpHeaderTest.at;
import static dev.plenum.media.rtp.RtpHeaderTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

/** RFC 7741 §4.2 payload descriptor and the key frame test of §4.3. */
class Vp8DescriptorTest {

    @Test
    void fifteenBitPictureIdTl0PicIdxAndKeyframe() {
        // X=1 S=1 PID=0; I L T set; M=1 picture id 0x1234; TL0PICIDX 0x56; TID=2 Y=1 KEYIDX=0; VP8 header P=0.
        byte[] p = bytes(0x90, 0xE0, 0x80 | 0x12, 0x34, 0x56, 0xA0, 0x10, 0x02, 0x00);
        ByteBuf buf = at(4, p);
        assertThat(Vp8Descriptor.length(buf, 4, p.length)).isEqualTo(6);
        assertThat(Vp8Descriptor.pictureIdBits(buf, 4, p.length)).isEqualTo(15);
        assertThat(Vp8Descriptor.pictureId(buf, 4, p.length)).isEqualTo(0x1234);
        assertThat(Vp8Descriptor.tl0PicIdx(buf, 4, p.length)).isEqualTo(0x56);
        assertThat(Vp8Descriptor.temporalLayer(buf, 4, p.length)).isEqualTo(2);
        assertThat(Vp8Descriptor.isKeyframe(buf, 4, p.length)).isTrue();

        assertThat(Vp8Descriptor.setPictureId(buf, 4, p.length, 0x8001)).isTrue();
        assertThat(Vp8Descriptor.pictureId(buf, 4, p.length)).as("wraps at 2^15").isEqualTo(1);
        assertThat(Vp8Descriptor.setTl0PicIdx(buf, 4, p.length, 0x1FF)).isTrue();
        assertThat(Vp8Descriptor.tl0PicIdx(buf, 4, p.length)).isEqualTo(0xFF);
        assertThat(Vp8Descriptor.pictureIdBits(buf, 4, p.length)).isEqualTo(15);
        assertThat(Vp8Descriptor.temporalLayer(buf, 4, p.length)).isEqualTo(2);
    }

    @Test
    void sevenBitPictureIdAndDeltaFrame() {
        byte[] p = bytes(0x90, 0x80, 0x7F, 0x01); // P=1: an inter frame
        ByteBuf buf = at(0, p);
        assertThat(Vp8Descriptor.pictureIdBits(buf, 0, p.length)).isEqualTo(7);
        assertThat(Vp8Descriptor.pictureId(buf, 0, p.length)).isEqualTo(0x7F);
        assertThat(Vp8Descriptor.tl0PicIdx(buf, 0, p.length)).isEqualTo(-1);
        assertThat(Vp8Descriptor.isKeyframe(buf, 0, p.length)).isFalse();
        Vp8Descriptor.setPictureId(buf, 0, p.length, 0x80);
        assertThat(Vp8Descriptor.pictureId(buf, 0, p.length)).isZero();
    }

    @Test
    void notAKeyframeUnlessStartOfPartitionZero() {
        assertThat(Vp8Descriptor.isKeyframe(at(0, bytes(0x10, 0x00)), 0, 2)).isTrue();
        assertThat(Vp8Descriptor.isKeyframe(at(0, bytes(0x00, 0x00)), 0, 2)).as("S=0").isFalse();
        assertThat(Vp8Descriptor.isKeyframe(at(0, bytes(0x11, 0x00)), 0, 2)).as("PID=1").isFalse();
        assertThat(Vp8Descriptor.isKeyframe(at(0, bytes(0x10)), 0, 1)).as("no VP8 header").isFalse();
    }

    @Test
    void truncatedDescriptorReadsNothing() {
        ByteBuf buf = at(0, bytes(0x90, 0xC0, 0x80));
        assertThat(Vp8Descriptor.length(buf, 0, 3)).isEqualTo(-1);
        assertThat(Vp8Descriptor.pictureId(buf, 0, 3)).isEqualTo(-1);
        assertThat(Vp8Descriptor.setPictureId(buf, 0, 3, 5)).isFalse();
        assertThat(Vp8Descriptor.tl0PicIdx(buf, 0, 3)).isEqualTo(-1);
    }

    @Test
    void aKeyFramesFirstPacketTellsThePictureSize() {
        ByteBuf key = Vp8Packets.vp8(1, 0, 1, true, true, 1, 0, true);
        int payload = 12;
        int len = key.readableBytes() - payload;
        assertThat(Vp8Descriptor.keyframeWidth(key, payload, len)).isEqualTo(640);
        assertThat(Vp8Descriptor.keyframeHeight(key, payload, len)).isEqualTo(360);
        ByteBuf delta = Vp8Packets.vp8(2, 0, 1, true, false, 2, 0, true);
        assertThat(Vp8Descriptor.keyframeWidth(delta, payload, delta.readableBytes() - payload)).isEqualTo(-1);
        assertThat(Vp8Descriptor.keyframeHeight(key, payload, 12)).as("cut short").isEqualTo(-1);
    }
}
