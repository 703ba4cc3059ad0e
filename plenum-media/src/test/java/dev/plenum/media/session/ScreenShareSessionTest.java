package dev.plenum.media.session;

import static dev.plenum.media.session.ScriptedBrowser.FID;
import static dev.plenum.media.session.ScriptedBrowser.directions;
import static dev.plenum.media.session.ScriptedBrowser.group;
import static dev.plenum.media.session.ScriptedBrowser.section;
import static dev.plenum.media.session.ScriptedBrowser.sequences;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A shared screen is a publisher's second video, on its own slot (mid {@value MediaSession#SCREEN_MID}): it reaches
 * every other participant as a stream of its own (msid {@code screen-<publisher>}), with its own SSRC, keyframe
 * requests and loss recovery, and leaves their PeerConnections at once when the sharing stops. Only those who may
 * publish can open the slot; losing the right closes it.
 */
class ScreenShareSessionTest {
    private static final long[] CAMERA = {11111111L, 22222222L};
    private static final long[] SCREEN = {33333333L, 44444444L};

    private final Random random = new Random(7);
    private MediaNode node;
    private ScriptedBrowser ann;
    private ScriptedBrowser bob;

    @BeforeEach
    void connect() throws Exception {
        node = new MediaNode(MediaTransportConfig.defaults().withPorts(0, 0), new SimpleMeterRegistry());
        bob = new ScriptedBrowser(node, "bob", new InetSocketAddress("192.0.2.20", 40000), random);
        ann = new ScriptedBrowser(node, "ann", new InetSocketAddress("192.0.2.10", 50000), random);
        bob.connect(bob.answer(Map.of()));
        ann.connect(ann.answer(Map.of("1", CAMERA)));
        awaitOffers(bob, 2);
        bob.session.onAnswer(bob.answer(Map.of()));
    }

    @AfterEach
    void close() {
        for (ScriptedBrowser b : List.of(ann, bob)) if (b != null) b.close();
        node.close();
    }

    private static void awaitOffers(ScriptedBrowser browser, int count) throws InterruptedException {
        long until = System.nanoTime() + 5_000_000_000L;
        while (browser.offers.size() < count && System.nanoTime() < until) Thread.sleep(10);
        assertThat(browser.offers).hasSizeGreaterThanOrEqualTo(count);
    }

    /** A VP8 packet of {@code ssrc} whose payload names its sequence number. */
    private static ByteBuf media(long ssrc, int sequence) {
        ByteBuf p = Unpooled.directBuffer(1200);
        p.writeByte(0x80).writeByte(96).writeShort(sequence).writeInt(sequence * 3000).writeInt((int) ssrc);
        p.writeBytes(payload(ssrc, sequence));
        return p;
    }

    private static byte[] payload(long ssrc, int sequence) {
        byte[] payload = new byte[300];
        new Random(ssrc * 65536 + sequence).nextBytes(payload);
        return payload;
    }

    private static byte[] payloadOf(ByteBuf packet) {
        int off = packet.readerIndex();
        int header = RtpHeader.headerLength(packet, off, packet.readableBytes());
        return ByteBufUtil.getBytes(packet, off + header, packet.readableBytes() - header);
    }

    /** Ann shares; her answer sends the screen; Bob is offered it and answers. Returns Bob's leg: {primary, rtx}. */
    private long[] annShares() throws Exception {
        int annOffers = ann.offers.size();
        int bobOffers = bob.offers.size();
        assertThat(ann.session.shareScreen(true)).isTrue();
        awaitOffers(ann, annOffers + 1);
        assertThat(directions(ann.offers.getLast())).containsEntry(MediaSession.SCREEN_MID, "recvonly")
                .containsEntry("1", "recvonly");
        ann.session.onAnswer(ann.answer(Map.of("1", CAMERA, MediaSession.SCREEN_MID, SCREEN)));
        awaitOffers(bob, bobOffers + 1);
        String screen = section(bob.offers.getLast(), "screen-ann screen-ann");
        assertThat(screen).startsWith("video ").contains("a=sendonly");
        bob.session.onAnswer(bob.answer(Map.of()));
        var fid = FID.matcher(screen);
        assertThat(fid.find()).isTrue();
        return new long[] {Long.parseLong(fid.group(1)), Long.parseLong(fid.group(2))};
    }

    @Test
    void theScreenReachesTheOthersAsAStreamOfItsOwnBesideTheCamera() throws Exception {
        long[] screenLeg = annShares();
        long cameraLeg = Long.parseLong(group(FID, section(bob.offers.getLast(), "ann video-ann")));
        assertThat(screenLeg[0]).isNotEqualTo(cameraLeg);

        for (int s = 10; s <= 12; s++) ann.sendRtp(media(CAMERA[0], s));
        for (int s = 500; s <= 504; s++) ann.sendRtp(media(SCREEN[0], s));
        assertThat(sequences(bob.rtp, cameraLeg)).hasSize(3);
        assertThat(sequences(bob.rtp, screenLeg[0])).as("the screen on its own leg").hasSize(5);
        assertThat(payloadOf(bob.rtp.getLast())).isEqualTo(payload(SCREEN[0], 504));
    }

    @Test
    void theScreenHasItsOwnKeyframeRequestsAndLossRecovery() throws Exception {
        long[] screenLeg = annShares();
        long cameraLeg = Long.parseLong(group(FID, section(bob.offers.getLast(), "ann video-ann")));
        for (int s = 500; s <= 504; s++) ann.sendRtp(media(SCREEN[0], s));
        Thread.sleep(400); // past the 300 ms limit of the requests made when Bob subscribed
        ann.plis.clear();

        bob.sendPli(cameraLeg);
        bob.sendPli(screenLeg[0]); // at once: the camera's request must not hold back the screen's
        long until = System.nanoTime() + 1_000_000_000L;
        while (ann.plis.size() < 2 && System.nanoTime() < until) Thread.onSpinWait();
        assertThat(ann.plis).as("a keyframe request for each of Ann's videos").containsExactlyInAnyOrder(CAMERA[0], SCREEN[0]);

        bob.sendNack(screenLeg[0], 502);
        List<Integer> resent = sequences(bob.rtp, screenLeg[1]);
        assertThat(resent).as("the screen's packet resent on its leg's RTX SSRC").hasSize(1);
        byte[] rtx = payloadOf(bob.rtp.getLast());
        assertThat(((rtx[0] & 0xFF) << 8) | (rtx[1] & 0xFF)).as("OSN").isEqualTo(502);
    }

    @Test
    void whenSharingStopsTheScreenLeavesTheOthersAtOnceAndASecondShareComesBackOnTheSameSlot() throws Exception {
        long[] screenLeg = annShares();
        int bobOffers = bob.offers.size();
        assertThat(ann.session.shareScreen(false)).isTrue();
        awaitOffers(bob, bobOffers + 1);
        String screenMid = group(java.util.regex.Pattern.compile("a=mid:(\\S+)"), section(bob.offers.get(bobOffers - 1), "screen-ann"));
        assertThat(directions(bob.offers.getLast())).as("the screen's m-section retired at once").containsEntry(screenMid, "inactive");
        assertThat(directions(ann.offers.getLast())).containsEntry(MediaSession.SCREEN_MID, "inactive");
        ann.session.onAnswer(ann.answer(Map.of("1", CAMERA)));
        bob.session.onAnswer(bob.answer(Map.of()));
        ann.sendRtp(media(SCREEN[0], 600));
        assertThat(sequences(bob.rtp, screenLeg[0])).as("nothing of the screen after it stopped").isEmpty();

        long[] again = annShares();
        assertThat(directions(ann.offers.getLast()).keySet()).as("the same slot, recycled")
                .containsOnlyOnce(MediaSession.SCREEN_MID);
        ann.sendRtp(media(SCREEN[0], 601));
        assertThat(sequences(bob.rtp, again[0])).hasSize(1);
    }

    @Test
    void aNewcomerIsOfferedTheScreenBeingShared() throws Exception {
        annShares();
        ScriptedBrowser cat = new ScriptedBrowser(node, "cat", new InetSocketAddress("192.0.2.30", 30000), random);
        try {
            assertThat(cat.offers.getLast()).contains("a=msid:screen-ann screen-ann").contains("a=msid:ann video-ann");
        } finally {
            cat.close();
        }
    }

    @Test
    void oneWithoutACameraSharesItsScreenOnceHoweverOftenItAnswers() throws Exception {
        int bobOffers = bob.offers.size();
        int annOffers = ann.offers.size();
        assertThat(bob.session.shareScreen(true)).isTrue();
        awaitOffers(bob, bobOffers + 1);
        bob.session.onAnswer(bob.answer(Map.of(MediaSession.SCREEN_MID, SCREEN)));
        awaitOffers(ann, annOffers + 1);
        ann.session.onAnswer(ann.answer(Map.of("1", CAMERA)));

        ScriptedBrowser cat = new ScriptedBrowser(node, "cat", new InetSocketAddress("192.0.2.30", 30000), random);
        try {
            cat.session.onAnswer(cat.answer(Map.of("1", new long[] {55555555L, 66666666L})));
            awaitOffers(bob, bobOffers + 2); // Cat's camera: Bob answers again, still sharing
            bob.session.onAnswer(bob.answer(Map.of(MediaSession.SCREEN_MID, SCREEN)));
            Thread.sleep(100);
            assertThat(ann.offers.getLast().split("a=msid:screen-bob ", -1)).as("one screen m-section for Bob").hasSize(2);
            assertThat(cat.offers.getLast().split("a=msid:screen-bob ", -1)).hasSize(2);
        } finally {
            cat.close();
        }
    }

    @Test
    void oneWhoMayNotPublishCannotShareAndLosingTheRightClosesTheScreen() throws Exception {
        ScriptedBrowser dan = new ScriptedBrowser(node, "dan", new InetSocketAddress("192.0.2.40", 20000), random);
        try {
            dan.session.setMayPublish(false);
            int offers = dan.offers.size();
            assertThat(dan.session.shareScreen(true)).as("an attendee in a webinar").isFalse();
            assertThat(dan.offers).hasSize(offers);
            assertThat(directions(dan.offers.getLast())).doesNotContainKey(MediaSession.SCREEN_MID);
        } finally {
            dan.close();
        }

        annShares();
        int bobOffers = bob.offers.size();
        ann.session.setMayPublish(false);
        awaitOffers(bob, bobOffers + 1);
        assertThat(bob.offers.getLast()).doesNotContain("a=msid:screen-ann");
        assertThat(directions(ann.offers.getLast())).containsEntry(MediaSession.SCREEN_MID, "inactive");
        assertThat(ann.session.shareScreen(true)).isFalse();
    }
}
