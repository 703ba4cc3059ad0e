package dev.plenum.media.session;

import static dev.plenum.media.session.ScriptedBrowser.directions;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.media.dtls.DtlsCertificate;
import dev.plenum.media.transport.DropReason;
import dev.plenum.media.transport.MediaTransportConfig;
import dev.plenum.media.transport.PacketSender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may publish is the media plane's to enforce: an attendee in a webinar is offered its own slots inactive and its
 * RTP goes nowhere (counted); promoted, a renegotiation opens its slots and what its answer sends reaches the others;
 * demoted, its tracks leave the others' PeerConnections at once.
 */
class PublishingRightsTest {
    private static final InetSocketAddress BROWSER = new InetSocketAddress("192.0.2.10", 50000);
    private final DtlsCertificate browserCertificate = DtlsCertificate.generate();
    private MediaNode node;

    private static final class Offers implements MediaSession.Listener {
        final List<String> sdps = new CopyOnWriteArrayList<>();

        @Override public void onOffer(String sdp) {
            sdps.add(sdp);
        }

        @Override public void onMediaFailed(String reason) {
        }

        String last() {
            return sdps.getLast();
        }
    }

    private static final PacketSender NOWHERE = new PacketSender() {
        @Override public Transport transport() {
            return Transport.UDP;
        }

        @Override public void send(ByteBuf packet, InetSocketAddress to) {
            packet.release();
        }

        @Override public void flush() {
        }
    };

    @BeforeEach
    void start() throws Exception {
        node = new MediaNode(MediaTransportConfig.defaults().withPorts(0, 0), new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() {
        node.close();
    }

    /**
     * A browser's answer: it sends its microphone and camera (with these SSRCs) on each recvonly slot, receives on each
     * sendonly one, and leaves inactive ones inactive.
     */
    private String answer(String offer, long audioSsrc, long videoSsrc) {
        StringBuilder sb = new StringBuilder();
        String mid = null;
        for (String line : offer.split("\r\n")) {
            if (line.equals("a=ice-lite") || line.startsWith("a=candidate") || line.equals("a=end-of-candidates")) continue;
            if (line.startsWith("m=")) mid = null;
            if (line.startsWith("a=mid:")) mid = line.substring(6);
            if (line.startsWith("a=ice-ufrag:")) line = "a=ice-ufrag:brwsr";
            else if (line.startsWith("a=ice-pwd:")) line = "a=ice-pwd:browserPasswordOf24Chars";
            else if (line.startsWith("a=fingerprint:")) line = "a=fingerprint:" + browserCertificate.sdpFingerprint();
            else if (line.equals("a=setup:actpass")) line = "a=setup:active";
            else if (line.startsWith("a=ssrc") || line.startsWith("a=msid")) continue;
            else if (line.equals("a=sendonly")) line = "a=recvonly";
            else if (line.equals("a=recvonly")) {
                long ssrc = "0".equals(mid) ? audioSsrc : videoSsrc;
                line = "a=sendonly\r\na=msid:stream track-" + mid + "\r\na=ssrc:" + ssrc + " cname:browser";
            }
            sb.append(line).append("\r\n");
        }
        return sb.toString();
    }

    private static ByteBuf rtp(long ssrc) {
        ByteBuf packet = ByteBufAllocator.DEFAULT.directBuffer(200);
        packet.writeByte(0x80).writeByte(96).writeShort(1).writeInt(3000).writeInt((int) ssrc).writeBytes(new byte[100]);
        return packet;
    }

    @Test
    void anAttendeeWhoMayNotPublishIsOfferedItsOwnSlotsInactiveAndItsRtpIsDroppedAndCounted() {
        Offers offers = new Offers();
        MediaSession attendee = node.join("webinar", "att", false, offers);
        assertThat(directions(offers.last())).containsEntry("0", "inactive").containsEntry("1", "inactive");
        assertThat(attendee.mayPublish()).isFalse();

        ByteBuf packet = rtp(0x1234);
        long before = node.counters().droppedCount(DropReason.NOT_PUBLISHER);
        attendee.onRtp(packet, BROWSER, NOWHERE);
        assertThat(packet.refCnt()).as("the dropped packet's buffer is given back").isZero();
        assertThat(node.counters().droppedCount(DropReason.NOT_PUBLISHER)).isEqualTo(before + 1);
        attendee.close();
    }

    @Test
    void aPublisherIsOfferedRecvonlySlots() {
        Offers offers = new Offers();
        MediaSession host = node.join("meeting", "host", true, offers);
        assertThat(directions(offers.last())).containsEntry("0", "recvonly").containsEntry("1", "recvonly");
        host.close();
    }

    @Test
    void promotionOpensTheSlotsAndTheAnswerPublishesToTheOthersDemotionTakesTheTracksAway() throws Exception {
        Offers hostOffers = new Offers();
        Offers attendeeOffers = new Offers();
        MediaSession host = node.join("webinar", "host", true, hostOffers);
        host.onAnswer(answer(hostOffers.last(), 111, 222));
        MediaSession attendee = node.join("webinar", "att", false, attendeeOffers);
        attendee.onAnswer(answer(attendeeOffers.last(), 333, 444));
        int hostOffersBefore = hostOffers.sdps.size();
        assertThat(directions(hostOffers.last())).as("nothing of the attendee's reaches the host").hasSize(2);

        attendee.setMayPublish(true);
        assertThat(directions(attendeeOffers.last())).containsEntry("0", "recvonly").containsEntry("1", "recvonly");
        attendee.onAnswer(answer(attendeeOffers.last(), 333, 444));
        assertThat(hostOffers.sdps).hasSizeGreaterThan(hostOffersBefore);
        assertThat(hostOffers.last()).contains("a=msid:att ");
        assertThat(directions(hostOffers.last()).values()).containsExactly("recvonly", "recvonly", "sendonly", "sendonly");
        host.onAnswer(answer(hostOffers.last(), 111, 222));

        attendee.setMayPublish(false);
        assertThat(directions(hostOffers.last()).values()).as("the attendee's slots retired at once")
                .containsExactly("recvonly", "recvonly", "inactive", "inactive");
        attendee.onAnswer(answer(attendeeOffers.last(), 333, 444));
        assertThat(directions(attendeeOffers.last())).containsEntry("0", "inactive").containsEntry("1", "inactive");
        long before = node.counters().droppedCount(DropReason.NOT_PUBLISHER);
        attendee.onRtp(rtp(333), BROWSER, NOWHERE);
        assertThat(node.counters().droppedCount(DropReason.NOT_PUBLISHER)).isEqualTo(before + 1);
        attendee.close();
        host.close();
    }
}
