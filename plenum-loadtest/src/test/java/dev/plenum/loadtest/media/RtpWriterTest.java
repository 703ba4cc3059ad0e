package dev.plenum.loadtest.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.media.rtp.RtpExtensions;
import dev.plenum.media.rtp.RtpHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The header extensions a browser writes on what it sends, read back by the SFU's own extension parser. */
class RtpWriterTest {

    private static ByteBuf header(int transportCcId, int ridId, String rid) {
        ByteBuf buf = Unpooled.buffer(RtpWriter.MAX_HEADER + 4);
        RtpWriter.header(buf, 96, true, 4711, 90_000, 0x1234_5678, transportCcId, 321, ridId,
                rid.getBytes(StandardCharsets.US_ASCII));
        buf.writeInt(0xCAFEBABE); // a payload
        return buf;
    }

    @Test
    void theRtpStreamIdAndTransportWideSequenceAreOneByteElements() {
        ByteBuf buf = header(4, 5, "h");
        int len = buf.readableBytes();
        assertThat(RtpHeader.isValid(buf, 0, len)).isTrue();
        assertThat(RtpHeader.hasExtension(buf, 0)).isTrue();
        assertThat(RtpHeader.marker(buf, 0)).isTrue();
        assertThat(RtpHeader.sequenceNumber(buf, 0)).isEqualTo(4711);
        assertThat(RtpHeader.ssrc(buf, 0)).isEqualTo(0x1234_5678L);
        long rid = RtpExtensions.find(buf, 0, len, 5);
        assertThat(rid).isNotEqualTo(RtpExtensions.NOT_FOUND);
        assertThat(buf.toString(RtpExtensions.valueOffset(rid), RtpExtensions.valueLength(rid), StandardCharsets.US_ASCII))
                .isEqualTo("h");
        assertThat(RtpExtensions.transportSequenceNumber(buf, 0, len, 4)).isEqualTo(321);
        assertThat(RtpHeader.headerLength(buf, 0, len) % 4).as("padded to whole words").isZero();
        assertThat(buf.getInt(RtpHeader.payloadOffset(buf, 0, len))).isEqualTo(0xCAFEBABE);
    }

    @Test
    void aLongRidFillsItsElementAndTheBlockIsPadded() {
        ByteBuf buf = header(0, 6, "layer-1234567890");
        long rid = RtpExtensions.find(buf, 0, buf.readableBytes(), 6);
        assertThat(RtpExtensions.valueLength(rid)).isEqualTo(16);
        assertThat(RtpHeader.headerLength(buf, 0, buf.readableBytes())).isEqualTo(12 + 4 + 20);
    }

    @Test
    void withNeitherExtensionThereIsNoBlock() {
        ByteBuf buf = header(0, 0, "q");
        assertThat(RtpHeader.hasExtension(buf, 0)).isFalse();
        assertThat(RtpHeader.headerLength(buf, 0, buf.readableBytes())).isEqualTo(12);
        ByteBuf noRid = header(0, 5, "");
        assertThat(RtpHeader.hasExtension(noRid, 0)).as("a stream without a RID names none").isFalse();
    }
}
