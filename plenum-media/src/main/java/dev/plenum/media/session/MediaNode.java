package dev.plenum.media.session;

import dev.plenum.media.dtls.DtlsCertificate;
import dev.plenum.media.ice.IceCredentials;
import dev.plenum.media.ice.UfragRegistry;
import dev.plenum.media.lastn.LastN;
import dev.plenum.media.sdp.Candidate;
import dev.plenum.media.sdp.Fingerprint;
import dev.plenum.media.sdp.HostCandidates;
import dev.plenum.media.speaker.ActiveSpeakerDetector;
import dev.plenum.media.stun.StunMessages;
import dev.plenum.media.transport.Demultiplexer;
import dev.plenum.media.transport.DropReason;
import dev.plenum.media.transport.MediaTransportConfig;
import dev.plenum.media.transport.PacketSender;
import dev.plenum.media.transport.StunHandler;
import dev.plenum.media.transport.TcpMediaSocket;
import dev.plenum.media.transport.TransportCounters;
import dev.plenum.media.nack.LossRecoveryCounters;
import dev.plenum.media.transport.UdpMediaSocket;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The media role: one UDP port and one ICE-TCP port for every participant, a DTLS certificate, and the rooms'
 * media sessions. STUN reaches a session through its ICE ufrag; everything else through the 5-tuple that its
 * connectivity checks registered with the demultiplexer.
 */
public final class MediaNode implements StunHandler, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MediaNode.class);
    private final DtlsCertificate certificate = DtlsCertificate.generate();
    private final Fingerprint sdpFingerprint;
    private final SecureRandom random = new SecureRandom();
    private final TransportCounters counters = new TransportCounters();
    private final LossRecoveryCounters lossRecovery = new LossRecoveryCounters();
    private volatile boolean answerNacks = true;
    private volatile int lastN = LastN.ALL;
    private final Demultiplexer demultiplexer;
    private final UfragRegistry<MediaSession> ufrags;
    private final ThreadLocal<UfragRegistry.Probe> probes;
    private final UdpMediaSocket udp;
    private final TcpMediaSocket tcp;
    private final List<Candidate> candidates;
    private final Map<String, MediaRoom> rooms = new ConcurrentHashMap<>();
    private final Set<MediaSession> sessions = ConcurrentHashMap.newKeySet();
    /**
     * Sends each publisher its receiver report once a second (RFC 3550 §6.2, as WebRTC endpoints do for video), and
     * every 50 ms the transport-cc feedback that no arriving packet has flushed and the NACKs due to be repeated.
     */
    private final ScheduledExecutorService reports = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("plenum-rtcp").daemon().factory());

    public MediaNode(MediaTransportConfig config, MeterRegistry metrics) throws IOException {
        String[] fp = certificate.sdpFingerprint().split(" ", 2);
        sdpFingerprint = new Fingerprint(fp[0], fp[1]);
        counters.bindTo(metrics);
        lossRecovery.bindTo(metrics);
        demultiplexer = new Demultiplexer(this, counters, config.maxRegisteredSources());
        ufrags = new UfragRegistry<>(config.maxRegisteredSources());
        probes = ThreadLocal.withInitial(ufrags::newProbe);
        udp = new UdpMediaSocket(config, demultiplexer, counters);
        tcp = new TcpMediaSocket(config, demultiplexer, counters);
        udp.start();
        tcp.start();
        candidates = HostCandidates.of(config.advertisedAddresses(), udp.localPort(), tcp.localPort());
        reports.scheduleAtFixedRate(this::sendReceiverReports, 1, 1, TimeUnit.SECONDS);
        reports.scheduleAtFixedRate(this::sendDueTransportFeedback, 50, 50, TimeUnit.MILLISECONDS);
        reports.scheduleAtFixedRate(() -> rooms.values().forEach(MediaRoom::detectSpeaker),
                ActiveSpeakerDetector.TICK_MILLIS, ActiveSpeakerDetector.TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * A participant's media session in a room; the first offer goes to the listener at once. The room is created
     * on first use; should the last member leave it between the lookup and the join, the join retries with a new one.
     */
    public MediaSession join(String roomName, String participantId, MediaSession.Listener listener) {
        return join(roomName, participantId, true, listener);
    }

    /**
     * As {@link #join(String, String, MediaSession.Listener)}; a participant that may not publish (an attendee in a
     * webinar) is offered its own audio and video slots {@code inactive}, and any RTP it sends is dropped and counted
     * ({@link DropReason#NOT_PUBLISHER}) until {@link MediaSession#setMayPublish} lets it.
     */
    public MediaSession join(String roomName, String participantId, boolean mayPublish, MediaSession.Listener listener) {
        while (true) {
            MediaRoom room = rooms.computeIfAbsent(roomName, MediaRoom::new);
            IceCredentials ice;
            MediaSession session;
            do {
                ice = IceCredentials.generate(random);
                session = new MediaSession(participantId, this, room, listener, ice, mayPublish);
            } while (ufrags.register(ice.ufrag(), session) == UfragRegistry.Registration.DUPLICATE);
            sessions.add(session);
            if (room.joined(session)) return session;
            forget(session); // the room closed meanwhile; it is gone from the map, or about to be
            rooms.remove(roomName, room);
        }
    }

    /** A packet dropped on a session's receive path, for the node's drop counter. */
    void dropped(DropReason reason) {
        counters.dropped(reason);
    }

    /** The node's traffic and drop counters. */
    public TransportCounters counters() {
        return counters;
    }

    /** Called by a session that left its room: the last one out removes the room. */
    void left(MediaSession session, MediaRoom room) {
        if (room.left(session)) rooms.remove(room.name, room);
    }

    /** Whether {@code room} is the room the node lists under {@code name}. */
    boolean hasRoom(String name, MediaRoom room) {
        return rooms.get(name) == room;
    }

    /** The rooms that have at least one member (a closed room may linger for an instant while it is removed). */
    public int roomCount() {
        return rooms.size();
    }

    @Override
    public void onStun(ByteBuf packet, InetSocketAddress from, PacketSender replyPath) {
        long span = StunMessages.usernameLocalPart(packet, packet.readerIndex(), packet.readableBytes());
        MediaSession session = span == StunMessages.NO_SPAN ? null
                : ufrags.lookup(probes.get(), packet, StunMessages.spanOffset(span), StunMessages.spanLength(span));
        if (session == null) {
            log.debug("STUN from {} for no known ufrag", from);
            packet.release();
            return;
        }
        session.onStun(packet, from, replyPath);
    }

    private void sendReceiverReports() {
        for (MediaSession session : sessions) {
            try {
                session.sendReceiverReport();
                session.chooseLayers();
            } catch (RuntimeException e) { // one participant's failure must not stop everyone's reports
                log.warn("{}: receiver report or layer choice failed", session.participantId(), e);
            }
        }
    }

    private void sendDueTransportFeedback() {
        for (MediaSession session : sessions) {
            try {
                session.sendDueTransportFeedback();
                session.sendDueNacks();
            } catch (RuntimeException e) {
                log.warn("{}: transport-cc feedback or NACK not sent", session.participantId(), e);
            }
        }
    }

    void forget(MediaSession session) {
        sessions.remove(session);
        for (String ufrag : session.registeredUfrags()) ufrags.unregister(ufrag, session);
        demultiplexer.unregisterAll(session);
    }

    /** Fresh ICE credentials for an ICE restart of {@code session}, registered under their new ufrag. */
    IceCredentials registerFreshCredentials(MediaSession session) {
        while (true) {
            IceCredentials ice = IceCredentials.generate(random);
            switch (ufrags.register(ice.ufrag(), session)) {
                case REGISTERED -> { return ice; }
                case DUPLICATE -> { } // 48 random bits collided: draw again
                case FULL -> throw new IllegalStateException("the ufrag registry is full");
            }
        }
    }

    void unregisterUfrag(String ufrag, MediaSession session) {
        ufrags.unregister(ufrag, session);
    }

    /** The session a ufrag reaches now, or null; for tests and diagnostics. */
    MediaSession sessionForUfrag(String ufrag) {
        return ufrags.get(ufrag);
    }

    DtlsCertificate certificate() {
        return certificate;
    }

    Fingerprint sdpFingerprint() {
        return sdpFingerprint;
    }

    List<Candidate> candidates() {
        return candidates;
    }

    Demultiplexer demultiplexer() {
        return demultiplexer;
    }

    /** What loss recovery did on this node (also at /metrics). */
    public LossRecoveryCounters lossRecovery() {
        return lossRecovery;
    }

    /**
     * Whether subscribers' NACKs are answered (the default). Off only to measure what loss recovery is worth: the
     * NACKs are still counted, nothing is resent.
     */
    public void answerNacks(boolean on) {
        answerNacks = on;
    }

    boolean answersNacks() {
        return answerNacks;
    }

    /**
     * Last-N: each participant receives the cameras of at most {@code n} others, the most relevant to it
     * ({@link LastN}); audio and shared screens always reach everyone. {@link LastN#ALL} (the default) forwards every
     * camera. Applies to participants who join afterwards.
     */
    public void lastN(int n) {
        if (n < 1) throw new IllegalArgumentException("last-N must be at least 1, was " + n);
        lastN = n;
    }

    int lastN() {
        return lastN;
    }

    public int udpPort() {
        return udp.localPort();
    }

    public int tcpPort() {
        return tcp.localPort();
    }

    @Override
    public void close() {
        reports.shutdownNow();
        udp.close();
        tcp.close();
    }
}
