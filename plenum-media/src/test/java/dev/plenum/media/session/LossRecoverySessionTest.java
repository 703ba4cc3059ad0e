package dev.plenum.media.session;

import static dev.plenum.media.session.ScriptedBrowser.FID;
import static dev.plenum.media.session.ScriptedBrowser.group;
import static dev.plenum.media.session.ScriptedBrowser.sequences;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.media.nack.LossRecoveryCounters.Unanswered;
import dev.plenum.media.rtp.RtpHeader;
import dev.plenum.media.transport.MediaTransportConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Loss recovery on live media sessions, without sockets: a scripted publishing browser and a scripted subscribing
 * browser, each with ICE, a real DTLS handshake and SRTP. A packet lost on the publisher's link is requested from it by
 * NACK and its RTX repair reaches the subscriber once; a subscriber's NACK is answered with an RTX retransmission on
 * its leg's FID SSRC, once per interval, and a NACK for a packet no longer held is counted.
 */
class LossRecoverySessionTest {
    private static final long PUBLISHER_SSRC = 11111111L;
    private static final long PUBLISHER_RTX_SSRC = 22222222L;

    private final Random random = new Random(5);
    private MediaNode node;
    private ScriptedBrowser ann;
    private ScriptedBrowser bob;

    /** The answer to the browser's latest offer; {@code sendsVideo}: it publishes on mid 1. */
    private static String answer(ScriptedBrowser browser, boolean sendsVideo) {
        return browser.answer(sendsVideo ? Map.of("1", new long[] {PUBLISHER_SSRC, PUBLISHER_RTX_SSRC}) : Map.of());
    }

    /** A VP8 packet of the publisher: fixed header, then a payload that names its sequence number. */
    private static ByteBuf media(int sequence) {
        ByteBuf p = Unpooled.directBuffer(1200);
        p.writeByte(0x80).writeByte(96).writeShort(sequence).writeInt(sequence * 3000).writeInt((int) PUBLISHER_SSRC);
        p.writeBytes(payload(sequence));
        return p;
    }

    private static byte[] payload(int sequence) {
        byte[] payload = new byte[400];
        new Random(sequence).nextBytes(payload);
        return payload;
    }

    /** The publisher's RTX retransmission (RFC 4588 §4) of {@code osn}. */
    private static ByteBuf rtx(int rtxSequence, int osn) {
        ByteBuf p = Unpooled.directBuffer(1200);
        p.writeByte(0x80).writeByte(97).writeShort(rtxSequence).writeInt(osn * 3000).writeInt((int) PUBLISHER_RTX_SSRC);
        p.writeShort(osn).writeBytes(payload(osn));
        return p;
    }

    private static byte[] payloadOf(ByteBuf packet) {
        int off = packet.readerIndex();
        int header = RtpHeader.headerLength(packet, off, packet.readableBytes());
        return ByteBufUtil.getBytes(packet, off + header, packet.readableBytes() - header);
    }

    @BeforeEach
    void connect() throws Exception {
        node = new MediaNode(MediaTransportConfig.defaults().withPorts(0, 0), new SimpleMeterRegistry());
        bob = new ScriptedBrowser(node, "bob", new InetSocketAddress("192.0.2.20", 40000), random);
        ann = new ScriptedBrowser(node, "ann", new InetSocketAddress("192.0.2.10", 50000), random);
        bob.connect(answer(bob, false));
        ann.connect(answer(ann, true));
        long until = System.nanoTime() + 5_000_000_000L;
        while (bob.offers.size() < 2 && System.nanoTime() < until) Thread.sleep(10);
        assertThat(bob.offers).as("bob is offered ann's video").hasSize(2);
        bob.session.onAnswer(answer(bob, false));
    }

    @AfterEach
    void close() {
        for (ScriptedBrowser b : List.of(ann, bob)) if (b != null) b.close();
        node.close();
    }

    @Test
    void aPacketLostOnThePublishersLinkIsRequestedAndItsRepairForwardedOnce() {
        for (int s = 100; s <= 108; s++) if (s != 105) ann.sendRtp(media(s));
        // Sent at once, from the packet path or from the node's 50 ms timer if that claimed it first.
        long until = System.nanoTime() + 1_000_000_000L;
        while (ann.nacked.isEmpty() && System.nanoTime() < until) Thread.onSpinWait();
        assertThat(ann.nacked).as("the SFU asks the publisher for the lost packet").containsExactly(105);
        long bobSsrc = Long.parseLong(group(FID, bob.offers.getLast()));
        assertThat(sequences(bob.rtp, bobSsrc)).containsExactly(100, 101, 102, 103, 104, 106, 107, 108);

        ann.sendRtp(rtx(7, 105));
        ann.sendRtp(rtx(8, 105)); // a second retransmission of it
        ann.sendRtp(media(105)); // and the original, late
        assertThat(sequences(bob.rtp, bobSsrc)).as("the repair, once, in its place")
                .containsExactly(100, 101, 102, 103, 104, 106, 107, 108, 105);
        assertThat(payloadOf(bob.rtp.getLast())).isEqualTo(payload(105));
        assertThat(RtpHeader.payloadType(bob.rtp.getLast(), bob.rtp.getLast().readerIndex())).isEqualTo(96);
        assertThat(node.lossRecovery().unansweredCount(Unanswered.NOT_HELD)).isZero();
    }

    @Test
    void aSubscribersNackIsAnsweredWithRtxOnItsLegsFidSsrcOncePerInterval() {
        for (int s = 200; s <= 205; s++) ann.sendRtp(media(s));
        Matcher fid = FID.matcher(bob.offers.getLast());
        assertThat(fid.find()).isTrue();
        long bobSsrc = Long.parseLong(fid.group(1));
        long bobRtxSsrc = Long.parseLong(fid.group(2));

        bob.sendNack(bobSsrc, 202, 204);
        List<Integer> resent = sequences(bob.rtp, bobRtxSsrc);
        assertThat(resent).as("two RTX packets in their own numbering").hasSize(2);
        assertThat((resent.get(1) - resent.get(0)) & 0xFFFF).isEqualTo(1);
        ByteBuf first = bob.rtp.get(bob.rtp.size() - 2);
        assertThat(RtpHeader.payloadType(first, first.readerIndex())).isEqualTo(97);
        byte[] rtxPayload = payloadOf(first);
        assertThat(((rtxPayload[0] & 0xFF) << 8) | (rtxPayload[1] & 0xFF)).as("OSN").isEqualTo(202);
        assertThat(java.util.Arrays.copyOfRange(rtxPayload, 2, rtxPayload.length)).isEqualTo(payload(202));
        ByteBuf original = bob.rtp.stream().filter(p -> RtpHeader.ssrc(p, p.readerIndex()) == bobSsrc
                && RtpHeader.sequenceNumber(p, p.readerIndex()) == 202).findFirst().orElseThrow();
        assertThat(RtpHeader.timestamp(first, first.readerIndex())).as("rebuilt with the timestamp the leg sent")
                .isEqualTo(RtpHeader.timestamp(original, original.readerIndex()));

        bob.sendNack(bobSsrc, 202); // again at once: the first retransmission is still on its way
        bob.sendNack(bobSsrc, 60_000); // never sent
        assertThat(sequences(bob.rtp, bobRtxSsrc)).hasSize(2);
        assertThat(node.lossRecovery().retransmissions()).isEqualTo(2);
        assertThat(node.lossRecovery().unansweredCount(Unanswered.NOT_HELD)).isEqualTo(1);
        assertThat(node.lossRecovery().unansweredCount(Unanswered.RESENT_RECENTLY)).isEqualTo(1);
    }
}
