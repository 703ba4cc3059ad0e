package dev.plenum.media.bwe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.media.rtp.RtpExtensions;
import dev.plenum.media.rtp.RtpHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** A padding-only RTP packet (RFC 3550 §5.1) with a transport-wide sequence number slot. */
class ProbePaddingTest {

    @Test
    void itIsValidRtpWithNoPayloadOnlyPaddingAndATransportSequenceSlot() {
        for (int id : new int[] {4, 200}) {
            ByteBuf p = Unpooled.buffer(400);
            ProbePadding.write(p, 97, 0xCAFEBABEL, 65_535, 123_456, id, 255);
            int len = p.readableBytes();
            assertThat(len).isEqualTo(ProbePadding.HEADER_BYTES + 255);
            assertThat(RtpHeader.isValid(p, 0, len)).isTrue();
            assertThat(RtpHeader.hasPadding(p, 0)).isTrue();
            assertThat(RtpHeader.paddingLength(p, 0, len)).isEqualTo(255);
            assertThat(RtpHeader.payloadLength(p, 0, len)).isZero();
            assertThat(RtpHeader.payloadType(p, 0)).isEqualTo(97);
            assertThat(RtpHeader.ssrc(p, 0)).isEqualTo(0xCAFEBABEL);
            assertThat(RtpHeader.sequenceNumber(p, 0)).isEqualTo(65_535);
            assertThat(RtpExtensions.setTransportSequenceNumber(p, 0, len, id, 4242)).isTrue();
            assertThat(RtpExtensions.transportSequenceNumber(p, 0, len, id)).isEqualTo(4242);
        }
    }
}
