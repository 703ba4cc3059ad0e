package dev.plenum.media.rtp;

import static dev.plenum.media.rtp.RtpHeaderTest.at;
import static dev.plenum.media.rtp.RtpHeaderTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 8285 one-byte and two-byte header extensions, and the values the SFU reads and rewrites. */
class RtpExtensionsTest {

    private static final int OFF = 7;

    /**
     * One-byte form: id 1 = audio level (V=1, 42 dBov), padding byte, id 3 = transport-wide seq 0x1234,
     * id 4 = mid "ab", id 2 = abs-send-time 0x123456, 3 bytes of padding; 16 bytes = 4 words.
     */
    private static final byte[] ONE_BYTE = bytes(
            0x90, 111, 0, 1, 0, 0, 0, 0, 0, 0, 0, 9,
            0xBE, 0xDE, 0x00, 0x04,
            0x10, 0x80 | 42, 0x00, 0x31, 0x12, 0x34, 0x41, 'a', 'b', 0x22, 0x12, 0x34, 0x56,
            0x00, 0x00, 0x00,
            'p', 'a', 'y');

    /** Two-byte form (profile 0x1000): id 5 empty, id 200 = 3-byte value; one padding byte; 8 bytes. */
    private static final byte[] TWO_BYTE = bytes(
            0x90, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 9,
            0x10, 0x00, 0x00, 0x02,
            0x05, 0x00, 200, 3, 0xAA, 0xBB, 0xCC, 0x00,
            'p');

    @Test
    void findsOneByteElementsAndSkipsPadding() {
        ByteBuf buf = at(OFF, ONE_BYTE);
        int len = ONE_BYTE.length;
        assertThat(RtpHeader.payloadLength(buf, OFF, len)).isEqualTo(3);
        long mid = RtpExtensions.find(buf, OFF, len, 4);
        assertThat(RtpExtensions.valueLength(mid)).isEqualTo(2);
        assertThat(buf.toString(RtpExtensions.valueOffset(mid), 2, StandardCharsets.US_ASCII)).isEqualTo("ab");
        assertThat(RtpExtensions.find(buf, OFF, len, 9)).isEqualTo(RtpExtensions.NOT_FOUND);
        assertThat(RtpExtensions.transportSequenceNumber(buf, OFF, len, 3)).isEqualTo(0x1234);
        assertThat(RtpExtensions.absSendTime(buf, OFF, len, 2)).isEqualTo(0x123456);
        int level = RtpExtensions.audioLevelByte(buf, OFF, len, 1);
        assertThat(RtpExtensions.voiceActivity(level)).isTrue();
        assertThat(RtpExtensions.audioLevel(level)).isEqualTo(42);
    }

    @Test
    void rewritesValuesInPlace() {
        ByteBuf buf = at(OFF, ONE_BYTE);
        int len = ONE_BYTE.length;
        assertThat(RtpExtensions.setTransportSequenceNumber(buf, OFF, len, 3, 0xFFFE)).isTrue();
        assertThat(RtpExtensions.setAbsSendTime(buf, OFF, len, 2, 0xABCDEF)).isTrue();
        assertThat(RtpExtensions.transportSequenceNumber(buf, OFF, len, 3)).isEqualTo(0xFFFE);
        assertThat(RtpExtensions.absSendTime(buf, OFF, len, 2)).isEqualTo(0xABCDEF);
        assertThat(RtpExtensions.setTransportSequenceNumber(buf, OFF, len, 2, 1)).as("wrong size").isFalse();

        // A shorter mid shrinks the element; the freed byte becomes padding and later elements still parse.
        byte[] z = {'z'};
        assertThat(RtpExtensions.rewriteValue(buf, OFF, len, 4, z, 0, 1)).isTrue();
        long mid = RtpExtensions.find(buf, OFF, len, 4);
        assertThat(RtpExtensions.valueLength(mid)).isEqualTo(1);
        assertThat(buf.getByte(RtpExtensions.valueOffset(mid))).isEqualTo((byte) 'z');
        assertThat(RtpExtensions.absSendTime(buf, OFF, len, 2)).isEqualTo(0xABCDEF);
        assertThat(RtpExtensions.rewriteValue(buf, OFF, len, 4, new byte[] {1, 2}, 0, 2)).as("too long").isFalse();
        assertThat(RtpHeader.payloadLength(buf, OFF, len)).isEqualTo(3);
    }

    @Test
    void findsTwoByteElementsIncludingEmptyOnes() {
        ByteBuf buf = at(OFF, TWO_BYTE);
        int len = TWO_BYTE.length;
        long empty = RtpExtensions.find(buf, OFF, len, 5);
        assertThat(empty).isNotEqualTo(RtpExtensions.NOT_FOUND);
        assertThat(RtpExtensions.valueLength(empty)).isZero();
        assertThat(RtpExtensions.absSendTime(buf, OFF, len, 200)).isEqualTo(0xAABBCC);
        assertThat(RtpExtensions.setAbsSendTime(buf, OFF, len, 200, 0x010203)).isTrue();
        assertThat(RtpExtensions.absSendTime(buf, OFF, len, 200)).isEqualTo(0x010203);
    }

    @Test
    void elementRunningPastTheExtensionIsNotFound() {
        // One word of extension data, but the element claims 4 bytes after its header byte.
        byte[] p = bytes(0x90, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xBE, 0xDE, 0, 1, 0x13, 1, 2, 3, 4, 5);
        assertThat(RtpExtensions.find(at(0, p), 0, p.length, 1)).isEqualTo(RtpExtensions.NOT_FOUND);
    }

    @Test
    void absSendTimeIsSixPointEighteenSecondsModulo64() {
        assertThat(RtpExtensions.absSendTimeFromNanos(1_000_000_000L)).isEqualTo(1 << 18);
        assertThat(RtpExtensions.absSendTimeFromNanos(500_000_000L)).isEqualTo(1 << 17);
        assertThat(RtpExtensions.absSendTimeFromNanos(65_500_000_000L)).isEqualTo((int) (1.5 * (1 << 18)));
        assertThat(RtpExtensions.absSendTimeFromNanos(Long.MAX_VALUE)).isBetween(0, 0xFFFFFF);
    }
    @Test
    void extensionFollowsTheCsrcList() {
        // CC=1: the extension header starts after one CSRC; id 7 = mid "x" (two-byte form), rewritten to "y".
        byte[] p = bytes(0x91, 96, 0, 1, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 5,
                0x10, 0x00, 0x00, 0x01, 7, 1, 'x', 0, 'p');
        ByteBuf buf = at(OFF, p);
        assertThat(RtpHeader.headerLength(buf, OFF, p.length)).isEqualTo(24);
        assertThat(RtpExtensions.rewriteValue(buf, OFF, p.length, 7, new byte[] {'y'}, 0, 1)).isTrue();
        long mid = RtpExtensions.find(buf, OFF, p.length, 7);
        assertThat(RtpExtensions.valueOffset(mid)).isEqualTo(OFF + 22);
        assertThat(buf.getByte(OFF + 22)).isEqualTo((byte) 'y');
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void settersRoundTripOnRandomHeaders(long seed) {
        Random rnd = new Random(seed);
        for (int i = 0; i < 200; i++) {
            byte[] p = ONE_BYTE.clone();
            ByteBuf buf = at(OFF, p);
            long ssrc = rnd.nextInt() & 0xFFFFFFFFL;
            int seq = rnd.nextInt(65536);
            long ts = rnd.nextInt() & 0xFFFFFFFFL;
            int pt = rnd.nextInt(128);
            int tseq = rnd.nextInt(65536);
            int abs = rnd.nextInt(1 << 24);
            RtpHeader.setSsrc(buf, OFF, ssrc);
            RtpHeader.setSequenceNumber(buf, OFF, seq);
            RtpHeader.setTimestamp(buf, OFF, ts);
            RtpHeader.setPayloadType(buf, OFF, pt);
            RtpExtensions.setTransportSequenceNumber(buf, OFF, p.length, 3, tseq);
            RtpExtensions.setAbsSendTime(buf, OFF, p.length, 2, abs);
            assertThat(RtpHeader.isValid(buf, OFF, p.length)).isTrue();
            assertThat(RtpHeader.ssrc(buf, OFF)).isEqualTo(ssrc);
            assertThat(RtpHeader.sequenceNumber(buf, OFF)).isEqualTo(seq);
            assertThat(RtpHeader.timestamp(buf, OFF)).isEqualTo(ts);
            assertThat(RtpHeader.payloadType(buf, OFF)).isEqualTo(pt);
            assertThat(RtpExtensions.transportSequenceNumber(buf, OFF, p.length, 3)).isEqualTo(tseq);
            assertThat(RtpExtensions.absSendTime(buf, OFF, p.length, 2)).isEqualTo(abs);
            assertThat(RtpExtensions.audioLevelByte(buf, OFF, p.length, 1)).isEqualTo(0x80 | 42);
        }
    }
}
