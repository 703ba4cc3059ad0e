package dev.plenum.media.session;

import dev.plenum.media.bwe.LowBandwidthVideoPause;
import dev.plenum.media.bwe.ProbeClusters;
import dev.plenum.media.bwe.ProbePadding;
import dev.plenum.media.bwe.SendSideBandwidthEstimator;
import dev.plenum.media.dtls.DtlsConfig;
import dev.plenum.media.dtls.DtlsEndpoint;
import dev.plenum.media.dtls.DtlsFingerprint;
import dev.plenum.media.dtls.DtlsListener;
import dev.plenum.media.dtls.DtlsRole;
import dev.plenum.media.dtls.DtlsSrtpKeys;
import dev.plenum.media.forward.Fanout;
import dev.plenum.media.forward.LayerAllocator;
import dev.plenum.media.forward.TransportSequencer;
import dev.plenum.media.ice.BindingOutcome;
import dev.plenum.media.ice.IceCredentials;
import dev.plenum.media.ice.IceLiteResponder;
import dev.plenum.media.lastn.LastN;
import dev.plenum.media.nack.NackRequester;
import dev.plenum.media.nack.PacketHistory;
import dev.plenum.media.nack.RtxPacket;
import dev.plenum.media.rtcp.KeyframeRequestThrottle;
import dev.plenum.media.rtcp.ReceiverStatistics;
import dev.plenum.media.rtcp.RtcpListener;
import dev.plenum.media.rtcp.RtcpParser;
import dev.plenum.media.rtcp.RtcpWriter;
import dev.plenum.media.rtcp.TransportCcReceiver;
import dev.plenum.media.rtp.RtpExtensions;
import dev.plenum.media.rtp.RtpHeader;
import dev.plenum.media.rtp.Vp8Descriptor;
import dev.plenum.media.sdp.AnswerValidator;
import dev.plenum.media.sdp.Fingerprint;
import dev.plenum.media.sdp.MediaKind;
import dev.plenum.media.speaker.AudioLevels;
import dev.plenum.media.sdp.Msid;
import dev.plenum.media.sdp.OfferBuilder;
import dev.plenum.media.sdp.OfferSpec;
import dev.plenum.media.sdp.RemoteDescription;
import dev.plenum.media.sdp.RemoteMedia;
import dev.plenum.media.sdp.SdpException;
import dev.plenum.media.sdp.SdpParser;
import dev.plenum.media.sdp.SendStream;
import dev.plenum.media.sdp.ServerCodecs;
import dev.plenum.media.sdp.SessionDescription;
import dev.plenum.media.sdp.Transceiver;
import dev.plenum.media.srtp.SrtpResult;
import dev.plenum.media.srtp.SrtpTransformer;
import dev.plenum.media.transport.DropReason;
import dev.plenum.media.transport.Endpoint;
import dev.plenum.media.transport.PacketSender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One participant's media: its single PeerConnection as the SFU sees it. The packet path:
 * <pre>
 *   STUN ─► IceLiteResponder ─► registers the 5-tuple with the demultiplexer
 *   DTLS ─► DtlsEndpoint ─► SRTP keys
 *   SRTP ─► unprotect ─► gaps ─► NACK to this publisher (NackRequester)
 *                     └► track's PacketHistory ─► Fanout ─► Subscription (other sessions) ─► protect ─► send
 *   SRTP on a published track's RTX SSRC ─► unwrap (RFC 4588) ─► the same path, if it fills a gap
 *   SRTCP ─► unprotect ─► PLI/FIR from this subscriber ─► keyframe request to the publisher (≤ 1 per 300 ms)
 *                     ├► NACK from this subscriber ─► Subscription rebuilds it from the track's history ─► RTX
 *                     │  ─► protect ─► send
 *                     └► transport-cc feedback from this subscriber ─► its SendSideBandwidthEstimator
 *   every RTP packet to this subscriber ─► transport-wide number ─► protect ─► logged with the estimator ─► send
 *   node timer (50 ms) ─► video paused or resumed on the estimate; probe clusters paced as RTX padding
 * </pre>
 * Negotiation: the SFU always offers (docs/ARCHITECTURE.md). Mid 0 and 1 receive this participant's audio and
 * video; later mids each send one other participant's track. Mid {@value #SCREEN_MID} receives its shared screen:
 * added when it first shares, inactive while it does not (m-sections are recycled, never removed). At most one offer
 * is outstanding; changes made meanwhile are folded into the next offer when the answer arrives.
 *
 * <p>ICE restart (RFC 8445 §9, RFC 8829 §5.2.1): when the participant resumes after a drop, {@link #restartIce}
 * offers fresh ICE credentials, registered for demultiplexing at once. The answer installs them in the responder,
 * which keeps accepting the old ones until the browser checks with the new ones; then the old ufrag is retired. The
 * DTLS association and the SRTP keys stay: only the path changes.
 *
 * <p>Threads: packets arrive on a socket event loop; DTLS completes on its own thread; offers and answers come from
 * signaling threads. Negotiation state is guarded by {@code this}; the packet path reads volatile fields only.
 */
public final class MediaSession implements Endpoint {
    private static final Logger log = LoggerFactory.getLogger(MediaSession.class);
    private static final long SENDER_SSRC = 1;
    /** The mid of the slot where this participant's shared screen arrives (docs/signaling.md, "Screen sharing"). */
    public static final String SCREEN_MID = "screen";

    /** Where offers go (the signaling connection) and how a fatal media failure is reported. */
    public interface Listener {
        void onOffer(String sdp);

        void onMediaFailed(String reason);

        /** The room's active speaker changed (or, for a newcomer, is this one). */
        default void onActiveSpeaker(String participantId) {
        }

        /**
         * The cameras this participant receives changed (last-N, see {@link LastN}): the publishers' ids, most
         * relevant first. Never called on a node without a last-N limit, where every camera is received.
         */
        default void onLastN(List<String> forwardedCameras) {
        }
    }

    final String participantId;
    private final MediaNode node;
    private final MediaRoom room;
    private final Listener listener;
    /** The credentials of the last answered offer; guarded by {@code this}. */
    private volatile IceCredentials localIce;
    /** Credentials offered by an ICE restart whose answer has not arrived; guarded by {@code this}. */
    private volatile IceCredentials pendingIce;
    /** The ufrag replaced by the last restart, unregistered once the browser checks with the new one. */
    private volatile String retiringUfrag;
    private final long sessionId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);

    private final List<Transceiver> transceivers = new ArrayList<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private int nextMid = 2;
    private OfferSpec lastOffer;
    private SessionDescription lastOfferParsed;
    private boolean offerOutstanding;
    private boolean offerAgain;
    private boolean started;

    private volatile IceLiteResponder ice;
    private volatile Fingerprint remoteFingerprint;
    private volatile DtlsEndpoint dtls;
    private volatile SrtpTransformer sendTransformer;
    private volatile SrtpTransformer receiveTransformer;
    private volatile InetSocketAddress remote;
    private volatile PacketSender path;
    private volatile PublishedTrack[] published = new PublishedTrack[0];
    /** SRTP and SRTCP that arrive before the DTLS keys are derived, handled once they are; null from then on. */
    private volatile EarlyPackets earlyPackets = new EarlyPackets();
    private volatile Subscription[] subscriptionArray = new Subscription[0];
    private volatile boolean audioOnly;
    /** Where the screen slot is among the transceivers, -1 before the first share; guarded by {@code this}. */
    private int screenSlot = -1;
    /** Whether the screen slot is open (recvonly); written under {@code this}, read under the room's lock. */
    private volatile boolean screenShared;
    /** Transport-wide sequence numbers toward this participant; used under the send transformer's lock. */
    private final TransportSequencer transportSequence = new TransportSequencer();
    /**
     * Arrivals of the publisher's packets by transport-wide sequence number, for its congestion controller; made
     * when the participant first publishes with transport-cc (about 8 KB that a subscriber never needs), and set
     * before {@link #publisherTransportCcId}, so a non-zero id finds it.
     */
    private final AtomicReference<TransportCcReceiver> transportCc = new AtomicReference<>();
    private volatile int publisherTransportCcId;
    private long lastTransportCcMediaSsrc; // guarded by transportCc
    /**
     * How much may be sent toward this participant (docs/ARCHITECTURE.md, "Bandwidth estimation"): fed with every RTP
     * packet that leaves under a transport-wide number and with the participant's transport-cc feedback.
     */
    private final SendSideBandwidthEstimator bandwidth;
    /** Pauses video toward this participant while the estimate is too low for it; used on the node's timer only. */
    private final LowBandwidthVideoPause videoPause = new LowBandwidthVideoPause();
    private static final long ALLOCATION_INTERVAL_NANOS = 250_000_000L;
    /** Serializes layer allocation (timer and signaling threads); guards {@link #lastAllocationNanos}. */
    private final Object allocation = new Object();
    private volatile long lastAllocationNanos;
    private volatile boolean videoPausedForBandwidth;
    /** What the layer allocator would like to send to this participant (bits/s), 0 until it says. */
    private volatile long desiredByAllocator;
    /** Whether a probe cluster's padding is being paced on the node's timer (one chain of ticks at a time). */
    private final AtomicBoolean probing = new AtomicBoolean();
    private final Runnable probeTick = this::probeTick;
    /** Probe results already counted in the node's metrics; used on the node's timer only. */
    private long probeResultsCounted;
    private volatile boolean closed;
    /** False for a participant whose role does not let it publish: its slots are inactive, its RTP is dropped. */
    private volatile boolean mayPublish;
    /** Which of the others' cameras this participant receives; null on a node without a limit. Guards itself. */
    private final LastN lastN;
    /** The area of each camera's tile on the page, by publisher id, as {@link LastN} takes it; guarded by lastN. */
    private final Map<String, Integer> cameraTileAreas = new HashMap<>();

    MediaSession(String participantId, MediaNode node, MediaRoom room, Listener listener, IceCredentials localIce,
                 boolean mayPublish) {
        this.participantId = participantId;
        this.node = node;
        this.room = room;
        this.listener = listener;
        this.localIce = localIce;
        this.mayPublish = mayPublish;
        this.bandwidth = new SendSideBandwidthEstimator(node.bandwidthConfig());
        this.lastN = node.lastN() == LastN.ALL ? null : new LastN(node.lastN());
        transceivers.add(ownSlot("0", MediaKind.AUDIO, mayPublish));
        transceivers.add(ownSlot("1", MediaKind.VIDEO, mayPublish));
    }

    /**
     * Mid 0 or 1, where the participant's own audio or video arrives: recvonly (the camera in simulcast layers), or
     * inactive when it may not publish.
     */
    private static Transceiver ownSlot(String mid, MediaKind kind, boolean mayPublish) {
        if (!mayPublish) return Transceiver.retired(mid, kind);
        return kind == MediaKind.VIDEO ? Transceiver.receivingSimulcast(mid, ServerCodecs.SIMULCAST_RIDS)
                : Transceiver.receiving(mid, kind);
    }

    public boolean mayPublish() {
        return mayPublish;
    }

    /** The msid stream id under which subscribers receive a participant's shared screen (its camera's is its id). */
    public static String screenStreamId(String participantId) {
        return "screen-" + participantId;
    }

    boolean screenShared() {
        return screenShared;
    }

    /**
     * Opens the screen slot (a renegotiation offers it recvonly; what the answer sends there reaches everyone as a
     * stream of its own) or closes it (inactive; the screen leaves everyone's PeerConnection at once). Returns false,
     * changing nothing, when the participant may not publish or has left.
     */
    public boolean shareScreen(boolean on) {
        synchronized (this) {
            if (closed || (on && !mayPublish)) return false;
            if (screenShared == on) return true;
            screenShared = on;
            setScreenSlot(on);
        }
        if (!on) room.withdrawScreen(this);
        negotiate();
        return true;
    }

    /** Guarded by {@code this}. */
    private void setScreenSlot(boolean open) {
        Transceiver slot = open ? Transceiver.receiving(SCREEN_MID, MediaKind.VIDEO)
                : Transceiver.retired(SCREEN_MID, MediaKind.VIDEO);
        if (screenSlot < 0) {
            screenSlot = transceivers.size();
            transceivers.add(slot);
        } else {
            transceivers.set(screenSlot, slot);
        }
    }

    /**
     * The participant's role changed (promoted to presenter, or demoted): a renegotiation turns its own slots
     * recvonly (its answer then publishes) or inactive. Demotion takes its tracks away from everyone at once and
     * its RTP is dropped from then on.
     */
    public void setMayPublish(boolean may) {
        synchronized (this) {
            if (closed || mayPublish == may) return;
            mayPublish = may;
            transceivers.set(0, ownSlot("0", MediaKind.AUDIO, may));
            transceivers.set(1, ownSlot("1", MediaKind.VIDEO, may));
            if (!may && screenShared) {
                screenShared = false;
                setScreenSlot(false);
            }
        }
        if (!may) room.unpublished(this);
        negotiate();
    }

    public String participantId() {
        return participantId;
    }

    MediaRoom room() {
        return room;
    }

    IceCredentials localIce() {
        return localIce;
    }

    /** The DTLS association, the SRTP sending state and where media goes: what an ICE restart keeps or moves. */
    DtlsEndpoint dtlsEndpoint() {
        return dtls;
    }

    SrtpTransformer srtpSender() {
        return sendTransformer;
    }

    InetSocketAddress mediaDestination() {
        return remote;
    }

    /** Every ufrag that must reach this session now: the answered one, a restart's offered one, a retiring one. */
    synchronized List<String> registeredUfrags() {
        List<String> ufrags = new ArrayList<>(3);
        ufrags.add(localIce.ufrag());
        if (pendingIce != null) ufrags.add(pendingIce.ufrag());
        if (retiringUfrag != null) ufrags.add(retiringUfrag);
        return ufrags;
    }

    /**
     * ICE restart (RFC 8445 §9): offers fresh credentials, already registered with the node. An offer still waiting
     * for its answer is abandoned (it left on the signaling connection that dropped) and its changes fold into this
     * one. The browser answers on the same PeerConnection: same DTLS association, same SRTP keys, a new path.
     */
    public void restartIce() {
        IceCredentials fresh = node.registerFreshCredentials(this);
        synchronized (this) {
            if (closed) {
                node.unregisterUfrag(fresh.ufrag(), this);
                return;
            }
            IceCredentials abandoned = pendingIce;
            if (abandoned != null) node.unregisterUfrag(abandoned.ufrag(), this);
            pendingIce = fresh;
            offerOutstanding = false;
            offerAgain = false;
        }
        log.info("{}: ICE restart offered", participantId);
        negotiate();
    }

    // ---- negotiation ----

    /** Sends an offer now, or after the outstanding one is answered. */
    void negotiate() {
        String sdp;
        synchronized (this) {
            if (closed) return;
            if (offerOutstanding) {
                offerAgain = true;
                return;
            }
            List<Transceiver> snapshot = List.copyOf(transceivers);
            IceCredentials offered = pendingIce != null ? pendingIce : localIce;
            OfferSpec spec = lastOffer == null
                    ? new OfferSpec(sessionId, 1, offered, node.sdpFingerprint(), node.candidates(), snapshot)
                    : lastOffer.next(snapshot);
            lastOffer = spec.ice().equals(offered) ? spec : new OfferSpec(spec.sessionId(), spec.sessionVersion(),
                    offered, spec.fingerprint(), spec.candidates(), spec.transceivers());
            sdp = OfferBuilder.build(lastOffer);
            try {
                lastOfferParsed = SdpParser.parse(sdp);
            } catch (SdpException e) {
                throw new IllegalStateException("Plenum's own offer does not parse: " + e.getMessage(), e);
            }
            offerOutstanding = true;
        }
        listener.onOffer(sdp);
    }

    /** The browser's answer to the latest offer; a bad answer is refused with the problems named. */
    public void onAnswer(String sdp) throws SdpException {
        RemoteDescription remoteDescription;
        boolean first;
        boolean again;
        synchronized (this) {
            if (!offerOutstanding) throw new SdpException(0, "no offer is waiting for an answer");
            remoteDescription = AnswerValidator.validate(lastOfferParsed, SdpParser.parse(sdp));
            IceLiteResponder responder = ice;
            if (pendingIce != null && responder != null) {
                // The DTLS association is kept across an ICE restart, so the browser's certificate cannot change.
                var fp = remoteDescription.fingerprint();
                if (!fp.algorithm().equalsIgnoreCase(remoteFingerprint.algorithm())
                        || !fp.value().equalsIgnoreCase(remoteFingerprint.value())) {
                    throw new SdpException(0, "the DTLS fingerprint must not change on an ICE restart");
                }
                responder.restart(pendingIce.ufrag(), pendingIce.pwd(), remoteDescription.ice().ufrag());
                retiringUfrag = localIce.ufrag(); // after restart(): a check on the new ufrag may retire it
            } else if (pendingIce != null) {
                node.unregisterUfrag(localIce.ufrag(), this); // restarted before media ever started
            }
            if (pendingIce != null) {
                localIce = pendingIce;
                pendingIce = null;
            }
            offerOutstanding = false;
            first = !started;
            started = true;
            again = offerAgain;
            offerAgain = false;
        }
        if (first) start(remoteDescription);
        else if (mayPublish && !publishes(false)) publishFrom(remoteDescription); // promoted since the last answer
        if (screenShared && !publishes(true)) publishScreenFrom(remoteDescription);
        applyExtensionIds(remoteDescription);
        if (again) negotiate();
    }

    private void start(RemoteDescription rd) {
        remoteFingerprint = rd.fingerprint();
        ice = new IceLiteResponder(localIce, rd.ice().ufrag(), System::nanoTime);
        DtlsRole role = rd.serverIsDtlsClient() ? DtlsRole.CLIENT : DtlsRole.SERVER;
        DtlsFingerprint expected = DtlsFingerprint.parse(rd.fingerprint().algorithm() + " " + rd.fingerprint().value());
        DtlsEndpoint endpoint = new DtlsEndpoint(role, node.certificate(), expected, this::sendDtls, new DtlsEvents(),
                DtlsConfig.DEFAULTS);
        dtls = endpoint;
        endpoint.start();
        publishFrom(rd);
    }

    /** Publishes what the answer sends on mid 0 and 1 (nothing while the participant may not publish). */
    private void publishFrom(RemoteDescription rd) {
        List<PublishedTrack> tracks = new ArrayList<>();
        if (mayPublish) {
            for (String mid : List.of("0", "1")) {
                rd.media(mid).filter(m -> !m.rejected() && m.direction().sends()).ifPresent(m -> publish(m, false, tracks));
            }
        }
        publish(tracks);
    }

    /** Publishes the screen that an answer sends on the open screen slot. */
    private void publishScreenFrom(RemoteDescription rd) {
        List<PublishedTrack> tracks = new ArrayList<>(1);
        rd.media(SCREEN_MID).filter(m -> !m.rejected() && m.direction().sends() && m.kind() == MediaKind.VIDEO)
                .ifPresent(m -> publish(m, true, tracks));
        publish(tracks);
    }

    private void publish(List<PublishedTrack> tracks) {
        // BUNDLE: one transport, so one id per extension on every m-section (RFC 9143 §7.5.2.1).
        tracks.stream().mapToInt(t -> t.extensions().transportCc()).filter(id -> id != 0).findFirst()
                .ifPresent(id -> {
                    if (transportCc.get() == null) transportCc.compareAndSet(null, new TransportCcReceiver());
                    publisherTransportCcId = id;
                });
        room.published(this, tracks);
    }

    /**
     * A track from one m-section of the answer: simulcast layers when the browser answered the offered RIDs with
     * {@code a=rid:... send} (their SSRCs are learnt from the packets), else the stream its {@code a=ssrc} names.
     */
    private void publish(RemoteMedia m, boolean screen, List<PublishedTrack> into) {
        boolean audio = m.kind() == MediaKind.AUDIO;
        int clockRate = audio ? 48_000 : 90_000; // Opus and VP8, the codecs Plenum offers
        String streamId = screen ? screenStreamId(participantId) : participantId;
        String trackId = (screen ? "screen" : m.kind().token()) + "-" + participantId;
        List<InboundStream> streams = new ArrayList<>(3);
        List<String> rids = audio ? List.of() : m.sendRids();
        for (String rid : ServerCodecs.SIMULCAST_RIDS) {
            if (rids.contains(rid)) streams.add(new InboundStream(streams.size(), rid, clockRate, -1, -1, true));
        }
        if (streams.isEmpty()) {
            m.primarySsrcs().stream().findFirst().ifPresent(s -> streams.add(new InboundStream(0, "", clockRate,
                    s.ssrc(), audio ? -1 : m.rtxFor(s.ssrc()), !audio)));
        }
        if (streams.isEmpty()) return;
        int ridId = 0, repairedRidId = 0;
        for (var e : m.extmaps()) {
            if (e.uri().equals(ServerCodecs.EXT_RID_URI)) ridId = e.id();
            if (e.uri().equals(ServerCodecs.EXT_REPAIRED_RID_URI)) repairedRidId = e.id();
        }
        into.add(new PublishedTrack(this, m.kind(), screen, streamId, trackId, Subscription.negotiated(m.extmaps()),
                ridId, repairedRidId, new Fanout(ByteBufAllocator.DEFAULT), audio ? new AudioLevels() : null,
                streams.toArray(InboundStream[]::new)));
    }

    /** Whether this participant already publishes its screen ({@code screen}) or its camera and microphone. */
    private boolean publishes(boolean screen) {
        for (PublishedTrack track : published) if (track.screen() == screen) return true;
        return false;
    }

    /** Each subscription takes the header extension ids its m-section negotiated. */
    private void applyExtensionIds(RemoteDescription rd) {
        for (Subscription sub : subscriptionArray) {
            rd.media(sub.mid).filter(m -> !m.rejected()).ifPresent(m -> {
                sub.negotiated(Subscription.negotiated(m.extmaps()));
                sub.rtxNegotiated(m.payloadTypes());
            });
        }
    }

    /** Adds a send-only m-section carrying another participant's track (negotiated by the caller). */
    synchronized void subscribe(PublishedTrack track) {
        if (closed) return;
        for (Subscription existing : subscriptions) if (existing.track == track) return; // one subscription per track
        String mid = Integer.toString(nextMid++);
        long ssrc = randomSsrc();
        OptionalLong rtx = track.kind() == MediaKind.VIDEO ? OptionalLong.of(randomSsrc()) : OptionalLong.empty();
        Subscription sub = new Subscription(track, this, mid, ssrc, rtx.orElse(-1));
        transceivers.add(Transceiver.sending(mid, track.kind(),
                new SendStream(new Msid(track.streamId(), track.trackId()), "plenum", ssrc, rtx)));
        subscriptions.add(sub);
        subscriptionArray = subscriptions.toArray(Subscription[]::new);
        // A camera waits outside until the last-N choice that follows (MediaRoom) takes it in.
        sub.outsideLastN = lastN != null && isCamera(track);
        track.fanout().subscribe(sub, sub.rewriter);
        if (sendTransformer != null && track.kind() == MediaKind.VIDEO && !sub.paused()) sub.requestKeyframe();
    }

    /**
     * Retires the m-sections that carried the given publisher's tracks, or only its screen (negotiated by the
     * caller).
     */
    synchronized boolean unsubscribeFrom(MediaSession publisher, boolean screenOnly) {
        boolean changed = false;
        for (var it = subscriptions.iterator(); it.hasNext(); ) {
            Subscription sub = it.next();
            if (sub.track.publisher() != publisher || (screenOnly && !sub.track.screen())) continue;
            sub.track.fanout().unsubscribe(sub);
            for (int i = 0; i < transceivers.size(); i++) {
                if (transceivers.get(i).mid().equals(sub.mid)) transceivers.set(i, Transceiver.retired(sub.mid, sub.track.kind()));
            }
            it.remove();
            changed = true;
        }
        subscriptionArray = subscriptions.toArray(Subscription[]::new);
        return changed;
    }

    /** Called by the room under its lock (see {@link MediaRoom#published}); the whole list of what is published. */
    void setPublishedTracks(List<PublishedTrack> tracks) {
        published = tracks.toArray(PublishedTrack[]::new);
    }

    /** How loud this participant was since the last call (0 silent .. 127), from its audio track's levels. */
    int takeLoudness() {
        for (PublishedTrack track : published) if (track.levels() != null) return track.levels().takeMeanLoudness();
        return 0;
    }

    void activeSpeakerChanged(String participantId) {
        listener.onActiveSpeaker(participantId);
    }

    List<PublishedTrack> publishedTracks() {
        return List.of(published);
    }

    private static long randomSsrc() {
        return ThreadLocalRandom.current().nextLong(2, 0xFFFF_FFFFL);
    }

    // ---- packet path ----

    /** A STUN message for this participant's ufrag; consumes the packet. */
    void onStun(ByteBuf packet, InetSocketAddress from, PacketSender replyPath) {
        try {
            IceLiteResponder responder = ice;
            if (responder == null || closed) return;
            ByteBuf response = ByteBufAllocator.DEFAULT.directBuffer(256);
            BindingOutcome outcome;
            synchronized (responder) {
                outcome = responder.onBindingRequest(packet, packet.readerIndex(), packet.readableBytes(), from, response);
            }
            if (log.isDebugEnabled()) log.debug("{}: binding request from {}: {}", participantId, from, outcome);
            // While a restart offer waits for its answer, the browser may already check with the offered credentials,
            // which the responder learns from the answer: stay silent, the browser retransmits (RFC 8445 §14.3).
            boolean early = outcome == BindingOutcome.UNAUTHENTICATED && pendingIce != null;
            if (outcome.responded() && !early) replyPath.send(response, from);
            else response.release();
            if (outcome == BindingOutcome.SUCCESS || outcome == BindingOutcome.NOMINATED) {
                node.demultiplexer().register(from, replyPath.transport(), this);
                if (outcome == BindingOutcome.NOMINATED || path == null) {
                    remote = from;
                    path = replyPath;
                }
                String retiring = retiringUfrag;
                if (retiring != null && responder.previousLocalUfrag() == null) restartCompleted(retiring);
            }
        } finally {
            packet.release();
        }
    }

    /**
     * The browser checked with the new credentials: the old ufrag is retired, and every decoder on both sides of the
     * new path gets a keyframe at once rather than waiting for its own request to get through.
     */
    private void restartCompleted(String retired) {
        synchronized (this) {
            if (!retired.equals(retiringUfrag)) return;
            retiringUfrag = null;
        }
        node.unregisterUfrag(retired, this);
        log.info("{}: ICE restart complete", participantId);
        for (Subscription sub : subscriptionArray) {
            if (sub.track.kind() == MediaKind.VIDEO && !sub.paused()) sub.requestKeyframe();
        }
        for (PublishedTrack track : published) {
            if (track.kind() == MediaKind.VIDEO) for (InboundStream stream : track.streams()) requestKeyframe(stream.ssrc());
        }
    }

    @Override
    public void onDtls(ByteBuf packet, InetSocketAddress from, PacketSender replyPath) {
        try {
            DtlsEndpoint endpoint = dtls;
            if (endpoint != null) endpoint.offerIncoming(packet);
        } finally {
            packet.release();
        }
    }

    private void sendDtls(byte[] datagram) {
        PacketSender p = path;
        InetSocketAddress to = remote;
        if (p != null && to != null) p.send(Unpooled.wrappedBuffer(datagram), to);
    }

    @Override
    public void onRtp(ByteBuf packet, InetSocketAddress from, PacketSender replyPath) {
        if (!mayPublish) { // the role forbids publishing: whatever the browser sends goes no further
            node.dropped(DropReason.NOT_PUBLISHER);
            packet.release();
            return;
        }
        EarlyPackets early = earlyPackets;
        if (early != null && early.hold(packet, false, System.nanoTime())) return;
        receiveRtp(packet, System.nanoTime());
    }

    private void receiveRtp(ByteBuf packet, long arrivalNanos) {
        SrtpTransformer rx = receiveTransformer;
        if (rx == null || rx.unprotectRtp(packet) != SrtpResult.OK) {
            packet.release();
            return;
        }
        int off = packet.readerIndex();
        long ssrc = RtpHeader.ssrc(packet, off);
        int transportCcId = publisherTransportCcId;
        if (transportCcId != 0) {
            int transportSequence = RtpExtensions.transportSequenceNumber(packet, off, packet.readableBytes(), transportCcId);
            if (transportSequence >= 0) transportWideArrival(transportSequence, ssrc, arrivalNanos);
        }
        for (PublishedTrack track : published) {
            for (InboundStream stream : track.streams()) {
                if (stream.ssrc() == ssrc) {
                    received(track, stream, packet, arrivalNanos);
                    return;
                }
                if (stream.rtxSsrc() == ssrc) {
                    repaired(track, stream, packet, arrivalNanos);
                    return;
                }
            }
        }
        if (!learnSsrc(packet, ssrc, arrivalNanos)) packet.release(); // unknown SSRCs are not forwarded
    }

    private void received(PublishedTrack track, InboundStream stream, ByteBuf packet, long now) {
        int off = packet.readerIndex();
        int sequence = RtpHeader.sequenceNumber(packet, off);
        ReceiverStatistics statistics = stream.statistics();
        synchronized (statistics) {
            statistics.packetReceived(sequence, RtpHeader.timestamp(packet, off));
        }
        int levelId = track.extensions().audioLevel();
        if (track.levels() != null && levelId != 0) {
            int level = RtpExtensions.audioLevelByte(packet, off, packet.readableBytes(), levelId);
            if (level >= 0) track.levels().record(RtpExtensions.audioLevel(level));
        }
        NackRequester losses = stream.losses;
        if (losses != null && !losses.received(sequence)) {
            packet.release(); // already forwarded (repaired by RTX before this late original came)
            return;
        }
        forward(track, stream, packet, now);
        if (losses != null && losses.pending() && losses.dueAt(now)) requestLost(stream, now);
    }

    /**
     * A packet on an SSRC not yet known: if it names a simulcast layer of one of this publisher's tracks in its
     * RtpStreamId (or, for a retransmission, RepairedRtpStreamId) header extension (RFC 8852 §3), the layer takes
     * that SSRC and the packet goes its way. Returns false, leaving the packet to the caller, when it names none.
     */
    private boolean learnSsrc(ByteBuf packet, long ssrc, long now) {
        int off = packet.readerIndex();
        int len = packet.readableBytes();
        for (PublishedTrack track : published) {
            if (!track.simulcast()) continue;
            long rid = RtpExtensions.find(packet, off, len, track.ridId());
            long repaired = rid == RtpExtensions.NOT_FOUND ? RtpExtensions.find(packet, off, len, track.repairedRidId())
                    : RtpExtensions.NOT_FOUND;
            long found = rid != RtpExtensions.NOT_FOUND ? rid : repaired;
            if (found == RtpExtensions.NOT_FOUND) continue;
            for (InboundStream stream : track.streams()) {
                if (!stream.hasRid(packet, RtpExtensions.valueOffset(found), RtpExtensions.valueLength(found))) continue;
                if (rid != RtpExtensions.NOT_FOUND && stream.ssrc() < 0) {
                    stream.learn(ssrc);
                    received(track, stream, packet, now);
                    return true;
                }
                if (repaired != RtpExtensions.NOT_FOUND && stream.rtxSsrc() < 0) {
                    stream.learnRtx(ssrc);
                    repaired(track, stream, packet, now);
                    return true;
                }
                return false; // a second SSRC for one layer: not forwarded
            }
        }
        return false;
    }

    /**
     * A retransmission on a published track's RTX SSRC (RFC 4588 §4): unwrapped into the original packet and forwarded
     * like it, if it fills a gap. Padding-only packets (bandwidth probes carry no OSN) and repairs of packets that
     * arrived after all are dropped.
     */
    private void repaired(PublishedTrack track, InboundStream stream, ByteBuf packet, long now) {
        NackRequester losses = stream.losses;
        int osn = RtxPacket.originalSequenceNumber(packet);
        if (losses == null || osn < 0 || !losses.repaired(osn, now)
                || !RtxPacket.unwrap(packet, ServerCodecs.VP8_PT, stream.ssrc())) {
            packet.release();
            return;
        }
        node.lossRecovery().repaired();
        forward(track, stream, packet, now);
    }

    /**
     * Keeps a clear copy of a video packet for subscribers' NACKs, notes the stream's rate and, from a key frame, its
     * picture size, then fans it out (which releases it).
     */
    private static void forward(PublishedTrack track, InboundStream stream, ByteBuf packet, long now) {
        int off = packet.readerIndex();
        int len = packet.readableBytes();
        stream.arrived(len, now);
        PacketHistory history = stream.history;
        if (history != null) {
            history.record(packet, off, len);
            int payload = RtpHeader.payloadOffset(packet, off, len);
            int payloadLength = RtpHeader.payloadLength(packet, off, len);
            if (payload >= 0 && payloadLength > 0 && Vp8Descriptor.isKeyframe(packet, payload, payloadLength)) {
                int width = Vp8Descriptor.keyframeWidth(packet, payload, payloadLength);
                if (width > 0) stream.pictureSize(width, Vp8Descriptor.keyframeHeight(packet, payload, payloadLength));
            }
        }
        track.fanout().forward(packet, stream.layer, now);
    }

    /** Sends this publisher a Generic NACK (RFC 4585 §6.2.1) for the stream's packets due to be requested. */
    private void requestLost(InboundStream stream, long now) {
        if (sendTransformer == null) return;
        ByteBuf nack = ByteBufAllocator.DEFAULT.directBuffer(NackRequester.MAX_NACK_BYTES + 64); // + SRTCP index, tag
        int requested = stream.losses.writeDueNack(now, nack, SENDER_SSRC, stream.ssrc());
        if (requested == 0) {
            nack.release();
            return;
        }
        node.lossRecovery().nackSent(requested);
        protectAndSend(nack, false);
    }

    /** Repeats the NACKs to this publisher that no arriving packet has triggered (called every 50 ms). */
    void sendDueNacks() {
        long now = System.nanoTime();
        for (PublishedTrack track : published) {
            for (InboundStream stream : track.streams()) {
                if (stream.losses != null && stream.ssrc() >= 0 && stream.losses.dueAt(now)) requestLost(stream, now);
            }
        }
    }

    /**
     * Records the publisher's transport-wide sequence number (every stream it sends, RTX included) and sends the
     * feedback its congestion controller estimates the uplink from, when due. The numbers themselves are consumed
     * here: subscribers get their own transport's (see {@link TransportSequencer}).
     */
    private void transportWideArrival(int transportSequence, long mediaSsrc, long now) {
        TransportCcReceiver receiver = transportCc.get();
        synchronized (receiver) { // the receive loop may change with the path
            lastTransportCcMediaSsrc = mediaSsrc;
            if (receiver.arrived(transportSequence, now)) sendTransportFeedback(receiver, now);
        }
    }

    /**
     * Sends the feedback that is due even when no further packet arrives: a publisher whose congestion window is
     * full waits for the acknowledgement of what it sent last before it sends more (called every 50 ms).
     */
    void sendDueTransportFeedback() {
        TransportCcReceiver receiver = transportCc.get();
        if (receiver == null) return; // not publishing (yet)
        long now = System.nanoTime();
        synchronized (receiver) {
            if (receiver.due(now)) sendTransportFeedback(receiver, now);
        }
    }

    private void sendTransportFeedback(TransportCcReceiver receiver, long now) {
        while (receiver.pending()) {
            ByteBuf feedback = ByteBufAllocator.DEFAULT.directBuffer(TransportCcReceiver.MAX_FEEDBACK_BYTES + 64);
            receiver.writeFeedback(feedback, SENDER_SSRC, lastTransportCcMediaSsrc, now);
            protectAndSend(feedback, false);
        }
    }

    @Override
    public void onRtcp(ByteBuf packet, InetSocketAddress from, PacketSender replyPath) {
        EarlyPackets early = earlyPackets;
        if (early != null && early.hold(packet, true, System.nanoTime())) return;
        receiveRtcp(packet);
    }

    private void receiveRtcp(ByteBuf packet) {
        try {
            SrtpTransformer rx = receiveTransformer;
            if (rx == null || rx.unprotectRtcp(packet) != SrtpResult.OK) return;
            RtcpParser.parse(packet, packet.readerIndex(), packet.readableBytes(), feedback);
            bandwidth.feedbackComplete(System.nanoTime()); // nothing to do unless transport-cc feedback was read
        } finally {
            packet.release();
        }
    }

    private final RtcpListener feedback = new RtcpListener() {
        @Override public void senderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount) {
            for (PublishedTrack track : published) {
                InboundStream stream = track.stream(ssrc);
                if (stream == null) continue;
                ReceiverStatistics statistics = stream.statistics();
                synchronized (statistics) {
                    statistics.senderReportReceived(ntpTimestamp);
                }
                track.fanout().forwardSenderReport(stream.layer, ntpTimestamp, rtpTimestamp);
            }
        }

        @Override public void nack(long senderSsrc, long mediaSsrc, int sequenceNumber) {
            node.lossRecovery().nackReceived();
            if (!node.answersNacks()) return;
            for (Subscription sub : subscriptionArray) {
                // A paused leg (audio only, or a tile not seen) repairs nothing: its video is no longer shown.
                if (sub.outputSsrc == mediaSsrc && !sub.paused()) sub.retransmit(sequenceNumber, System.nanoTime(), node.lossRecovery());
            }
        }

        @Override public void pli(long senderSsrc, long mediaSsrc) {
            relayKeyframeRequest(mediaSsrc);
        }

        @Override public void transportCc(long senderSsrc, long mediaSsrc, int baseSequence, int statusCount,
                int referenceTime, int feedbackPacketCount) {
            bandwidth.feedbackStarted(referenceTime);
        }

        @Override public void transportCcPacket(int sequenceNumber, boolean received, int deltaTicks) {
            bandwidth.feedbackPacket(sequenceNumber, received, deltaTicks);
        }

        @Override public void fir(long senderSsrc, long targetSsrc, int sequenceNumber) {
            relayKeyframeRequest(targetSsrc);
        }
    };

    private void relayKeyframeRequest(long subscriberSeesSsrc) {
        for (Subscription sub : subscriptionArray) {
            if (sub.outputSsrc == subscriberSeesSsrc) sub.requestKeyframe();
        }
    }

    /**
     * Audio only: no video is forwarded to this participant (for the poorest links); audio always is. Turning it
     * off asks each video's publisher for a keyframe so the pictures come back at once.
     */
    public void setAudioOnly(boolean on) {
        audioOnly = on;
        if (on) return;
        for (Subscription sub : subscriptionArray) {
            if (sub.track.kind() == MediaKind.VIDEO && !sub.paused()) sub.requestKeyframe();
        }
    }

    /**
     * The size, in device pixels, at which this participant's page shows the tile's publisher's camera (or, for a
     * screen tile, its shared screen); 0×0 when not at all. An unseen video is not forwarded (the bandwidth goes to
     * what is seen); a simulcast camera is sent in the layer that suits the size. When a video is seen again its
     * publisher is asked for a keyframe. Unknown ids are ignored: the publisher may have just left.
     */
    private void setTileSize(VideoTile tile) {
        boolean shown = tile.shown();
        for (Subscription sub : subscriptionArray) {
            if (sub.track.kind() != MediaKind.VIDEO || sub.track.screen() != tile.screen()
                    || !sub.track.publisher().participantId.equals(tile.publisherId())) continue;
            boolean wasUnseen = sub.unseen;
            sub.unseen = !shown;
            if (shown) sub.tileHeight = tile.height();
            if (wasUnseen && shown && !audioOnly && !sub.outsideLastN) sub.requestKeyframe();
        }
    }

    void chooseLayers() {
        chooseLayers(System.nanoTime());
    }

    /**
     * Shares the estimate toward this participant among the videos it is sent ({@link LayerAllocator}): audio is
     * reserved first, then each video gets the layer its tile asks for as far as the rest allows, the shared screen
     * first, then the larger tiles. What the videos would take unconstrained is the allocator's wish, which makes the
     * estimator probe for more when the estimate is the limit. Called on tile size changes and every 250 ms.
     */
    private void chooseLayers(long now) {
        synchronized (allocation) {
            allocate(now);
        }
    }

    private void allocate(long now) {
        lastAllocationNanos = now;
        Subscription[] subs = subscriptionArray;
        long audio = 0;
        List<Subscription> videos = new ArrayList<>(subs.length);
        for (Subscription sub : subs) {
            if (sub.track.kind() == MediaKind.VIDEO) videos.add(sub);
            else for (InboundStream stream : sub.track.streams()) audio += stream.bitrate();
        }
        if (videos.isEmpty()) return;
        int[] wanted = new int[videos.size()];
        long[][] bitrates = new long[videos.size()][];
        long desired = audio;
        for (int i = 0; i < wanted.length; i++) {
            wanted[i] = videos.get(i).wantedLayer(now);
            bitrates[i] = videos.get(i).layerBitrates(now);
            if (wanted[i] >= 0 && wanted[i] < bitrates[i].length) desired += bitrates[i][wanted[i]];
        }
        Integer[] order = new Integer[wanted.length];
        int[] heights = new int[wanted.length]; // read once: the signaling thread may change them meanwhile
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            heights[i] = videos.get(i).tileHeight;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparing((Integer i) -> !videos.get(i).track.screen())
                .thenComparing(i -> -heights[i]));
        long budget = bandwidth.hasFeedback() ? sendBitrateEstimate() * 9 / 10 - audio : Long.MAX_VALUE;
        int[] chosen = LayerAllocator.allocate(budget, wanted,
                bitrates, java.util.Arrays.stream(order).mapToInt(Integer::intValue).toArray());
        for (int i = 0; i < chosen.length; i++) {
            // A video sending nothing now (a still shared screen sends a frame now and then) keeps what it had.
            boolean sending = java.util.Arrays.stream(bitrates[i]).anyMatch(b -> b > 0);
            if (wanted[i] != LayerAllocator.PAUSED && sending) videos.get(i).allocate(chosen[i], now);
        }
        desiredSendBitrate(desired);
    }

    boolean audioOnly() {
        return audioOnly;
    }

    /** A packet of this publisher that a recorder had no room for, for the node's drop counter. */
    void recorderDropped() {
        node.dropped(DropReason.RECORDER_QUEUE_FULL);
    }

    /**
     * The sizes this participant's page shows the others' videos at ({@code tileSizes}): an unseen video (0×0) is
     * paused and a simulcast camera is sent in the layer that suits its size (see {@link #setTileSize}), and the
     * cameras' sizes take part in the last-N choice.
     */
    public void setTileSizes(List<VideoTile> tiles) {
        for (VideoTile tile : tiles) setTileSize(tile);
        chooseLayers();
        if (lastN == null) return;
        synchronized (lastN) {
            cameraTileAreas.clear();
            for (VideoTile tile : tiles) if (!tile.screen()) cameraTileAreas.put(tile.publisherId(), tile.area());
        }
        chooseLastN();
    }

    /**
     * Chooses again which of the others' cameras this participant receives ({@link LastN}: the sizes of their tiles,
     * how recently each spoke, the order of joining), called when any of these or the cameras themselves change.
     * A camera that leaves the choice is paused like an unseen one; one that enters asks its publisher for a
     * keyframe; the page is told the new set. Screens and audio are never held back.
     */
    void chooseLastN() {
        if (lastN == null) return;
        synchronized (lastN) {
            if (closed) return;
            Subscription[] subs = subscriptionArray;
            Set<String> publishing = new HashSet<>();
            for (Subscription sub : subs) if (isCamera(sub.track)) publishing.add(sub.track.publisher().participantId);
            List<String> cameras = room.joinOrder().stream().filter(publishing::contains).toList();
            List<String> chosen = lastN.choose(cameras, room.speakingOrder(), cameraTileAreas);
            Set<String> forwarded = lastN.forwarded();
            for (Subscription sub : subs) {
                if (!isCamera(sub.track)) continue;
                boolean entered = sub.outsideLastN && forwarded.contains(sub.track.publisher().participantId);
                sub.outsideLastN = !forwarded.contains(sub.track.publisher().participantId);
                if (entered && !sub.unseen && !audioOnly) sub.requestKeyframe();
            }
            if (chosen != null) listener.onLastN(chosen);
        }
    }

    /** Tells the page again which cameras it receives (after a resume: a message sent meanwhile may be lost). */
    public void announceLastN() {
        if (lastN == null) return;
        synchronized (lastN) {
            if (!closed) listener.onLastN(List.copyOf(lastN.forwarded()));
        }
    }

    private static boolean isCamera(PublishedTrack track) {
        return track.kind() == MediaKind.VIDEO && !track.screen();
    }

    /** Sends a PLI (RFC 4585 §6.3.1) for one of this participant's video tracks, at most once per 300 ms per track. */
    void requestKeyframe(long mediaSsrc) {
        // No keys yet: a request that cannot leave must not hold back the next. A layer not yet seen has no SSRC.
        if (sendTransformer == null || mediaSsrc < 0) return;
        KeyframeRequestThrottle throttle = null;
        for (PublishedTrack track : published) {
            InboundStream stream = track.stream(mediaSsrc);
            if (stream != null) throttle = stream.keyframes;
        }
        if (throttle == null || !throttle.tryRequest(System.nanoTime())) return;
        ByteBuf pli = ByteBufAllocator.DEFAULT.directBuffer(64);
        RtcpWriter.writePli(pli, SENDER_SSRC, mediaSsrc);
        protectAndSend(pli, false);
    }

    /**
     * Sends a receiver report (RFC 3550 §6.4.2) with one report block per published track that has sent anything:
     * loss, jitter and LSR/DLSR, which the publisher's congestion control and round-trip time estimate use.
     */
    void sendReceiverReport() {
        PublishedTrack[] tracks = published;
        if (tracks.length == 0 || sendTransformer == null) return;
        List<ReceiverStatistics> receiving = new ArrayList<>(tracks.length * 3);
        for (PublishedTrack track : tracks) {
            for (InboundStream stream : track.streams()) {
                ReceiverStatistics statistics = stream.statistics();
                if (statistics == null) continue;
                synchronized (statistics) {
                    if (statistics.hasReceived()) receiving.add(statistics);
                }
            }
        }
        if (receiving.isEmpty()) return;
        // RFC 3550 §6.4.2: at most 31 report blocks in one report; Plenum's publishers send far fewer streams.
        if (receiving.size() > 31) receiving = receiving.subList(0, 31);
        ByteBuf report = ByteBufAllocator.DEFAULT.directBuffer(8 + 24 * receiving.size() + 64); // + SRTCP index, tag
        RtcpWriter.writeReceiverReportHeader(report, SENDER_SSRC, receiving.size());
        for (ReceiverStatistics statistics : receiving) {
            synchronized (statistics) {
                statistics.writeReportBlock(report);
            }
        }
        protectAndSend(report, false);
    }

    /**
     * The last stages toward this participant: the transport-wide sequence number (when the leg negotiated it, under
     * {@code transportCcId}), SRTP protect, send. Consumes the packet.
     */
    void sendRtp(ByteBuf packet, int transportCcId) {
        protectAndSend(packet, true, transportCcId);
    }

    /** An RTCP packet written for this participant (a forwarded sender report): SRTCP protect, send. Consumes it. */
    void sendRtcp(ByteBuf packet) {
        protectAndSend(packet, false);
    }

    private void protectAndSend(ByteBuf packet, boolean rtp) {
        protectAndSend(packet, rtp, 0);
    }

    /**
     * Numbers RTP packets with this transport's own transport-wide sequence ({@link TransportSequencer}) under the
     * same lock as the encryption, which fixes the order in which packets from several event loops go out.
     */
    private void protectAndSend(ByteBuf packet, boolean rtp, int transportCcId) {
        SrtpTransformer tx = sendTransformer;
        PacketSender p = path;
        InetSocketAddress to = remote;
        if (tx == null || p == null || to == null) {
            packet.release();
            return;
        }
        SrtpResult result;
        synchronized (tx) { // one transformer, called from several event loops
            int stamped = rtp ? transportSequence.stamp(packet, packet.readerIndex(), packet.readableBytes(), transportCcId) : -1;
            result = rtp ? tx.protectRtp(packet) : tx.protectRtcp(packet);
            // Logged in wire order, with what the network carries: the SRTP packet and IP/UDP (or TCP framing) headers.
            if (stamped >= 0 && result == SrtpResult.OK) {
                bandwidth.packetSent(stamped, System.nanoTime(), packet.readableBytes() + wireOverhead(p));
            }
        }
        if (result == SrtpResult.OK) p.send(packet, to);
        else packet.release();
    }

    /** IPv4 + UDP headers, or IPv4 + TCP headers and the RFC 4571 length. */
    private static int wireOverhead(PacketSender p) {
        return p.transport() == PacketSender.Transport.UDP ? 28 : 42;
    }

    // ---- bandwidth estimation ----

    /** The send-side estimate toward this participant, in bits/s: what a layer allocator may send it. */
    public long sendBitrateEstimate() {
        return bandwidth.estimateBps();
    }

    /**
     * How much the layer allocator would like to send this participant (bits/s): when that is more than the estimate,
     * the estimator probes (at once when the wish rises, then every 5 s while the estimate limits it), and raises the
     * estimate to what the path turns out to carry.
     */
    public void desiredSendBitrate(long bps) {
        desiredByAllocator = Math.max(0, bps);
        bandwidth.desiredBitrate(Math.max(desiredByAllocator, videoPause.desiredBps()));
    }

    /** The estimator itself, for diagnostics and tests. */
    SendSideBandwidthEstimator bandwidthEstimator() {
        return bandwidth;
    }

    /** Whether video toward this participant is paused because its estimate is too low ({@link LowBandwidthVideoPause}). */
    boolean videoPausedForBandwidth() {
        return videoPausedForBandwidth;
    }

    /**
     * Called by the node every 50 ms: pauses or resumes video on the estimate, passes on what is desired, and starts
     * the pacing of a probe cluster when one is due.
     */
    void updateBandwidth(long now) {
        if (sendTransformer == null || closed) return;
        if (bandwidth.hasFeedback() && videoPause.update(bandwidth.estimateBps(), bandwidth.acknowledgedBps(), now)) {
            boolean pause = videoPause.paused();
            videoPausedForBandwidth = pause;
            log.info("{}: video {} (estimate {} bit/s)", participantId, pause ? "paused" : "resumed", bandwidth.estimateBps());
            if (pause) {
                node.bandwidthMetrics().videoPaused();
            } else {
                node.bandwidthMetrics().videoResumed();
                if (!audioOnly) requestKeyframesOfSubscribedVideo();
            }
        }
        bandwidth.desiredBitrate(Math.max(desiredByAllocator, videoPause.desiredBps()));
        long results = bandwidth.probeResults();
        if (results != probeResultsCounted) {
            node.bandwidthMetrics().probeResults(results - probeResultsCounted);
            probeResultsCounted = results;
        }
        startProbingIfDue(now);
        if (now - lastAllocationNanos >= ALLOCATION_INTERVAL_NANOS) chooseLayers(now);
    }

    private void requestKeyframesOfSubscribedVideo() {
        for (Subscription sub : subscriptionArray) {
            if (sub.track.kind() == MediaKind.VIDEO && !sub.paused()) sub.requestKeyframe();
        }
    }

    private void startProbingIfDue(long now) {
        if (probing.get()) return; // a chain of ticks is pacing a cluster already
        long before = bandwidth.probeClustersStarted();
        if (bandwidth.process(now, paddingLeg() != null)) {
            if (bandwidth.probeClustersStarted() != before) node.bandwidthMetrics().probeClusterStarted();
            if (probing.compareAndSet(false, true)) probeTick();
        }
    }

    /**
     * One pacing step of a probe cluster, on the node's timer about every millisecond while it lasts: the padding the
     * cluster needs by now goes out on a leg's RTX SSRC. No leg with RTX and transport-cc: no probing at all.
     */
    private void probeTick() {
        long now = System.nanoTime();
        Subscription leg = paddingLeg();
        if (leg != null && !closed) {
            for (long due = bandwidth.paddingDue(now); due > 0; due -= ProbeClusters.PADDING_PACKET_WIRE_BYTES) {
                leg.sendPadding(ProbePadding.MAX_PADDING);
            }
        }
        long before = bandwidth.probeClustersStarted();
        if (!closed && bandwidth.process(now, leg != null)) {
            if (bandwidth.probeClustersStarted() != before) node.bandwidthMetrics().probeClusterStarted();
            node.scheduleProbeTick(probeTick);
        } else {
            probing.set(false);
        }
    }

    /** A video leg that can carry probe padding (RTX and transport-cc negotiated), or null. */
    private Subscription paddingLeg() {
        for (Subscription sub : subscriptionArray) if (sub.canPad()) return sub;
        return null;
    }

    private final class DtlsEvents implements DtlsListener {
        @Override public void onHandshakeComplete(DtlsSrtpKeys keys) {
            var srtp = SrtpSessionKeys.from(keys);
            receiveTransformer = SrtpTransformer.forReceiving(srtp);
            sendTransformer = SrtpTransformer.forSending(srtp);
            EarlyPackets early = earlyPackets;
            if (early != null) early.release((packet, rtcp, arrivalNanos) -> {
                if (rtcp) receiveRtcp(packet);
                else receiveRtp(packet, arrivalNanos);
            });
            earlyPackets = null;
            log.info("{}: DTLS-SRTP established ({})", participantId, srtp.profile());
            for (Subscription sub : subscriptionArray) {
                if (sub.track.kind() == MediaKind.VIDEO && !sub.paused()) sub.requestKeyframe();
            }
        }

        @Override public void onHandshakeFailed(String reason, Throwable cause) {
            log.warn("{}: DTLS handshake failed: {}", participantId, reason);
            listener.onMediaFailed("DTLS handshake failed: " + reason);
        }
    }

    /** Frees everything this participant holds on the media node. */
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
            for (Subscription sub : subscriptions) sub.track.fanout().unsubscribe(sub);
            subscriptions.clear();
            subscriptionArray = new Subscription[0];
        }
        EarlyPackets early = earlyPackets;
        if (early != null) early.release((packet, rtcp, arrivalNanos) -> packet.release());
        DtlsEndpoint endpoint = dtls;
        if (endpoint != null) endpoint.close();
        node.forget(this);
        node.left(this, room);
    }
}
