package dev.plenum.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.media.dtls.DtlsCertificate;
import dev.plenum.media.dtls.DtlsConfig;
import dev.plenum.media.dtls.DtlsEndpoint;
import dev.plenum.media.dtls.DtlsFingerprint;
import dev.plenum.media.dtls.DtlsListener;
import dev.plenum.media.dtls.DtlsRole;
import dev.plenum.media.dtls.DtlsSrtpKeys;
import dev.plenum.media.nack.LossRecoveryCounters.Unanswered;
import dev.plenum.media.rtcp.RtcpListener;
import dev.plenum.media.rtcp.RtcpParser;
import dev.plenum.media.rtcp.RtcpWriter;
import dev.plenum.media.rtp.RtpHeader;
import dev.plenum.media.srtp.SrtpKeys;
import dev.plenum.media.srtp.SrtpResult;
import dev.plenum.media.srtp.SrtpTransformer;
import dev.plenum.media.stun.MessageIntegrity;
import dev.plenum.media.stun.StunWriter;
import dev.plenum.media.transport.MediaTransportConfig;
import dev.plenum.media.transport.PacketSender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern UFRAG = Pattern.compile("a=ice-ufrag:(\\S+)");
    private static final Pattern PWD = Pattern.compile("a=ice-pwd:(\\S+)");
    private static final Pattern FINGERPRINT = Pattern.compile("a=fingerprint:sha-256 (\\S+)");
    private static final Pattern FID = Pattern.compile("a=ssrc-group:FID (\\d+) (\\d+)");
    private static final long PUBLISHER_SSRC = 11111111L;
    private static final long PUBLISHER_RTX_SSRC = 22222222L;

    private final Random random = new Random(5);
    private MediaNode node;
    private Browser ann;
    private Browser bob;

    /** One scripted browser: its session on the node, its keys, and what the SFU sent it (SRTP and SRTCP, clear). */
    private final class Browser implements PacketSender {
        final MediaSession session;
        final InetSocketAddress address;
        final List<String> offers = new CopyOnWriteArrayList<>();
        final List<ByteBuf> rtp = new CopyOnWriteArrayList<>();
        final List<Integer> nacked = new CopyOnWriteArrayList<>();
        final DtlsCertificate certificate = DtlsCertificate.generate();
        final AtomicReference<DtlsEndpoint> dtls = new AtomicReference<>();
        volatile SrtpTransformer sends;
        volatile SrtpTransformer receives;

        Browser(String name, InetSocketAddress address) {
            this.address = address;
            session = node.join("room", name, new MediaSession.Listener() {
                @Override public void onOffer(String sdp) {
                    offers.add(sdp);
                }

                @Override public void onMediaFailed(String reason) {
                    throw new AssertionError(reason);
                }
            });
        }

        @Override public Transport transport() {
            return Transport.UDP;
        }

        @Override public synchronized void send(ByteBuf packet, InetSocketAddress to) {
            int first = packet.getUnsignedByte(packet.readerIndex());
            if (first >= 20 && first <= 63) { // RFC 7983: DTLS
                dtls.get().offerIncoming(packet);
                packet.release();
            } else if (first >= 128 && first <= 191 && receives != null) {
                int type = packet.getUnsignedByte(packet.readerIndex() + 1);
                if (type >= 192 && type <= 223) { // RTCP (RFC 5761 §4)
                    if (receives.unprotectRtcp(packet) == SrtpResult.OK) {
                        RtcpParser.parse(packet, packet.readerIndex(), packet.readableBytes(), new RtcpListener() {
                            @Override public void nack(long senderSsrc, long mediaSsrc, int sequenceNumber) {
                                nacked.add(sequenceNumber);
                            }
                        });
                    }
                    packet.release();
                } else if (receives.unprotectRtp(packet) == SrtpResult.OK) {
                    rtp.add(packet);
                } else {
                    packet.release();
                }
            } else {
                packet.release();
            }
        }

        @Override public void flush() {
        }

        /** Answers the latest offer, checks connectivity (nominating) and completes DTLS and SRTP. */
        void connect(String answer) throws Exception {
            String offer = offers.getLast();
            session.onAnswer(answer);
            node.onStun(check(group(UFRAG, offer), group(PWD, offer), "brw" + address.getPort()), address, this);
            CompletableFuture<DtlsSrtpKeys> keys = new CompletableFuture<>();
            dtls.set(new DtlsEndpoint(DtlsRole.CLIENT, certificate, DtlsFingerprint.parse("sha-256 " + group(FINGERPRINT, offer)),
                    datagram -> session.onDtls(Unpooled.wrappedBuffer(datagram), address, this), new DtlsListener() {
                        @Override public void onHandshakeComplete(DtlsSrtpKeys k) {
                            keys.complete(k);
                        }

                        @Override public void onHandshakeFailed(String reason, Throwable cause) {
                            keys.completeExceptionally(new AssertionError(reason, cause));
                        }
                    }, DtlsConfig.DEFAULTS));
            dtls.get().start();
            SrtpKeys srtp = SrtpSessionKeys.from(keys.get(20, TimeUnit.SECONDS));
            receives = SrtpTransformer.forReceiving(srtp);
            sends = SrtpTransformer.forSending(srtp);
            long until = System.nanoTime() + 5_000_000_000L;
            while (session.srtpSender() == null && System.nanoTime() < until) Thread.sleep(10);
            assertThat(session.srtpSender()).as("the SFU's SRTP keys").isNotNull();
        }

        /** The answer to the latest offer, as a browser gives it; {@code sendsVideo}: it publishes on mid 1. */
        String answer(boolean sendsVideo) {
            StringBuilder sb = new StringBuilder();
            String kind = "";
            for (String line : offers.getLast().split("\r\n")) {
                if (line.startsWith("m=")) kind = line.substring(2, line.indexOf(' '));
                if (line.equals("a=ice-lite") || line.startsWith("a=candidate") || line.equals("a=end-of-candidates")
                        || line.startsWith("a=ssrc") || line.startsWith("a=msid:")) continue;
                if (line.startsWith("a=ice-ufrag:")) line = "a=ice-ufrag:brw" + address.getPort();
                else if (line.startsWith("a=ice-pwd:")) line = "a=ice-pwd:browserPasswordOf24Chars";
                else if (line.startsWith("a=fingerprint:")) line = "a=fingerprint:" + certificate.sdpFingerprint();
                else if (line.equals("a=setup:actpass")) line = "a=setup:active";
                else if (line.equals("a=sendonly")) line = "a=recvonly";
                else if (line.equals("a=recvonly")) {
                    if (sendsVideo && kind.equals("video")) {
                        sb.append("a=sendonly\r\na=ssrc-group:FID ").append(PUBLISHER_SSRC).append(' ')
                                .append(PUBLISHER_RTX_SSRC).append("\r\na=ssrc:").append(PUBLISHER_SSRC)
                                .append(" cname:ann\r\na=ssrc:").append(PUBLISHER_RTX_SSRC).append(" cname:ann\r\n");
                        continue;
                    }
                    line = "a=inactive";
                }
                sb.append(line).append("\r\n");
            }
            return sb.toString();
        }

        /** Sends an RTP packet to the SFU, SRTP-protected. */
        void sendRtp(ByteBuf packet) {
            assertThat(sends.protectRtp(packet)).isEqualTo(SrtpResult.OK);
            session.onRtp(packet, address, this);
        }

        /** Sends a Generic NACK (RFC 4585 §6.2.1) for these sequence numbers of {@code mediaSsrc}. */
        void sendNack(long mediaSsrc, int... sequences) {
            ByteBuf nack = Unpooled.directBuffer(256);
            RtcpWriter.writeNack(nack, 0x5EED, mediaSsrc, sequences, 0, sequences.length);
            assertThat(sends.protectRtcp(nack)).isEqualTo(SrtpResult.OK);
            session.onRtcp(nack, address, this);
        }
    }

    private static String group(Pattern p, String sdp) {
        Matcher m = p.matcher(sdp);
        assertThat(m.find()).as(p.pattern()).isTrue();
        return m.group(1);
    }

    private ByteBuf check(String serverUfrag, String serverPwd, String browserUfrag) {
        byte[] tid = new byte[12];
        random.nextBytes(tid);
        ByteBuf b = Unpooled.directBuffer(256);
        int start = StunWriter.begin(b, 0x0001, tid);
        StunWriter.username(b, start, serverUfrag + ":" + browserUfrag);
        StunWriter.iceControlling(b, start, 42);
        StunWriter.priority(b, start, 0x6e0001ffL);
        StunWriter.useCandidate(b, start);
        StunWriter.messageIntegrity(b, start, MessageIntegrity.shortTerm(serverPwd));
        StunWriter.fingerprint(b, start);
        return b;
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

    private static List<Integer> sequences(List<ByteBuf> packets, long ssrc) {
        List<Integer> out = new ArrayList<>();
        for (ByteBuf p : packets) if (RtpHeader.ssrc(p, p.readerIndex()) == ssrc) out.add(RtpHeader.sequenceNumber(p, p.readerIndex()));
        return out;
    }

    @BeforeEach
    void connect() throws Exception {
        node = new MediaNode(MediaTransportConfig.defaults().withPorts(0, 0), new SimpleMeterRegistry());
        bob = new Browser("bob", new InetSocketAddress("192.0.2.20", 40000));
        ann = new Browser("ann", new InetSocketAddress("192.0.2.10", 50000));
        bob.connect(bob.answer(false));
        ann.connect(ann.answer(true));
        long until = System.nanoTime() + 5_000_000_000L;
        while (bob.offers.size() < 2 && System.nanoTime() < until) Thread.sleep(10);
        assertThat(bob.offers).as("bob is offered ann's video").hasSize(2);
        bob.session.onAnswer(bob.answer(false));
    }

    @AfterEach
    void close() {
        for (Browser b : List.of(ann, bob)) {
            if (b == null) continue;
            if (b.dtls.get() != null) b.dtls.get().close();
            b.session.close();
            b.rtp.forEach(ByteBuf::release);
        }
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
