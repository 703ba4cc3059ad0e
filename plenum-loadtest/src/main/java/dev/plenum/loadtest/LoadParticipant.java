package dev.plenum.loadtest;

import dev.plenum.loadtest.measure.RoomEventDelays;
import dev.plenum.loadtest.measure.Sampling;
import dev.plenum.loadtest.media.MediaLoops;
import dev.plenum.loadtest.media.MediaProfile;
import dev.plenum.loadtest.media.PacketSink;
import dev.plenum.loadtest.media.PeerTransport;
import dev.plenum.loadtest.media.Publisher;
import dev.plenum.loadtest.media.Reception;
import dev.plenum.loadtest.media.VideoLayer;
import dev.plenum.loadtest.signaling.AnswerBuilder;
import dev.plenum.loadtest.signaling.Cameras;
import dev.plenum.loadtest.signaling.ServerOffer;
import dev.plenum.loadtest.signaling.SignalingClient;
import dev.plenum.media.dtls.DtlsCertificate;
import dev.plenum.media.ice.IceCredentials;
import dev.plenum.media.sdp.MediaDescription;
import dev.plenum.media.sdp.SdpException;
import dev.plenum.media.sdp.ServerCodecs;
import dev.plenum.media.sdp.SdpParser;
import dev.plenum.media.sdp.SessionDescription;
import io.netty.buffer.ByteBuf;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One simulated browser: joins a room over HTTP and signaling, answers every offer, connects its transport, then
 * publishes (when it is a publisher) and measures what it receives. Its state is read by the live progress line
 * and the final report.
 */
final class LoadParticipant implements SignalingClient.Events, PacketSink {
    enum State { JOINING, CONNECTED, FAILED, LEFT }

    private final String room;
    private final String name;
    private final boolean publishes;
    private final URI server;
    private final MediaLoops loops;
    private final DtlsCertificate certificate;
    private final MediaProfile profile;
    private final Sampling sampling;
    private final double downlinkLoss;
    private final int tileHeight;
    /** The offer answered last, whose SSRC pairing the reception needs. */
    private volatile SessionDescription answeredOffer;
    private final SecureRandom random;
    private final IceCredentials ice;
    private final int audioSsrc;
    private final int videoSsrc;
    private final int videoRtxSsrc;
    private final long joinStartNanos = System.nanoTime();
    private volatile long offerNanos;
    private volatile long connectedNanos;
    /** Guards state changes only; never held while waiting for anything. */
    private final Object stateLock = new Object();
    private volatile State state = State.JOINING;
    private volatile String failure;
    private final SignalingClient signaling;
    private PeerTransport transport;
    private volatile Publisher publisher;
    private volatile Reception reception;
    private long answerVersion = 1;

    LoadParticipant(String room, String name, boolean publishes, URI server, MediaLoops loops, DtlsCertificate certificate,
            MediaProfile profile, Sampling sampling, double downlinkLoss, int tileHeight, RoomEventDelays delays,
            SecureRandom random) {
        this.room = room;
        this.name = name;
        this.publishes = publishes;
        this.server = server;
        this.loops = loops;
        this.certificate = certificate;
        this.profile = profile;
        this.sampling = sampling;
        this.downlinkLoss = downlinkLoss;
        this.tileHeight = tileHeight;
        this.random = random;
        this.ice = IceCredentials.generate(random);
        this.audioSsrc = random.nextInt() | 1;
        this.videoSsrc = random.nextInt() | 2;
        this.videoRtxSsrc = random.nextInt() | 4;
        this.signaling = new SignalingClient(this, delays);
    }

    /** Joins and opens signaling; the rest follows the server's offer. */
    CompletableFuture<Void> join(HttpClient http) {
        return SignalingClient.join(http, server, room, name)
                .thenCompose(joined -> signaling.open(http, server, joined))
                .thenAccept(opened -> { })
                .exceptionally(e -> {
                    fail("join: " + rootMessage(e));
                    return null;
                });
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException)) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    // ---------------------------------------------------------------- signaling

    @Override
    public synchronized void onOffer(String sdp) {
        if (state == State.FAILED || state == State.LEFT) return;
        try {
            boolean first = transport == null;
            ServerOffer offer = null;
            SessionDescription description;
            if (first) {
                offerNanos = System.nanoTime();
                offer = ServerOffer.parse(sdp, server.getHost());
                description = offer.description();
            } else {
                description = SdpParser.parse(sdp);
            }
            signaling.sendAnswer(AnswerBuilder.answer(description, local(), answerVersion++)); // open: offers arrive only after onOpen
            answeredOffer = description;
            // As the web client after each renegotiation: the size each camera's tile is shown at (docs/signaling.md).
            if (tileHeight > 0) {
                signaling.sendTileSizes(Cameras.participantIds(description), tileHeight * 16 / 9, tileHeight);
            }
            Reception r = reception;
            if (r != null) r.expect(description);
            if (first) {
                transport = new PeerTransport(offer, ice, certificate, this, random);
                transport.start(loops);
            }
        } catch (SdpException e) {
            fail("offer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        } catch (RuntimeException e) {
            fail("offer: " + rootMessage(e));
        }
    }

    private AnswerBuilder.Local local() {
        return new AnswerBuilder.Local(ice.ufrag(), ice.pwd(), certificate.sdpFingerprint(), name,
                audioSsrc & 0xFFFF_FFFFL, videoSsrc & 0xFFFF_FFFFL, videoRtxSsrc & 0xFFFF_FFFFL, publishes,
                profile.simulcast());
    }

    @Override
    public void onServerError(String code, String message) {
        if (code.equals("invalid-sdp")) fail("server refused the answer: " + message);
    }

    @Override
    public void onClosed(int statusCode, String reason) {
        if (state != State.LEFT) fail("signaling closed " + statusCode + (reason.isEmpty() ? "" : " " + reason));
    }

    // ---------------------------------------------------------------- media (event loop)

    @Override
    public void onConnected(PeerTransport t) {
        connectedNanos = System.nanoTime();
        Reception r = new Reception(t, publishes ? audioSsrc : random.nextInt(), sampling, downlinkLoss, random.nextLong());
        SessionDescription offer = answeredOffer;
        if (offer != null) r.expect(offer);
        r.start();
        reception = r;
        if (publishes) {
            Publisher p = new Publisher(t, profile, audioSsrc, layerSsrcs(), extensionIds(offer), random.nextInt());
            p.start();
            publisher = p;
        }
        synchronized (stateLock) {
            if (state == State.JOINING) state = State.CONNECTED;
        }
    }

    /**
     * The SSRCs of what the camera is sent as: the announced pair for one stream; for simulcast layers fresh ones
     * (never announced; the SFU learns them from the RIDs), as a browser picks them.
     */
    private List<Publisher.LayerSsrcs> layerSsrcs() {
        List<VideoLayer> layers = profile.layers();
        if (layers.size() == 1) return List.of(new Publisher.LayerSsrcs(videoSsrc, videoRtxSsrc));
        List<Publisher.LayerSsrcs> ssrcs = new ArrayList<>(layers.size());
        for (int i = 0; i < layers.size(); i++) ssrcs.add(new Publisher.LayerSsrcs(random.nextInt() | 8, random.nextInt() | 16));
        return ssrcs;
    }

    /** The ids of the extensions the answer kept on the camera's section (one id each across the BUNDLE). */
    private static Publisher.ExtensionIds extensionIds(SessionDescription offer) {
        if (offer == null) return Publisher.ExtensionIds.NONE;
        for (MediaDescription m : offer.media()) {
            if (!m.mid().filter("1"::equals).isPresent()) continue;
            return new Publisher.ExtensionIds(AnswerBuilder.extensionId(m, ServerCodecs.EXT_TRANSPORT_CC_URI),
                    AnswerBuilder.extensionId(m, ServerCodecs.EXT_RID_URI),
                    AnswerBuilder.extensionId(m, ServerCodecs.EXT_REPAIRED_RID_URI));
        }
        return Publisher.ExtensionIds.NONE;
    }

    @Override
    public void onRtp(ByteBuf packet, long arrivalNanos) {
        Reception r = reception;
        if (r != null) r.onRtp(packet, arrivalNanos);
    }

    @Override
    public void onRtcp(ByteBuf packet) {
        Publisher p = publisher;
        if (p != null) p.onRtcp(packet);
    }

    @Override
    public void onFailed(String reason) {
        fail(reason);
    }

    private void fail(String reason) {
        synchronized (stateLock) {
            if (state == State.FAILED || state == State.LEFT) return;
            failure = reason;
            state = State.FAILED;
        }
    }

    // ---------------------------------------------------------------- lifecycle and reading

    /** Gives up on a participant still joining after {@code limitNanos} (a lost offer, an unanswered check). */
    void failIfJoiningLongerThan(long limitNanos) {
        if (state == State.JOINING && System.nanoTime() - joinStartNanos > limitNanos) {
            fail("not connected within " + limitNanos / 1_000_000_000L + " s");
        }
    }

    /** Signaling keep-alive, once a second like the web client, so the server never takes the socket for dead. */
    void ping() {
        State now = state;
        if (now == State.JOINING || now == State.CONNECTED) signaling.sendPing();
    }

    /** Stops sending media; receiving goes on until {@link #leave}. */
    void stopSending() {
        Publisher p = publisher;
        if (p != null) p.stop();
    }

    /** Leaves the room and closes the transport; a second call does nothing. */
    void leave() {
        State before;
        synchronized (stateLock) {
            before = state;
            if (before == State.LEFT) return;
            state = State.LEFT;
        }
        Reception r = reception;
        if (r != null) r.stop();
        stopSending();
        if (before != State.FAILED) signaling.leave();
        else signaling.abort();
        PeerTransport t;
        synchronized (this) {
            t = transport;
        }
        if (t != null) t.close();
    }

    /** Runs {@code task} on this participant's event loop and waits, so its measurements are read consistently. */
    void onEventLoop(Runnable task) {
        PeerTransport t;
        synchronized (this) {
            t = transport;
        }
        if (t == null || t.channel() == null) {
            task.run();
            return;
        }
        t.channel().eventLoop().submit(task).awaitUninterruptibly();
    }

    SignalingClient signaling() { return signaling; }

    State state() { return state; }

    String failure() { return failure; }

    boolean publishes() { return publishes; }

    String room() { return room; }

    String name() { return name; }

    Publisher publisher() { return publisher; }

    Reception reception() { return reception; }

    /** Milliseconds from the join request to SRTP keyed, or -1 when not connected. */
    double joinMillis() {
        return sinceJoin(connectedNanos);
    }

    /** Milliseconds from the join request to the server's first offer (HTTP join, WebSocket, welcome), or -1. */
    double offerMillis() {
        return sinceJoin(offerNanos);
    }

    /** Milliseconds from the join request to the first answered connectivity check, or -1. */
    double iceMillis() {
        PeerTransport t;
        synchronized (this) {
            t = transport;
        }
        return t == null ? -1 : sinceJoin(t.iceConnectedNanos());
    }

    private double sinceJoin(long nanos) {
        return nanos == 0 ? -1 : (nanos - joinStartNanos) / 1e6;
    }
}
