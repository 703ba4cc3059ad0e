package dev.plenum.control.signal;

import dev.plenum.control.ControlConfig;
import dev.plenum.control.room.Participant;
import dev.plenum.control.room.Room;
import dev.plenum.control.room.RoomDirectory;
import dev.plenum.control.room.RoomEvent;
import dev.plenum.control.room.RoomFullException;
import dev.plenum.control.room.RoomName;
import dev.plenum.control.token.JoinToken;
import dev.plenum.control.token.JoinTokenSigner;
import dev.plenum.media.sdp.SdpException;
import dev.plenum.media.session.MediaNode;
import dev.plenum.media.session.MediaSession;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signaling logic, independent of the WebSocket library. A connection's life:
 * <ol>
 *   <li>{@link #open} with a join token (a new participant) or a resume token (the same participant within the grace period);
 *   <li>{@link #onText} for each message: size check, rate limit, decode, act; a bad message gets an error reply only;
 *   <li>{@link #onClose}: a normal close (1000/1001) or an explicit leave removes the participant at once; any other
 *       close starts the reconnect grace period, after which the participant is removed.
 * </ol>
 * Thread model: called from the WebSocket server's threads (virtual threads); state is in concurrent maps and the
 * {@link Room}'s own lock.
 */
public final class SignalingService {
    private static final Logger log = LoggerFactory.getLogger(SignalingService.class);
    private static final Base64.Encoder TOKEN_ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final ControlConfig config;
    private final JoinTokenSigner tokens;
    private final RoomDirectory rooms;
    private final ScheduledExecutorService timers;
    private final LongSupplier nanoClock;
    private final MediaNode media;
    private final SignalCodec codec = new SignalCodec();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, SignalingSession> byResumeToken = new ConcurrentHashMap<>();
    private final Map<SignalingConnection, Open> open = new ConcurrentHashMap<>();

    /**
     * A page pings at least every {@value #PING_INTERVAL_MS} ms; a connection silent for this long is taken for a
     * network drop even though TCP has not noticed yet, so the others see "reconnecting" while the page is away.
     */
    static final long SILENCE_LIMIT_NANOS = 4_000_000_000L;
    /** How often a page pings (docs/signaling.md). */
    static final long PING_INTERVAL_MS = 1000;

    /** An admitted connection: whose it is, its rate limit, and when it was last heard from. */
    private static final class Open {
        final SignalingSession session;
        final RateLimiter limiter;
        volatile long lastHeardNanos;

        Open(SignalingSession session, RateLimiter limiter, long nowNanos) {
            this.session = session;
            this.limiter = limiter;
            this.lastHeardNanos = nowNanos;
        }

        SignalingSession session() {
            return session;
        }

        RateLimiter limiter() {
            return limiter;
        }
    }

    /** Why a connection was refused before it joined; sent as the WebSocket close reason. */
    public record Refusal(int closeCode, String reason) {}

    public SignalingService(ControlConfig config, JoinTokenSigner tokens, RoomDirectory rooms,
                            ScheduledExecutorService timers, LongSupplier nanoClock, MediaNode media) {
        this.media = media;
        this.config = config;
        this.tokens = tokens;
        this.rooms = rooms;
        this.timers = timers;
        this.nanoClock = nanoClock;
        timers.scheduleWithFixedDelay(this::closeSilent, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** Admits a connection, or says why not. */
    Optional<Refusal> open(SignalingConnection connection, String joinToken, String resumeToken) {
        if (resumeToken != null) return resume(connection, resumeToken);
        Optional<JoinToken> claims = tokens.verify(joinToken);
        if (claims.isEmpty()) return Optional.of(new Refusal(4401, "invalid or expired join token"));
        JoinToken t = claims.get();
        Optional<Room> room = RoomName.parse(t.room()).flatMap(rooms::open);
        if (room.isEmpty()) return Optional.of(new Refusal(4404, "no such room"));
        if (room.get().contains(t.participantId())) return Optional.of(new Refusal(4409, "join token already used"));
        SignalingSession session = new SignalingSession(room.get(), t.participantId(), newResumeToken());
        session.connection = connection;
        Participant me = new Participant(t.participantId(), t.displayName(), t.role(), Participant.Presence.CONNECTED, false, false);
        List<Participant> others;
        try {
            others = room.get().join(me, listenerFor(session));
        } catch (RoomFullException e) {
            rooms.releaseIfEmpty(room.get());
            return Optional.of(new Refusal(4429, e.getMessage()));
        }
        byResumeToken.put(session.resumeToken, session);
        open.put(connection, newOpen(session));
        connection.send(codec.welcome(t.participantId(), t.room(), session.resumeToken, others,
                config.reconnectGrace().toMillis()));
        if (media != null) session.media = media.join(t.room(), t.participantId(), mediaListener(session));
        log.info("{} joined room {}", t.participantId(), t.room());
        return Optional.empty();
    }

    private Optional<Refusal> resume(SignalingConnection connection, String resumeToken) {
        SignalingSession session = byResumeToken.get(resumeToken);
        if (session == null || !session.room.contains(session.participantId))
            return Optional.of(new Refusal(4410, "the reconnect grace period is over; join again"));
        var timer = session.graceTimer;
        if (timer != null) timer.cancel(false);
        SignalingConnection previous = session.connection;
        session.connection = connection;
        if (previous != null) {
            open.remove(previous);
            previous.close(4000, "resumed on another connection");
        }
        List<Participant> others = session.room.resume(session.participantId, listenerFor(session));
        open.put(connection, newOpen(session));
        connection.send(codec.welcome(session.participantId, session.room.name().value(), session.resumeToken, others,
                config.reconnectGrace().toMillis()));
        log.info("{} resumed in room {}", session.participantId, session.room.name().value());
        // The path that carried the media may be gone with the network that dropped: restart ICE (RFC 8445 §9).
        MediaSession m = session.media;
        if (m != null) m.restartIce();
        return Optional.empty();
    }

    private Open newOpen(SignalingSession session) {
        long now = nanoClock.getAsLong();
        return new Open(session, new RateLimiter(config.maxSignalingMessagesPerSecond(), now), now);
    }

    void onText(SignalingConnection connection, String text) {
        Open o = open.get(connection);
        if (o == null) return;
        o.lastHeardNanos = nanoClock.getAsLong();
        if (text.length() > config.maxSignalingMessageBytes()) {
            connection.send(codec.error("too-large", null, "message exceeds " + config.maxSignalingMessageBytes() + " bytes"));
            return;
        }
        if (!o.limiter().tryAcquire(nanoClock.getAsLong())) {
            connection.send(codec.error("rate-limited", null, "too many messages; slow down"));
            return;
        }
        ClientMessage message;
        try {
            message = codec.decode(text);
        } catch (SignalException e) {
            connection.send(codec.error(e.code(), e.field(), e.getMessage()));
            return;
        }
        SignalingSession s = o.session();
        switch (message) {
            case ClientMessage.Leave l -> {
                remove(s);
                connection.close(1000, "left");
            }
            case ClientMessage.Mute m -> s.room.setMuted(s.participantId, m.kind(), m.muted());
            case ClientMessage.Ping p -> connection.send(codec.pong());
            case ClientMessage.Answer a -> {
                MediaSession m = s.media;
                if (m == null) {
                    connection.send(codec.error("no-media", null, "this server carries no media"));
                    return;
                }
                try {
                    m.onAnswer(a.sdp());
                } catch (SdpException e) {
                    connection.send(codec.error("invalid-sdp", "sdp", e.getMessage()));
                }
            }
        }
    }

    void onClose(SignalingConnection connection, int statusCode) {
        Open o = open.remove(connection);
        if (o == null) return;
        SignalingSession s = o.session();
        if (s.connection != connection) return; // already resumed elsewhere
        s.connection = null;
        if (statusCode == 1000 || statusCode == 1001) {
            remove(s);
            return;
        }
        s.room.markReconnecting(s.participantId);
        s.graceTimer = timers.schedule(() -> {
            if (s.connection == null) remove(s);
        }, config.reconnectGrace().toMillis(), TimeUnit.MILLISECONDS);
        log.info("{} dropped (close {}); waiting {} for it to resume", s.participantId, statusCode, config.reconnectGrace());
    }

    /** Treats connections silent for longer than {@link #SILENCE_LIMIT_NANOS} as dropped (close 4408). */
    void closeSilent() {
        long now = nanoClock.getAsLong();
        for (var e : open.entrySet()) {
            if (now - e.getValue().lastHeardNanos <= SILENCE_LIMIT_NANOS) continue;
            SignalingConnection c = e.getKey();
            log.info("{}: nothing heard for {} ms", e.getValue().session().participantId, (now - e.getValue().lastHeardNanos) / 1_000_000);
            onClose(c, 4408);
            c.close(4408, "no ping received in time");
        }
    }

    private void remove(SignalingSession s) {
        byResumeToken.remove(s.resumeToken);
        var timer = s.graceTimer;
        if (timer != null) timer.cancel(false);
        MediaSession m = s.media;
        if (m != null) m.close();
        if (s.room.leave(s.participantId)) log.info("{} left room {}", s.participantId, s.room.name().value());
        rooms.releaseIfEmpty(s.room);
    }

    private Consumer<RoomEvent> listenerFor(SignalingSession session) {
        return event -> {
            SignalingConnection c = session.connection;
            if (c == null) return;
            c.send(switch (event) {
                case RoomEvent.Joined j -> codec.joined(j.participant());
                case RoomEvent.Left l -> codec.simple("participantLeft", l.participantId());
                case RoomEvent.Reconnecting r -> codec.simple("participantReconnecting", r.participantId());
                case RoomEvent.Resumed r -> codec.simple("participantResumed", r.participantId());
                case RoomEvent.MuteChanged m -> codec.muted(m.participantId(), m.kind(), m.muted());
            });
        };
    }

    private MediaSession.Listener mediaListener(SignalingSession session) {
        return new MediaSession.Listener() {
            @Override public void onOffer(String sdp) {
                SignalingConnection c = session.connection;
                if (c != null) c.send(codec.offer(sdp));
            }

            @Override public void onMediaFailed(String reason) {
                SignalingConnection c = session.connection;
                if (c != null) c.send(codec.error("media-failed", null, reason));
            }
        };
    }

    private String newResumeToken() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return TOKEN_ENCODER.encodeToString(b);
    }

    /** Open signaling connections, for metrics. */
    public int openConnections() {
        return open.size();
    }
}
