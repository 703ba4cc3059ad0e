package dev.plenum.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Arbitrary bytes never make the RTP accessors throw or read past the packet: the packet is handed over as a
 * slice that ends exactly where it does, so any read beyond it throws IndexOutOfBoundsException.
 */
class RtpFuzzTest {

    private static final int LEAD = 3;

    @FuzzTest(maxDuration = "30s")
    void accessorsStayInsideThePacket(byte[] data) {
        exercise(data);
    }

    /** The same property on seeded random packets biased towards valid headers, for runs without Jazzer. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void randomPacketsStayInsideThePacket(long seed) {
        Random rnd = new Random(seed);
        for (int i = 0; i < 5_000; i++) {
            byte[] data = new byte[rnd.nextInt(64)];
            rnd.nextBytes(data);
            if (data.length > 0 && rnd.nextInt(4) != 0) {
                data[0] = (byte) (0x80 | (data[0] & 0x3F)); // version 2
            }
            if (data.length > 15 && rnd.nextBoolean()) {
                data[12] = (byte) (rnd.nextBoolean() ? 0xBE : 0x10);
                data[13] = (byte) (data[12] == (byte) 0xBE ? 0xDE : 0x00);
                data[14] = 0;
                data[15] = (byte) rnd.nextInt(6);
                data[0] = (byte) (0x90 | (data[0] & 0x20));
            }
            exercise(data);
        }
    }

    static void exercise(byte[] data) {
        ByteBuf backing = Unpooled.buffer(LEAD + data.length + 4);
        backing.writeBytes(new byte[] {0x5A, 0x5A, 0x5A});
        backing.writeBytes(data);
        backing.writeInt(0xA5A5A5A5);
        ByteBuf view = backing.slice(0, LEAD + data.length); // ends exactly at the packet's end
        int len = data.length;
        boolean valid = RtpHeader.isValid(view, LEAD, len);
        int headerLength = RtpHeader.headerLength(view, LEAD, len);
        if (!valid) {
            return;
        }
        assertThat(headerLength).isBetween(RtpHeader.FIXED_HEADER_LENGTH, len);
        RtpHeader.version(view, LEAD);
        RtpHeader.marker(view, LEAD);
        RtpHeader.payloadType(view, LEAD);
        RtpHeader.sequenceNumber(view, LEAD);
        RtpHeader.timestamp(view, LEAD);
        RtpHeader.ssrc(view, LEAD);
        for (int i = 0; i < RtpHeader.csrcCount(view, LEAD); i++) {
            RtpHeader.csrc(view, LEAD, i);
        }
        int payloadOffset = RtpHeader.payloadOffset(view, LEAD, len);
        int payloadLength = RtpHeader.payloadLength(view, LEAD, len);
        assertThat(payloadLength).isBetween(0, len - headerLength);
        assertThat(payloadOffset + payloadLength).isLessThanOrEqualTo(LEAD + len);
        for (int id = 0; id <= 256; id++) {
            long found = RtpExtensions.find(view, LEAD, len, id);
            if (found != RtpExtensions.NOT_FOUND) {
                assertThat(RtpExtensions.valueOffset(found)).isGreaterThanOrEqualTo(LEAD + 16);
                assertThat(RtpExtensions.valueOffset(found) + RtpExtensions.valueLength(found))
                        .isLessThanOrEqualTo(LEAD + headerLength);
            }
        }
        RtpExtensions.transportSequenceNumber(view, LEAD, len, 3);
        RtpExtensions.absSendTime(view, LEAD, len, 2);
        RtpExtensions.audioLevelByte(view, LEAD, len, 1);
        RtpExtensions.setAbsSendTime(view, LEAD, len, 2, 0x123456);
        RtpExtensions.setTransportSequenceNumber(view, LEAD, len, 3, 7);
        RtpExtensions.rewriteValue(view, LEAD, len, 4, new byte[] {'m'}, 0, 1);
        assertThat(RtpHeader.isValid(view, LEAD, len)).as("rewrites keep the packet valid").isTrue();
        Vp8Descriptor.length(view, payloadOffset, payloadLength);
        Vp8Descriptor.isKeyframe(view, payloadOffset, payloadLength);
        Vp8Descriptor.pictureId(view, payloadOffset, payloadLength);
        Vp8Descriptor.setPictureId(view, payloadOffset, payloadLength, 1234);
        Vp8Descriptor.tl0PicIdx(view, payloadOffset, payloadLength);
        Vp8Descriptor.setTl0PicIdx(view, payloadOffset, payloadLength, 9);
        Vp8Descriptor.temporalLayer(view, payloadOffset, payloadLength);
        assertThat(backing.getInt(LEAD + len)).as("guard after the packet untouched").isEqualTo(0xA5A5A5A5);
        assertThat(backing.getByte(LEAD - 1)).as("guard before the packet untouched").isEqualTo((byte) 0x5A);
    }
}
