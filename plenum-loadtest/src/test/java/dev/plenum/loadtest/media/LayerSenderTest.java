package dev.plenum.loadtest.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.loadtest.payload.Vp8Framing;
import dev.plenum.media.nack.RtxPacket;
import dev.plenum.media.rtp.RtpExtensions;
import dev.plenum.media.rtp.RtpHeader;
import dev.plenum.media.rtp.Vp8Descriptor;
import dev.plenum.media.sdp.ServerCodecs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One simulcast layer as a browser sends it: RIDs, key frames with the layer's size, PLI and NACK answered. */
class LayerSenderTest {
    private static final int SSRC = 0x1111_0001;
    private static final int RTX_SSRC = 0x2222_0001;
    private static final int RID_ID = 5;
    private static final int REPAIRED_RID_ID = 6;

    private final List<ByteBuf> sent = new ArrayList<>();
    private int transportSequence;
    private final RtpOut out = new RtpOut() {
        @Override public ByteBuf buffer(int capacity) { return Unpooled.buffer(capacity); }
        @Override public int transportCcId() { return 4; }
        @Override public int nextTransportSequence() { return transportSequence++; }
        @Override public void send(ByteBuf packet, boolean flush) { sent.add(packet); }
    };

    private LayerSender layer(VideoLayer which) {
        return new LayerSender(which, MediaProfile.defaults(), out, SSRC, RTX_SSRC, RID_ID, REPAIRED_RID_ID, 12345);
    }

    @AfterEach
    void release() {
        sent.forEach(ByteBuf::release);
    }

    private static int payload(ByteBuf p) {
        return RtpHeader.payloadOffset(p, p.readerIndex(), p.readableBytes());
    }

    private static int payloadLength(ByteBuf p) {
        return RtpHeader.payloadLength(p, p.readerIndex(), p.readableBytes());
    }

    private static String extension(ByteBuf p, int id) {
        long found = RtpExtensions.find(p, p.readerIndex(), p.readableBytes(), id);
        return found == RtpExtensions.NOT_FOUND ? null
                : p.toString(RtpExtensions.valueOffset(found), RtpExtensions.valueLength(found), StandardCharsets.US_ASCII);
    }

    @Test
    void everyPacketNamesItsLayerAndTheFirstFrameIsAKeyFrameOfTheLayersSize() {
        LayerSender high = layer(VideoLayer.HIGH);
        high.sendFrame();
        assertThat(sent).hasSizeGreaterThan(1);
        assertThat(sent).allSatisfy(p -> {
            assertThat(RtpHeader.ssrc(p, 0)).isEqualTo(SSRC & 0xFFFF_FFFFL);
            assertThat(RtpHeader.payloadType(p, 0)).isEqualTo(ServerCodecs.VP8_PT);
            assertThat(extension(p, RID_ID)).isEqualTo("f");
        });
        ByteBuf first = sent.getFirst();
        assertThat(Vp8Descriptor.isKeyframe(first, payload(first), payloadLength(first))).isTrue();
        assertThat(Vp8Descriptor.keyframeWidth(first, payload(first), payloadLength(first))).isEqualTo(1280);
        assertThat(Vp8Descriptor.keyframeHeight(first, payload(first), payloadLength(first))).isEqualTo(720);
        assertThat(RtpHeader.marker(sent.getLast(), 0)).isTrue();
        assertThat(high.keyframesSent()).isEqualTo(1);
    }

    @Test
    void aPliMakesTheNextFrameAKeyFrame() {
        LayerSender low = layer(VideoLayer.LOW);
        low.sendFrame(); // the first key frame
        sent.forEach(ByteBuf::release);
        sent.clear();
        low.sendFrame();
        ByteBuf delta = sent.getFirst();
        assertThat(Vp8Descriptor.isKeyframe(delta, payload(delta), payloadLength(delta))).isFalse();
        sent.forEach(ByteBuf::release);
        sent.clear();

        low.requestKeyframe();
        low.sendFrame();
        ByteBuf key = sent.getFirst();
        assertThat(Vp8Descriptor.isKeyframe(key, payload(key), payloadLength(key))).isTrue();
        assertThat(Vp8Descriptor.keyframeWidth(key, payload(key), payloadLength(key))).isEqualTo(320);
        assertThat(low.keyframesSent()).isEqualTo(2);
        assertThat(low.keyframeRequests()).isEqualTo(1);
    }

    @Test
    void aNackIsAnsweredWithRtxFromTheSendHistory() {
        LayerSender medium = layer(VideoLayer.MEDIUM);
        for (int i = 0; i < 5; i++) medium.sendFrame();
        ByteBuf original = sent.get(3);
        int lost = RtpHeader.sequenceNumber(original, 0);
        int before = sent.size();

        assertThat(medium.resend(lost)).isTrue();
        assertThat(medium.resend(lost)).isTrue();
        assertThat(sent).hasSize(before + 2);
        ByteBuf rtx = sent.get(before);
        assertThat(RtpHeader.payloadType(rtx, 0)).isEqualTo(ServerCodecs.VP8_RTX_PT);
        assertThat(RtpHeader.ssrc(rtx, 0)).isEqualTo(RTX_SSRC & 0xFFFF_FFFFL);
        assertThat(RtpHeader.timestamp(rtx, 0)).isEqualTo(RtpHeader.timestamp(original, 0));
        assertThat(RtpHeader.marker(rtx, 0)).isEqualTo(RtpHeader.marker(original, 0));
        assertThat(RtpHeader.sequenceNumber(sent.get(before + 1), 0))
                .as("RTX has its own sequence").isEqualTo((RtpHeader.sequenceNumber(rtx, 0) + 1) & 0xFFFF);
        assertThat(extension(rtx, REPAIRED_RID_ID)).isEqualTo("h");
        assertThat(extension(rtx, RID_ID)).isNull();
        assertThat(RtxPacket.originalSequenceNumber(rtx)).isEqualTo(lost);

        // Unwrapped as the SFU does (RFC 4588 §4), it is the lost packet's payload byte for byte.
        ByteBuf copy = Unpooled.buffer(rtx.readableBytes() + 4);
        copy.writerIndex(2).readerIndex(2);
        copy.writeBytes(rtx, 0, rtx.readableBytes());
        assertThat(RtxPacket.unwrap(copy, ServerCodecs.VP8_PT, SSRC & 0xFFFF_FFFFL)).isTrue();
        assertThat(RtpHeader.sequenceNumber(copy, copy.readerIndex())).isEqualTo(lost);
        assertThat(ByteBufUtil.equals(copy, payload(copy), original, payload(original), payloadLength(original))).isTrue();
        assertThat(payloadLength(copy)).isEqualTo(payloadLength(original));
        assertThat(Vp8Framing.readStamp(copy, payload(copy), payloadLength(copy)))
                .isEqualTo(Vp8Framing.readStamp(original, payload(original), payloadLength(original)));
        copy.release();
        assertThat(medium.retransmissions()).isEqualTo(2);
    }

    @Test
    void aSequenceNumberNoLongerInTheHistoryIsNotSent() {
        LayerSender medium = layer(VideoLayer.MEDIUM);
        medium.sendFrame();
        int first = RtpHeader.sequenceNumber(sent.getFirst(), 0);
        int before = sent.size();
        assertThat(medium.resend((first - 1) & 0xFFFF)).isFalse();
        // After more than the history holds, the first packet is gone too.
        while (sent.size() < before + SendHistory.CAPACITY + 1) medium.sendFrame();
        assertThat(medium.resend(first)).isFalse();
        assertThat(medium.notInHistory()).isEqualTo(2);
        assertThat(medium.retransmissions()).isZero();
    }
}
