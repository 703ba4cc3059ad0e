package dev.plenum.media.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 7983 §7 first-byte table and RFC 5761 §4 RTP/RTCP split, for every possible first byte. */
class PacketClassifierTest {

    static IntStream everyByte() {
        return IntStream.rangeClosed(0, 255);
    }

    /** The RFC 7983 §7 table, written out independently of the implementation. */
    private static PacketType expectedForFirstByte(int b, boolean rtcpSecondByte) {
        if (b <= 3) {
            return PacketType.STUN;
        } else if (b >= 20 && b <= 63) {
            return PacketType.DTLS;
        } else if (b >= 128 && b <= 191) {
            return rtcpSecondByte ? PacketType.RTCP : PacketType.RTP;
        }
        return PacketType.UNCLASSIFIED; // 4..19 (incl. ZRTP 16..19), 64..79 TURN channel, 80..127, 192..255
    }

    @ParameterizedTest(name = "first byte {0}")
    @MethodSource("everyByte")
    void everyFirstByteFollowsRfc7983(int firstByte) {
        ByteBuf rtpLike = Unpooled.wrappedBuffer(new byte[] {(byte) firstByte, 96, 0, 1});
        ByteBuf rtcpLike = Unpooled.wrappedBuffer(new byte[] {(byte) firstByte, (byte) 200, 0, 1});

        assertThat(PacketClassifier.classify(rtpLike)).isEqualTo(expectedForFirstByte(firstByte, false));
        assertThat(PacketClassifier.classify(rtcpLike)).isEqualTo(expectedForFirstByte(firstByte, true));
        assertThat(PacketClassifier.classify(firstByte, 96)).isEqualTo(expectedForFirstByte(firstByte, false));
    }

    @ParameterizedTest(name = "second byte {0}")
    @MethodSource("everyByte")
    void rtcpIsSecondByte192To223(int secondByte) {
        PacketType expected = secondByte >= 192 && secondByte <= 223 ? PacketType.RTCP : PacketType.RTP;
        assertThat(PacketClassifier.classify(0x80, secondByte)).isEqualTo(expected);
        assertThat(PacketClassifier.classify(0xBF, secondByte)).isEqualTo(expected);
    }

    @Test
    void rangeBoundaries() {
        assertThat(PacketClassifier.classify(3, 0)).isEqualTo(PacketType.STUN);
        assertThat(PacketClassifier.classify(4, 0)).isEqualTo(PacketType.UNCLASSIFIED);
        assertThat(PacketClassifier.classify(19, 0)).isEqualTo(PacketType.UNCLASSIFIED);
        assertThat(PacketClassifier.classify(20, 0)).isEqualTo(PacketType.DTLS);
        assertThat(PacketClassifier.classify(63, 0)).isEqualTo(PacketType.DTLS);
        assertThat(PacketClassifier.classify(64, 0)).isEqualTo(PacketType.UNCLASSIFIED);
        assertThat(PacketClassifier.classify(127, 200)).isEqualTo(PacketType.UNCLASSIFIED);
        assertThat(PacketClassifier.classify(128, 191)).isEqualTo(PacketType.RTP);
        assertThat(PacketClassifier.classify(128, 192)).isEqualTo(PacketType.RTCP);
        assertThat(PacketClassifier.classify(128, 223)).isEqualTo(PacketType.RTCP);
        assertThat(PacketClassifier.classify(128, 224)).isEqualTo(PacketType.RTP);
        assertThat(PacketClassifier.classify(192, 200)).isEqualTo(PacketType.UNCLASSIFIED);
    }

    @Test
    void emptyPacketIsUnclassified() {
        assertThat(PacketClassifier.classify(Unpooled.EMPTY_BUFFER)).isEqualTo(PacketType.UNCLASSIFIED);
    }

    @Test
    void oneByteRtpRangePacketIsRtpAndLeftToTheLengthCheck() {
        assertThat(PacketClassifier.classify(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80})))
                .isEqualTo(PacketType.RTP);
    }

    @Test
    void classifiesFromTheReaderIndexAndLeavesIndexesAlone() {
        ByteBuf buf = Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF, 0x17, (byte) 0xFE, (byte) 0xFD});
        buf.readerIndex(1);

        assertThat(PacketClassifier.classify(buf)).isEqualTo(PacketType.DTLS);
        assertThat(buf.readerIndex()).isEqualTo(1);
        assertThat(buf.writerIndex()).isEqualTo(4);
    }

    @Test
    void minimumLengthsAreTheFixedHeaders() {
        assertThat(PacketType.STUN.minimumLength()).isEqualTo(20);
        assertThat(PacketType.DTLS.minimumLength()).isEqualTo(13);
        assertThat(PacketType.RTP.minimumLength()).isEqualTo(12);
        assertThat(PacketType.RTCP.minimumLength()).isEqualTo(8);
    }
}
