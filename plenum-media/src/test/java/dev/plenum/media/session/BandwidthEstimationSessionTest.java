package dev.plenum.media.session;

import static dev.plenum.media.session.ScriptedBrowser.FID;
import static dev.plenum.media.session.ScriptedBrowser.sequences;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.media.bwe.BandwidthEstimatorConfig;
import dev.plenum.media.rtp.RtpExtensions;
import dev.plenum.media.rtp.RtpHeader;
import dev.plenum.media.sdp.ServerCodecs;
import dev.plenum.media.transport.MediaTransportConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Bandwidth estimation on live media sessions, without sockets: what the SFU sends a subscriber is logged under its
 * transport-wide numbers, the subscriber's transport-cc feedback reaches its estimator, probe padding goes out on the
 * leg's RTX SSRC in the RTX sequence, and video toward a subscriber whose estimate is too low is paused.
 */
class BandwidthEstimationSessionTest {
    private static final long PUBLISHER_SSRC = 11111111L;
    private static final long PUBLISHER_RTX_SSRC = 22222222L;

    private final Random random = new Random(9);
    private MediaNode node;
    private ScriptedBrowser ann;
    private ScriptedBrowser bob;
    private long bobSsrc;
    private long bobRtxSsrc;

    private void connect(BandwidthEstimatorConfig config) throws Exception {
        node = new MediaNode(MediaTransportConfig.defaults().withPorts(0, 0), new SimpleMeterRegistry());
        node.bandwidthEstimation(config);
        bob = new ScriptedBrowser(node, "bob", new InetSocketAddress("192.0.2.20", 40000), random);
        ann = new ScriptedBrowser(node, "ann", new InetSocketAddress("192.0.2.10", 50000), random);
        bob.connect(bob.answer(Map.of()));
        ann.connect(ann.answer(Map.of("1", new long[] {PUBLISHER_SSRC, PUBLISHER_RTX_SSRC})));
        long until = System.nanoTime() + 5_000_000_000L;
        while (bob.offers.size() < 2 && System.nanoTime() < until) Thread.sleep(10);
        assertThat(bob.offers).as("bob is offered ann's video").hasSize(2);
        bob.session.onAnswer(bob.answer(Map.of()));
        Matcher fid = FID.matcher(bob.offers.getLast());
        assertThat(fid.find()).isTrue();
        bobSsrc = Long.parseLong(fid.group(1));
        bobRtxSsrc = Long.parseLong(fid.group(2));
    }

    @AfterEach
    void close() {
        for (ScriptedBrowser b : List.of(ann, bob)) if (b != null) b.close();
        if (node != null) node.close();
    }

    /** A VP8 packet of the publisher carrying a transport-wide sequence number (the id Plenum offers). */
    private static ByteBuf media(int sequence) {
        ByteBuf p = Unpooled.directBuffer(1200);
        p.writeByte(0x90).writeByte(96).writeShort(sequence).writeInt(sequence * 3000).writeInt((int) PUBLISHER_SSRC);
        p.writeShort(RtpExtensions.ONE_BYTE_PROFILE).writeShort(1);
        p.writeByte(ServerCodecs.EXT_TRANSPORT_CC << 4 | 1).writeShort(sequence).writeByte(0);
        p.writeZero(1000);
        return p;
    }

    private static int transportSequence(ByteBuf p) {
        return RtpExtensions.transportSequenceNumber(p, p.readerIndex(), p.readableBytes(), ServerCodecs.EXT_TRANSPORT_CC);
    }

    /** Bob's feedback on every video packet he received so far, 1 ms apart. */
    private void bobAcknowledgesWhatHeReceived() {
        List<Integer> seqs = new ArrayList<>();
        for (ByteBuf p : bob.rtp) {
            if (RtpHeader.ssrc(p, p.readerIndex()) == bobSsrc) seqs.add(transportSequence(p));
        }
        int[] sequences = seqs.stream().mapToInt(Integer::intValue).sorted().toArray();
        long[] arrivals = new long[sequences.length];
        for (int i = 0; i < arrivals.length; i++) arrivals[i] = 1_000_000_000L + i * 1_000_000L;
        bob.sendTransportCc(sequences, arrivals);
    }

    @Test
    void theSubscribersTransportCcFeedbackReachesItsEstimator() throws Exception {
        connect(BandwidthEstimatorConfig.DEFAULTS.withProbing(false));
        for (int s = 0; s < 20; s++) ann.sendRtp(media(s));
        assertThat(sequences(bob.rtp, bobSsrc)).hasSize(20);
        assertThat(bob.rtp).allSatisfy(p -> assertThat(transportSequence(p)).isNotNegative());
        assertThat(bob.session.bandwidthEstimator().hasFeedback()).isFalse();
        assertThat(bob.session.sendBitrateEstimate()).isEqualTo(BandwidthEstimatorConfig.DEFAULTS.startBps());

        bobAcknowledgesWhatHeReceived();

        assertThat(bob.session.bandwidthEstimator().hasFeedback()).as("the feedback matched what was sent").isTrue();
        assertThat(ann.session.bandwidthEstimator().hasFeedback()).as("ann was sent nothing").isFalse();
    }

    @Test
    void probePaddingGoesOutOnTheLegsRtxSsrcContinuingItsSequence() throws Exception {
        connect(BandwidthEstimatorConfig.DEFAULTS);
        for (int s = 0; s < 5; s++) ann.sendRtp(media(s));
        bob.sendNack(bobSsrc, 2); // one retransmission first: the padding continues its RTX sequence
        long until = System.nanoTime() + 3_000_000_000L;
        while (sequences(bob.rtp, bobRtxSsrc).size() < 6 && System.nanoTime() < until) Thread.sleep(5);

        List<Integer> rtx = sequences(bob.rtp, bobRtxSsrc);
        assertThat(rtx.size()).as("a retransmission and a probe cluster's padding").isGreaterThanOrEqualTo(6);
        for (int i = 1; i < rtx.size(); i++) assertThat((rtx.get(i) - rtx.get(i - 1)) & 0xFFFF).isEqualTo(1);
        List<ByteBuf> padding = bob.rtp.stream().filter(p -> RtpHeader.ssrc(p, p.readerIndex()) == bobRtxSsrc)
                .skip(1).toList();
        assertThat(padding).allSatisfy(p -> {
            int off = p.readerIndex();
            assertThat(RtpHeader.hasPadding(p, off)).isTrue();
            assertThat(RtpHeader.payloadLength(p, off, p.readableBytes())).isZero();
            assertThat(RtpHeader.payloadType(p, off)).isEqualTo(ServerCodecs.VP8_RTX_PT);
            assertThat(transportSequence(p)).isNotNegative();
        });
        assertThat(node.bandwidthMetrics().probeClustersStarted()).isPositive();
    }

    @Test
    void videoTowardASubscriberWhoseEstimateIsTooLowIsPausedAndAudioOnlyStaysPossible() throws Exception {
        connect(new BandwidthEstimatorConfig(40_000, 30_000, 6_000_000, false));
        for (int s = 0; s < 10; s++) ann.sendRtp(media(s));
        bobAcknowledgesWhatHeReceived();
        long now = System.nanoTime();
        bob.session.updateBandwidth(now);
        bob.session.updateBandwidth(now + 1_100_000_000L);
        assertThat(bob.session.videoPausedForBandwidth()).isTrue();
        assertThat(node.bandwidthMetrics().videoPausedCount()).isEqualTo(1);

        for (int s = 10; s < 15; s++) ann.sendRtp(media(s));
        assertThat(sequences(bob.rtp, bobSsrc)).as("nothing after the pause").hasSize(10);
    }
}
