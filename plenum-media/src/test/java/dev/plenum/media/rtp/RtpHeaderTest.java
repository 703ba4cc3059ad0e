package dev.plenum.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** RFC 3550 §5.1 fixed header, read and rewritten in place at a non-zero offset. */
class RtpHeaderTest {

    /** V=2 P=0 X=0 CC=2, M=1 PT=111, seq 0xABCD, ts 0x01020304, SSRC 0xDEADBEEF, two CSRCs, payload "hi". */
    private static final byte[] PACKET = bytes(
            0x82, 0xEF, 0xAB, 0xCD, 0x01, 0x02, 0x03, 0x04, 0xDE, 0xAD, 0xBE, 0xEF,
            0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 'h', 'i');

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static ByteBuf at(int offset, byte[] packet) {
        ByteBuf buf = Unpooled.buffer(offset + packet.length + 8);
        buf.writeZero(offset);
        buf.writeBytes(packet);
        buf.writeZero(8);
        return buf;
    }

    @Test
    void readsEveryFixedField() {
        ByteBuf buf = at(5, PACKET);
        int len = PACKET.length;
        assertThat(RtpHeader.isValid(buf, 5, len)).isTrue();
        assertThat(RtpHeader.version(buf, 5)).isEqualTo(2);
        assertThat(RtpHeader.hasPadding(buf, 5)).isFalse();
        assertThat(RtpHeader.hasExtension(buf, 5)).isFalse();
        assertThat(RtpHeader.csrcCount(buf, 5)).isEqualTo(2);
        assertThat(RtpHeader.marker(buf, 5)).isTrue();
        assertThat(RtpHeader.payloadType(buf, 5)).isEqualTo(111);
        assertThat(RtpHeader.sequenceNumber(buf, 5)).isEqualTo(0xABCD);
        assertThat(RtpHeader.timestamp(buf, 5)).isEqualTo(0x01020304L);
        assertThat(RtpHeader.ssrc(buf, 5)).isEqualTo(0xDEADBEEFL);
        assertThat(RtpHeader.csrc(buf, 5, 1)).isEqualTo(2);
        assertThat(RtpHeader.headerLength(buf, 5, len)).isEqualTo(20);
        assertThat(RtpHeader.payloadOffset(buf, 5, len)).isEqualTo(25);
        assertThat(RtpHeader.payloadLength(buf, 5, len)).isEqualTo(2);
    }

    @Test
    void settersRewriteInPlaceAndKeepNeighbours() {
        ByteBuf buf = at(3, PACKET);
        RtpHeader.setSsrc(buf, 3, 0x11223344L);
        RtpHeader.setSequenceNumber(buf, 3, 0xFFFF);
        RtpHeader.setTimestamp(buf, 3, 0xFFFFFFFEL);
        RtpHeader.setPayloadType(buf, 3, 96);
        assertThat(RtpHeader.ssrc(buf, 3)).isEqualTo(0x11223344L);
        assertThat(RtpHeader.sequenceNumber(buf, 3)).isEqualTo(0xFFFF);
        assertThat(RtpHeader.timestamp(buf, 3)).isEqualTo(0xFFFFFFFEL);
        assertThat(RtpHeader.payloadType(buf, 3)).isEqualTo(96);
        assertThat(RtpHeader.marker(buf, 3)).as("marker kept").isTrue();
        assertThat(RtpHeader.csrcCount(buf, 3)).isEqualTo(2);
        RtpHeader.setMarker(buf, 3, false);
        assertThat(RtpHeader.marker(buf, 3)).isFalse();
        assertThat(RtpHeader.payloadType(buf, 3)).isEqualTo(96);
        assertThat(buf.getByte(2)).isZero();
    }

    @Test
    void paddingIsExcludedFromThePayload() {
        byte[] p = bytes(0xA0, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 'x', 'y', 0, 0, 3);
        ByteBuf buf = at(0, p);
        assertThat(RtpHeader.isValid(buf, 0, p.length)).isTrue();
        assertThat(RtpHeader.paddingLength(buf, 0, p.length)).isEqualTo(3);
        assertThat(RtpHeader.payloadLength(buf, 0, p.length)).isEqualTo(2);
    }

    @Test
    void rejectsMalformedPackets() {
        // Wrong version.
        assertThat(RtpHeader.isValid(at(0, bytes(0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), 0, 12)).isFalse();
        // Too short.
        assertThat(RtpHeader.isValid(at(0, bytes(0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), 0, 11)).isFalse();
        // CSRC list beyond the length.
        assertThat(RtpHeader.isValid(at(0, bytes(0x81, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), 0, 12)).isFalse();
        // Padding count 0.
        assertThat(RtpHeader.isValid(at(0, bytes(0xA0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)), 0, 13)).isFalse();
        // Padding count reaching into the header.
        assertThat(RtpHeader.isValid(at(0, bytes(0xA0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2)), 0, 13)).isFalse();
        // Padding exactly the whole payload is fine.
        assertThat(RtpHeader.isValid(at(0, bytes(0xA0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1)), 0, 13)).isTrue();
        // Extension header present but its data runs past the length.
        byte[] ext = bytes(0x90, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xBE, 0xDE, 0, 1);
        assertThat(RtpHeader.isValid(at(0, ext), 0, ext.length)).isFalse();
        assertThat(RtpHeader.headerLength(at(0, ext), 0, ext.length)).isEqualTo(-1);
        // The given length runs past the buffer.
        assertThat(RtpHeader.isValid(Unpooled.wrappedBuffer(PACKET), 1, PACKET.length)).isFalse();
    }
}
