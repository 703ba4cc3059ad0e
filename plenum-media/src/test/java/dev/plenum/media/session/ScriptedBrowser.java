package dev.plenum.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.media.dtls.DtlsCertificate;
import dev.plenum.media.dtls.DtlsConfig;
import dev.plenum.media.dtls.DtlsEndpoint;
import dev.plenum.media.dtls.DtlsFingerprint;
import dev.plenum.media.dtls.DtlsListener;
import dev.plenum.media.dtls.DtlsRole;
import dev.plenum.media.dtls.DtlsSrtpKeys;
import dev.plenum.media.rtcp.RtcpListener;
import dev.plenum.media.rtcp.RtcpParser;
import dev.plenum.media.rtcp.RtcpWriter;
import dev.plenum.media.rtp.RtpHeader;
import dev.plenum.media.srtp.SrtpKeys;
import dev.plenum.media.srtp.SrtpResult;
import dev.plenum.media.srtp.SrtpTransformer;
import dev.plenum.media.stun.MessageIntegrity;
import dev.plenum.media.stun.StunWriter;
import dev.plenum.media.transport.PacketSender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted browser for media session tests, without sockets: its session on the node, ICE (one nominating check),
 * a real DTLS handshake and SRTP, and what the SFU sent it (RTP in the clear, and the NACKs and PLIs it received).
 */
final class ScriptedBrowser implements PacketSender {
    static final Pattern UFRAG = Pattern.compile("a=ice-ufrag:(\\S+)");
    static final Pattern PWD = Pattern.compile("a=ice-pwd:(\\S+)");
    static final Pattern FINGERPRINT = Pattern.compile("a=fingerprint:sha-256 (\\S+)");
    static final Pattern FID = Pattern.compile("a=ssrc-group:FID (\\d+) (\\d+)");

    final MediaSession session;
    final InetSocketAddress address;
    final List<String> offers = new CopyOnWriteArrayList<>();
    final List<ByteBuf> rtp = new CopyOnWriteArrayList<>();
    final List<Integer> nacked = new CopyOnWriteArrayList<>();
    /** The media SSRCs of the PLIs the SFU sent this browser. */
    final List<Long> plis = new CopyOnWriteArrayList<>();
    /** Each last-N choice the SFU told this browser's page, in order. */
    final List<List<String>> lastN = new CopyOnWriteArrayList<>();
    private final MediaNode node;
    private final Random random;
    private final DtlsCertificate certificate = DtlsCertificate.generate();
    final AtomicReference<DtlsEndpoint> dtls = new AtomicReference<>();
    private volatile SrtpTransformer sends;
    private volatile SrtpTransformer receives;

    ScriptedBrowser(MediaNode node, String name, InetSocketAddress address, Random random) {
        this.node = node;
        this.address = address;
        this.random = random;
        session = node.join("room", name, new MediaSession.Listener() {
            @Override public void onOffer(String sdp) {
                offers.add(sdp);
            }

            @Override public void onLastN(List<String> forwardedCameras) {
                lastN.add(forwardedCameras);
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

                        @Override public void pli(long senderSsrc, long mediaSsrc) {
                            plis.add(mediaSsrc);
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
        node.onStun(check(random, group(UFRAG, offer), group(PWD, offer), "brw" + address.getPort(), true), address, this);
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

    /**
     * The answer to the latest offer, as a browser gives it: on each recvonly slot whose mid {@code sends} names it
     * sends that primary SSRC and its RTX SSRC; other recvonly slots it answers inactive; it receives on each sendonly.
     */
    String answer(Map<String, long[]> sends) {
        StringBuilder sb = new StringBuilder();
        String mid = "";
        for (String line : offers.getLast().split("\r\n")) {
            if (line.startsWith("m=")) mid = "";
            if (line.startsWith("a=mid:")) mid = line.substring(6);
            if (line.equals("a=ice-lite") || line.startsWith("a=candidate") || line.equals("a=end-of-candidates")
                    || line.startsWith("a=ssrc") || line.startsWith("a=msid:")) continue;
            if (line.startsWith("a=ice-ufrag:")) line = "a=ice-ufrag:brw" + address.getPort();
            else if (line.startsWith("a=ice-pwd:")) line = "a=ice-pwd:browserPasswordOf24Chars";
            else if (line.startsWith("a=fingerprint:")) line = "a=fingerprint:" + certificate.sdpFingerprint();
            else if (line.equals("a=setup:actpass")) line = "a=setup:active";
            else if (line.equals("a=sendonly")) line = "a=recvonly";
            else if (line.equals("a=recvonly")) {
                long[] ssrcs = sends.get(mid);
                if (ssrcs != null) {
                    sb.append("a=sendonly\r\na=ssrc-group:FID ").append(ssrcs[0]).append(' ').append(ssrcs[1])
                            .append("\r\na=ssrc:").append(ssrcs[0]).append(" cname:brw\r\na=ssrc:").append(ssrcs[1])
                            .append(" cname:brw\r\n");
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

    /** Sends a PLI (RFC 4585 §6.3.1) for {@code mediaSsrc}. */
    void sendPli(long mediaSsrc) {
        ByteBuf pli = Unpooled.directBuffer(128);
        RtcpWriter.writePli(pli, 0x5EED, mediaSsrc);
        assertThat(sends.protectRtcp(pli)).isEqualTo(SrtpResult.OK);
        session.onRtcp(pli, address, this);
    }

    /** Closes DTLS and the session, and gives back the buffers received. */
    void close() {
        if (dtls.get() != null) dtls.get().close();
        session.close();
        rtp.forEach(ByteBuf::release);
    }

    static String group(Pattern p, String sdp) {
        Matcher m = p.matcher(sdp);
        assertThat(m.find()).as(p.pattern()).isTrue();
        return m.group(1);
    }

    /** Each m-section's direction by mid, as the server offers it. */
    static Map<String, String> directions(String sdp) {
        Map<String, String> byMid = new java.util.LinkedHashMap<>();
        for (String section : sdp.split("\r\nm=")) {
            String mid = null;
            String direction = null;
            for (String line : section.split("\r\n")) {
                if (line.startsWith("a=mid:")) mid = line.substring(6);
                if (List.of("a=sendonly", "a=recvonly", "a=inactive", "a=sendrecv").contains(line)) direction = line.substring(2);
            }
            if (mid != null) byMid.put(mid, direction);
        }
        return byMid;
    }

    /** The m-section of an offer whose {@code a=msid} line starts with {@code msidPrefix}, from its m-line on. */
    static String section(String sdp, String msidPrefix) {
        for (String section : sdp.split("\r\nm=")) if (section.contains("\r\na=msid:" + msidPrefix)) return section;
        throw new AssertionError("no m-section with msid " + msidPrefix);
    }

    /** The sequence numbers of the packets received on {@code ssrc}, in order of arrival. */
    static List<Integer> sequences(List<ByteBuf> packets, long ssrc) {
        List<Integer> out = new ArrayList<>();
        for (ByteBuf p : packets) if (RtpHeader.ssrc(p, p.readerIndex()) == ssrc) out.add(RtpHeader.sequenceNumber(p, p.readerIndex()));
        return out;
    }

    /** A connectivity check as the controlling browser sends it (RFC 8445 §7.2.2), nominating with USE-CANDIDATE. */
    static ByteBuf check(Random random, String serverUfrag, String serverPwd, String browserUfrag, boolean nominate) {
        byte[] tid = new byte[12];
        random.nextBytes(tid);
        ByteBuf b = Unpooled.directBuffer(256);
        int start = StunWriter.begin(b, 0x0001, tid);
        StunWriter.username(b, start, serverUfrag + ":" + browserUfrag);
        StunWriter.iceControlling(b, start, 42);
        StunWriter.priority(b, start, 0x6e0001ffL);
        if (nominate) StunWriter.useCandidate(b, start);
        StunWriter.messageIntegrity(b, start, MessageIntegrity.shortTerm(serverPwd));
        StunWriter.fingerprint(b, start);
        return b;
    }
}
