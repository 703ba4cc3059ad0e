package dev.plenum.loadtest.payload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.media.rtp.Vp8Descriptor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The synthetic payloads read back as what they claim, by the SFU's own parsers and by the load tester. */
class FramingTest {

    @ParameterizedTest
    @CsvSource({"true,true", "true,false", "false,true", "false,false"})
    void vp8PayloadsCarryAValidDescriptorAndTheirStamp(boolean start, boolean key) {
        ByteBuf b = Unpooled.buffer();
        long stamp = 0x0123_4567_89AB_CDEFL;
        Vp8Framing.write(b, 1000, start, key, 0x1234, 77, 9000, 640, 360, stamp);
        assertThat(b.readableBytes()).isEqualTo(1000);
        assertThat(Vp8Descriptor.length(b, 0, 1000)).isEqualTo(Vp8Framing.DESCRIPTOR_LENGTH);
        assertThat(Vp8Descriptor.isStartOfPartition(b, 0, 1000)).isEqualTo(start);
        assertThat(Vp8Descriptor.pictureId(b, 0, 1000)).isEqualTo(0x1234);
        assertThat(Vp8Descriptor.pictureIdBits(b, 0, 1000)).isEqualTo(15);
        assertThat(Vp8Descriptor.tl0PicIdx(b, 0, 1000)).isEqualTo(77);
        assertThat(Vp8Descriptor.temporalLayer(b, 0, 1000)).isZero();
        assertThat(Vp8Descriptor.isKeyframe(b, 0, 1000)).isEqualTo(start && key);
        assertThat(Vp8Framing.readStamp(b, 0, 1000)).isEqualTo(stamp);
    }

    @Test
    void aKeyFrameHeaderHasTheStartCodeAndSize() {
        ByteBuf b = Unpooled.buffer();
        Vp8Framing.write(b, 500, true, true, 1, 0, 5000, 640, 360, 42);
        int h = Vp8Framing.DESCRIPTOR_LENGTH;
        int tag = b.getUnsignedByte(h) | b.getUnsignedByte(h + 1) << 8 | b.getUnsignedByte(h + 2) << 16;
        assertThat(tag & 1).isZero();                 // key frame
        assertThat((tag >>> 4) & 1).isEqualTo(1);     // show_frame
        assertThat(tag >>> 5).isEqualTo(5000 - Vp8Framing.KEY_HEADER_LENGTH);
        assertThat(new int[] {b.getUnsignedByte(h + 3), b.getUnsignedByte(h + 4), b.getUnsignedByte(h + 5)})
                .containsExactly(0x9d, 0x01, 0x2a);
        assertThat(b.getUnsignedShortLE(h + 6)).isEqualTo(640);
        assertThat(b.getUnsignedShortLE(h + 8)).isEqualTo(360);
    }

    @Test
    void aTruncatedVp8PayloadHasNoStamp() {
        ByteBuf b = Unpooled.buffer();
        Vp8Framing.write(b, 100, true, false, 1, 0, 100, 640, 360, 42);
        assertThat(Vp8Framing.readStamp(b, 0, 12)).isEqualTo(Long.MIN_VALUE);
        assertThat(Vp8Framing.readStamp(b, 0, 0)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void opusPayloadsStartWithATocByteThenTheStamp() {
        ByteBuf b = Unpooled.buffer();
        OpusFraming.write(b, 100, -5L);
        assertThat(b.readableBytes()).isEqualTo(100);
        int toc = b.getUnsignedByte(0);
        assertThat(toc >>> 3).isEqualTo(15);  // hybrid, full band, 20 ms (RFC 6716 §3.1)
        assertThat(toc & 3).isZero();         // one frame
        assertThat(OpusFraming.readStamp(b, 0, 100)).isEqualTo(-5L);
        assertThat(OpusFraming.readStamp(b, 0, 8)).isEqualTo(Long.MIN_VALUE);
        b.setByte(0, 0xF8);
        assertThat(OpusFraming.readStamp(b, 0, 100)).isEqualTo(Long.MIN_VALUE);
    }
}
