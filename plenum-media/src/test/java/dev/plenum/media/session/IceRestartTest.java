package dev.plenum.media.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plenum.media.dtls.DtlsCertificate;
import dev.plenum.media.dtls.DtlsConfig;
import dev.plenum.media.dtls.DtlsEndpoint;
import dev.plenum.media.dtls.DtlsFingerprint;
import dev.plenum.media.dtls.DtlsListener;
import dev.plenum.media.dtls.DtlsRole;
import dev.plenum.media.dtls.DtlsSrtpKeys;
import dev.plenum.media.sdp.SdpException;
import dev.plenum.media.transport.MediaTransportConfig;
import dev.plenum.media.transport.PacketSender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
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
 * ICE restart on a live media session (RFC 8445 §9): the server offers fresh credentials, which reach the session at
 * once; the answer installs them; the first check with them retires the old ufrag and moves the path; the DTLS
 * association and SRTP state stay as they were. The browser here is a scripted one: STUN checks and a real DTLS
 * client, with packets handed to the node directly instead of through sockets.
 */
class IceRestartTest {
    private static final InetSocketAddress WIFI = new InetSocketAddress("192.0.2.10", 50000);
    private static final InetSocketAddress LTE = new InetSocketAddress("198.51.100.20", 40000);
    private static final Pattern UFRAG = Pattern.compile("a=ice-ufrag:(\\S+)");
    private static final Pattern PWD = Pattern.compile("a=ice-pwd:(\\S+)");
    private static final Pattern FINGERPRINT = Pattern.compile("a=fingerprint:sha-256 (\\S+)");

    private final DtlsCertificate browserCertificate = DtlsCertificate.generate();
    private final List<String> offers = new CopyOnWriteArrayList<>();
    private final Random random = new Random(11);
    private MediaNode node;
    private MediaSession session;
    private DtlsEndpoint browserDtls;
    /** Every datagram the session sent, and to whom. */
    private final List<InetSocketAddress> sentTo = new CopyOnWriteArrayList<>();
    private final AtomicReference<DtlsEndpoint> browserRef = new AtomicReference<>();

    /** The way back to the browser: STUN responses are noted, DTLS records go to the browser's DTLS client. */
    private final PacketSender toBrowser = new PacketSender() {
        @Override public Transport transport() {
            return Transport.UDP;
        }

        @Override public void send(ByteBuf packet, InetSocketAddress to) {
            sentTo.add(to);
            int first = packet.getUnsignedByte(packet.readerIndex());
            DtlsEndpoint browser = browserRef.get();
            if (first >= 20 && first <= 63 && browser != null) browser.offerIncoming(packet); // RFC 7983: DTLS
            packet.release();
        }

        @Override public void flush() {
        }
    };

    @BeforeEach
    void join() {
        try {
            node = new MediaNode(MediaTransportConfig.defaults().withPorts(0, 0), new SimpleMeterRegistry());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        session = node.join("room", "ann", new MediaSession.Listener() {
            @Override public void onOffer(String sdp) {
                offers.add(sdp);
            }

            @Override public void onMediaFailed(String reason) {
                throw new AssertionError(reason);
            }
        });
    }

    @AfterEach
    void close() {
        if (browserDtls != null) browserDtls.close();
        session.close();
        node.close();
    }

    private static String group(Pattern p, String sdp) {
        Matcher m = p.matcher(sdp);
        assertThat(m.find()).as(p.pattern()).isTrue();
        return m.group(1);
    }

    /** The answer a browser without camera or microphone gives: its own ICE credentials and certificate. */
    private String answer(String offer, String browserUfrag) {
        StringBuilder sb = new StringBuilder();
        for (String line : offer.split("\r\n")) {
            if (line.equals("a=ice-lite") || line.startsWith("a=candidate") || line.equals("a=end-of-candidates")) continue;
            if (line.startsWith("a=ice-ufrag:")) line = "a=ice-ufrag:" + browserUfrag;
            else if (line.startsWith("a=ice-pwd:")) line = "a=ice-pwd:browserPasswordOf24Chars";
            else if (line.startsWith("a=fingerprint:")) line = "a=fingerprint:" + browserCertificate.sdpFingerprint();
            else if (line.equals("a=setup:actpass")) line = "a=setup:active";
            else if (line.equals("a=recvonly")) line = "a=inactive";
            sb.append(line).append("\r\n");
        }
        return sb.toString();
    }

    /** Connects the scripted browser: answer, nominating check, DTLS handshake as the client. */
    private void connect() throws Exception {
        String offer = offers.getFirst();
        session.onAnswer(answer(offer, "brw1"));
        node.onStun(ScriptedBrowser.check(random, group(UFRAG, offer), group(PWD, offer), "brw1", true), WIFI, toBrowser);
        assertThat(session.mediaDestination()).isEqualTo(WIFI);

        CompletableFuture<DtlsSrtpKeys> keys = new CompletableFuture<>();
        browserDtls = new DtlsEndpoint(DtlsRole.CLIENT, browserCertificate, DtlsFingerprint.parse("sha-256 " + group(FINGERPRINT, offer)),
                datagram -> session.onDtls(Unpooled.wrappedBuffer(datagram), WIFI, toBrowser), new DtlsListener() {
                    @Override public void onHandshakeComplete(DtlsSrtpKeys k) {
                        keys.complete(k);
                    }

                    @Override public void onHandshakeFailed(String reason, Throwable cause) {
                        keys.completeExceptionally(new AssertionError(reason, cause));
                    }
                }, DtlsConfig.DEFAULTS);
        browserRef.set(browserDtls);
        browserDtls.start();
        keys.get(20, TimeUnit.SECONDS);
        long until = System.nanoTime() + 5_000_000_000L;
        while (session.srtpSender() == null && System.nanoTime() < until) Thread.sleep(10);
        assertThat(session.srtpSender()).as("SRTP keys from the handshake").isNotNull();
    }

    @Test
    void aRestartRegistersNewCredentialsKeepsDtlsAndSrtpAndRetiresTheOldUfragOnceTheBrowserUsesTheNewOnes() throws Exception {
        connect();
        String firstOffer = offers.getFirst();
        String oldUfrag = group(UFRAG, firstOffer);
        String oldPwd = group(PWD, firstOffer);
        DtlsEndpoint association = session.dtlsEndpoint();
        Object srtp = session.srtpSender();

        session.restartIce();
        assertThat(offers).hasSize(2);
        String restartOffer = offers.get(1);
        String newUfrag = group(UFRAG, restartOffer);
        String newPwd = group(PWD, restartOffer);
        assertThat(newUfrag).isNotEqualTo(oldUfrag);
        assertThat(newPwd).isNotEqualTo(oldPwd);
        assertThat(group(FINGERPRINT, restartOffer)).as("the same certificate").isEqualTo(group(FINGERPRINT, firstOffer));
        assertThat(node.sessionForUfrag(newUfrag)).as("the offered ufrag reaches the session at once").isSameAs(session);
        assertThat(node.sessionForUfrag(oldUfrag)).as("the old one still works meanwhile").isSameAs(session);

        // A check with the offered credentials before the answer arrives gets no answer: the browser retransmits.
        int sentBefore = sentTo.size();
        node.onStun(ScriptedBrowser.check(random, newUfrag, newPwd, "brw2", true), LTE, toBrowser);
        assertThat(sentTo).hasSize(sentBefore);

        session.onAnswer(answer(restartOffer, "brw2"));
        assertThat(node.sessionForUfrag(oldUfrag)).as("kept until the browser checks with the new credentials").isSameAs(session);
        node.onStun(ScriptedBrowser.check(random, oldUfrag, oldPwd, "brw1", false), WIFI, toBrowser); // the old path still answers
        assertThat(sentTo.getLast()).isEqualTo(WIFI);

        node.onStun(ScriptedBrowser.check(random, newUfrag, newPwd, "brw2", true), LTE, toBrowser);
        assertThat(sentTo.getLast()).as("answered on the new path").isEqualTo(LTE);
        assertThat(session.mediaDestination()).as("media follows the new nominated pair").isEqualTo(LTE);
        assertThat(node.sessionForUfrag(oldUfrag)).as("the old ufrag is retired").isNull();
        assertThat(node.sessionForUfrag(newUfrag)).isSameAs(session);
        assertThat(session.dtlsEndpoint()).as("the same DTLS association").isSameAs(association);
        assertThat(association.state()).isEqualTo(DtlsEndpoint.State.CONNECTED);
        assertThat(session.srtpSender()).as("the same SRTP state").isSameAs(srtp);

        int sentAfter = sentTo.size();
        node.onStun(ScriptedBrowser.check(random, oldUfrag, oldPwd, "brw1", false), WIFI, toBrowser);
        assertThat(sentTo).as("the old credentials reach no one").hasSize(sentAfter);
    }

    @Test
    void aRestartAbandonsAnUnansweredOfferAndItsCredentials() throws Exception {
        connect();
        session.restartIce();
        String abandoned = group(UFRAG, offers.get(1));
        session.restartIce(); // the connection dropped again before the answer came
        assertThat(offers).hasSize(3);
        assertThat(node.sessionForUfrag(abandoned)).isNull();
        assertThat(node.sessionForUfrag(group(UFRAG, offers.get(2)))).isSameAs(session);
        session.onAnswer(answer(offers.get(2), "brw3"));
    }

    @Test
    void aRestartAnswerMayNotChangeTheBrowsersCertificate() throws Exception {
        connect();
        session.restartIce();
        String other = answer(offers.get(1), "brw2").replace(browserCertificate.sdpFingerprint(),
                DtlsCertificate.generate().sdpFingerprint());
        assertThatThrownBy(() -> session.onAnswer(other)).isInstanceOf(SdpException.class).hasMessageContaining("fingerprint");
    }

    @Test
    void closingForgetsEveryUfragOfTheSession() throws Exception {
        connect();
        String old = group(UFRAG, offers.getFirst());
        session.restartIce();
        session.onAnswer(answer(offers.get(1), "brw2"));
        String fresh = group(UFRAG, offers.get(1));
        session.restartIce();
        String pending = group(UFRAG, offers.get(2));
        session.close();
        for (String ufrag : List.of(old, fresh, pending)) assertThat(node.sessionForUfrag(ufrag)).as(ufrag).isNull();
    }
}
