package dev.plenum.control.signal;

import dev.plenum.control.ControlConfig;
import dev.plenum.control.attendance.AttendanceLog;
import dev.plenum.control.attendance.PersonKey;
import dev.plenum.control.chat.ChatAudience;
import dev.plenum.control.conference.PlannedRooms;
import dev.plenum.control.chat.ChatLog;
import dev.plenum.control.chat.ChatMessage;
import dev.plenum.control.files.RoomFiles;
import dev.plenum.control.slides.Presentations;
import dev.plenum.control.metrics.LimitCounters;
import dev.plenum.control.metrics.LimitCounters.Limit;
import dev.plenum.control.poll.Poll;
import dev.plenum.control.poll.PollBoard;
import dev.plenum.control.qa.Question;
import dev.plenum.control.room.Participant;
import dev.plenum.control.room.Room;
import dev.plenum.control.room.RoomDirectory;
import dev.plenum.control.room.RoomEvent;
import dev.plenum.control.room.RoomFullException;
import dev.plenum.control.room.RoomName;
import dev.plenum.control.token.JoinToken;
import dev.plenum.control.token.JoinTokenSigner;
import dev.plenum.control.token.Role;
import dev.plenum.media.sdp.SdpException;
import dev.plenum.media.session.MediaNode;
import dev.plenum.media.session.MediaSession;
import dev.plenum.media.session.VideoTile;
import java.security.SecureRandom;
import java.time.Clock;
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
    // Reactions are for the moment, not for flooding everyone's screen: one a second, bursts of two.
    private static final int REACTIONS_PER_SECOND = 1;
    // Chat: two messages a second, bursts of four; enough to talk, too few to flood.
    private static final int CHAT_MESSAGES_PER_SECOND = 2;
    private static final int CHAT_HISTORY_ON_JOIN = 200;

    private final ControlConfig config;
    private final JoinTokenSigner tokens;
    private final RoomDirectory rooms;
    private final ScheduledExecutorService timers;
    private final LongSupplier nanoClock;
    private final MediaNode media;
    private final ChatLog chat;
    private final Clock clock;
    private final SignalCodec codec;
    private final LimitCounters limits;
    private final AnswerLimits answerLimits;
    private volatile EncodedEvent lastEncoded;
    private volatile EncodedPoll lastPoll;
    private final Presentations presentations;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, SignalingSession> byResumeToken = new ConcurrentHashMap<>();
    private final Map<SignalingConnection, Open> open = new ConcurrentHashMap<>();
    /** Participants waiting in a lobby, by id, until a host lets them in or turns them away. */
    private final Map<String, SignalingSession> waiting = new ConcurrentHashMap<>();
    private final PlannedRooms planned;
    private final AttendanceLog attendance;
    /** The attendance session of each live planned room (rooms compare by identity: a re-created room is a new one). */
    private final Map<Room, Long> liveSessions = new ConcurrentHashMap<>();

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
                            ScheduledExecutorService timers, LongSupplier nanoClock, MediaNode media,
                            LimitCounters limits, ChatLog chat, Clock clock) {
        this(config, tokens, rooms, timers, nanoClock, media, limits, chat, clock, RoomFiles.none());
    }

    /** @param files the rooms' uploaded files and what each room presents (slides, handouts) */
    public SignalingService(ControlConfig config, JoinTokenSigner tokens, RoomDirectory rooms,
                            ScheduledExecutorService timers, LongSupplier nanoClock, MediaNode media,
                            LimitCounters limits, ChatLog chat, Clock clock, RoomFiles files) {
        this(config, tokens, rooms, timers, nanoClock, media, limits, chat, clock, files, PlannedRooms.NONE, AttendanceLog.NONE);
    }

    /** Planned rooms, without files. */
    public SignalingService(ControlConfig config, JoinTokenSigner tokens, RoomDirectory rooms,
                            ScheduledExecutorService timers, LongSupplier nanoClock, MediaNode media,
                            LimitCounters limits, ChatLog chat, Clock clock, PlannedRooms planned,
                            AttendanceLog attendance) {
        this(config, tokens, rooms, timers, nanoClock, media, limits, chat, clock, RoomFiles.none(), planned, attendance);
    }

    /**
     * @param files      the rooms' uploaded files and what each room presents (slides, handouts)
     * @param planned    which room names belong to conferences (their rooms take the conference's settings)
     * @param attendance where the sessions of planned rooms and their attendance are recorded
     */
    public SignalingService(ControlConfig config, JoinTokenSigner tokens, RoomDirectory rooms,
                            ScheduledExecutorService timers, LongSupplier nanoClock, MediaNode media,
                            LimitCounters limits, ChatLog chat, Clock clock, RoomFiles files, PlannedRooms planned,
                            AttendanceLog attendance) {
        this.presentations = new Presentations(files);
        this.planned = planned;
        this.attendance = attendance;
        this.codec = new SignalCodec(config.iceServers());
        this.limits = limits;
        this.answerLimits = new AnswerLimits(config, limits);
        this.media = media;
        this.chat = chat;
        this.clock = clock;
        this.config = config;
        this.tokens = tokens;
        this.rooms = rooms;
        this.timers = timers;
        this.nanoClock = nanoClock;
        timers.scheduleWithFixedDelay(this::closeSilent, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** Admits a connection, or says why not. */
    Optional<Refusal> open(SignalingConnection connection, String joinToken, String resumeToken) {
        return open(connection, joinToken, resumeToken, null);
    }

    /** As {@link #open(SignalingConnection, String, String)}, from the browser the cookie {@code browserId} names. */
    Optional<Refusal> open(SignalingConnection connection, String joinToken, String resumeToken, String browserId) {
        if (resumeToken != null) return resume(connection, resumeToken);
        Optional<JoinToken> claims = tokens.verify(joinToken);
        if (claims.isEmpty()) return Optional.of(new Refusal(4401, "invalid or expired join token"));
        JoinToken t = claims.get();
        Optional<Room> room = RoomName.parse(t.room()).flatMap(this::openRoom);
        if (room.isEmpty()) return Optional.of(new Refusal(4404, "no such room"));
        if (room.get().contains(t.participantId())) return Optional.of(new Refusal(4409, "join token already used"));
        Optional<Room.Barred> barred = room.get().refusalFor(t.participantId(), browserId);
        if (barred.isPresent()) {
            release(room.get());
            return Optional.of(switch (barred.get()) {
                case REMOVED -> new Refusal(4403, "a host removed you from this meeting");
                case LOCKED -> new Refusal(4423, "the meeting is locked");
            });
        }
        String personKey = PersonKey.of(t.email(), browserId, t.displayName(), t.participantId());
        // Only a person known by e-mail or by browser is the same person when they join again.
        boolean recognisable = t.email() != null || browserId != null;
        Role role = recognisable ? restoredRole(room.get(), t.role(), personKey) : t.role();
        SignalingSession session = new SignalingSession(room.get(), t.participantId(), role, newResumeToken(),
                new RateLimiter(REACTIONS_PER_SECOND, nanoClock.getAsLong()),
                new RateLimiter(CHAT_MESSAGES_PER_SECOND, nanoClock.getAsLong()), browserId);
        session.email = t.email();
        session.accessTokenId = t.accessTokenId();
        session.personKey = personKey;
        session.recognisable = recognisable;
        session.connection = connection;
        Participant me = Participant.arriving(t.participantId(), t.displayName(), role);
        if (room.get().lobbyEnabled() && role != Role.HOST) {
            // Hosts come straight in; everyone else waits until a host lets them in (or turns them away).
            session.waiting = true;
            waiting.put(t.participantId(), session);
            open.put(connection, newOpen(session));
            room.get().enterLobby(me);
            connection.send(codec.simple("lobby", t.participantId()));
            log.info("{} waits in the lobby of room {}", t.participantId(), t.room());
            return Optional.empty();
        }
        return enter(session, me, connection);
    }

    /** Puts a participant into its room: the others are told, it is welcomed, and its media session starts. */
    private Optional<Refusal> enter(SignalingSession session, Participant me, SignalingConnection connection) {
        Room room = session.room;
        List<Participant> others;
        try {
            others = room.join(me, listenerFor(session));
        } catch (RoomFullException e) {
            release(room);
            limits.refused(Limit.PARTICIPANTS_PER_ROOM);
            return Optional.of(new Refusal(4429, e.getMessage()));
        }
        String roomName = room.name().value();
        // A planned room's session starts with its first participant (before anyone can write in it).
        long sessionId = room.plan().map(plan -> liveSessions.computeIfAbsent(room,
                r -> attendance.sessionStarted(plan.organisationId(), plan.conferenceId(), clock.instant()))).orElse(0L);
        byResumeToken.put(session.resumeToken, session);
        open.put(connection, newOpen(session));
        connection.send(codec.welcome(me, roomName, session.resumeToken, others,
                config.reconnectGrace().toMillis(), chat.history(roomName, me.id(), me.role(), CHAT_HISTORY_ON_JOIN)));
        connection.send(codec.questions(room.questions().all(), me.id(), me.role()));
        connection.send(codec.polls(room.polls().all(), me.id(), me.role()));
        sendSlidesAndFiles(connection, room);
        if (me.role() == Role.HOST) connection.send(codec.lobby(room.lobbyEnabled(), room.waitingInLobby()));
        sendReportLink(connection, session);
        boolean mayPublish = room.mayPublish(me.role());
        if (!mayPublish) connection.send(codec.publishRights(false)); // publishing is the default
        if (media != null) session.media = media.join(roomName, me.id(), mayPublish, mediaListener(session));
        if (room.plan().isPresent()) {
            attendance.arrived(sessionId, session.personKey, me.displayName(), session.email, me.role(), clock.instant());
        }
        log.info("{} joined room {}", me.id(), roomName);
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
        Participant me = session.room.participant(session.participantId).orElseThrow();
        connection.send(codec.welcome(me, session.room.name().value(), session.resumeToken, others,
                config.reconnectGrace().toMillis(),
                chat.history(session.room.name().value(), me.id(), me.role(), CHAT_HISTORY_ON_JOIN)));
        connection.send(codec.questions(session.room.questions().all(), me.id(), me.role()));
        connection.send(codec.polls(session.room.polls().all(), me.id(), me.role()));
        sendSlidesAndFiles(connection, session.room);
        sendReportLink(connection, session);
        if (!session.room.mayPublish(me.role())) connection.send(codec.publishRights(false));
        log.info("{} resumed in room {}", session.participantId, session.room.name().value());
        // The path that carried the media may be gone with the network that dropped: restart ICE (RFC 8445 §9).
        MediaSession m = session.media;
        if (m != null) {
            m.restartIce();
            m.announceLastN();
        }
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
            limits.refused(Limit.SIGNALING_MESSAGE_SIZE);
            connection.send(codec.error("too-large", null, "message exceeds " + config.maxSignalingMessageBytes() + " bytes"));
            return;
        }
        if (!o.limiter().tryAcquire(nanoClock.getAsLong())) {
            limits.refused(Limit.SIGNALING_MESSAGE_RATE);
            connection.send(codec.error("rate-limited", null, "too many messages; slow down"));
            return;
        }
        ClientMessage message;
        try {
            message = codec.decode(text);
        } catch (SignalException e) {
            if ("sdp".equals(e.field()) && "too-large".equals(e.code())) limits.refused(Limit.SDP_SIZE);
            connection.send(codec.error(e.code(), e.field(), e.getMessage()));
            return;
        }
        SignalingSession s = o.session();
        if (s.waiting && !(message instanceof ClientMessage.Ping || message instanceof ClientMessage.Leave)) {
            connection.send(codec.error("waiting", "type", "you are waiting for a host to let you in"));
            return;
        }
        switch (message) {
            case ClientMessage.Leave l -> {
                remove(s);
                connection.close(1000, "left");
            }
            case ClientMessage.Mute m -> s.room.setMuted(s.participantId, m.kind(), m.muted());
            case ClientMessage.Ping p -> connection.send(codec.pong());
            case ClientMessage.Hand h -> onHand(connection, s, h);
            case ClientMessage.Chat c -> onChat(connection, s, c);
            case ClientMessage.Presenting p -> onPresenting(connection, s, p);
            case ClientMessage.AudioOnly a -> {
                MediaSession m = s.media;
                if (m != null) m.setAudioOnly(a.on());
            }
            case ClientMessage.TileSizes t -> {
                MediaSession m = s.media;
                // A tile of someone who has just left is simply not found; that is no error.
                if (m != null) m.setTileSizes(t.tiles().stream()
                        .map(tile -> new VideoTile(tile.participantId(), tile.screen(), tile.width(), tile.height())).toList());
            }
            case ClientMessage.ShareScreen share -> shareScreen(connection, s, share.on());
            case ClientMessage.Ask a -> {
                if (!s.chat.tryAcquire(nanoClock.getAsLong())) {
                    connection.send(codec.error("rate-limited", "text", "too many messages; slow down"));
                    return;
                }
                s.room.participant(s.participantId).ifPresent(me -> s.room.questionChanged(
                        s.room.questions().ask(me.id(), me.displayName(), a.anonymous(), a.text(), clock.instant())));
            }
            case ClientMessage.CreatePoll c -> {
                if (requireHost(connection, s)) s.room.pollChanged(s.room.polls().create(c.question(), c.options(),
                        c.multiple(), c.anonymous(), clock.instant()));
            }
            case ClientMessage.Vote v -> {
                switch (s.room.polls().vote(v.pollId(), s.participantId, v.choices())) {
                    case PollBoard.VoteResult.Counted counted -> s.room.pollChanged(counted.poll());
                    case PollBoard.VoteResult.NoSuchPoll n -> connection.send(codec.error("not-found", "pollId", "no such poll in this room"));
                    case PollBoard.VoteResult.Closed c -> connection.send(codec.error("poll-closed", "pollId", "this poll is closed"));
                    case PollBoard.VoteResult.InvalidChoices i -> connection.send(codec.error("invalid-field", "choices",
                            "choose one of the poll's options (several only in a multiple-choice poll)"));
                }
            }
            case ClientMessage.ClosePoll c -> {
                if (requireHost(connection, s)) changePoll(connection, s, s.room.polls().close(c.pollId()));
            }
            case ClientMessage.SharePollResults r -> {
                if (requireHost(connection, s)) changePoll(connection, s, s.room.polls().shareResults(r.pollId()));
            }
            case ClientMessage.Upvote u -> changeQuestion(connection, s, s.room.questions().toggleUpvote(u.questionId(), s.participantId));
            case ClientMessage.AnswerQuestion a -> {
                if (requireHost(connection, s)) {
                    String hostName = s.room.participant(s.participantId).map(Participant::displayName).orElse("");
                    changeQuestion(connection, s, s.room.questions().answer(a.questionId(),
                            new Question.Answer(a.text(), hostName, a.privately())));
                }
            }
            case ClientMessage.SetQuestionStatus q -> {
                if (requireHost(connection, s)) changeQuestion(connection, s, s.room.questions().setStatus(q.questionId(), q.status()));
            }
            case ClientMessage.MuteParticipant m -> {
                if (requireHost(connection, s) && requirePresent(connection, s, m.participantId())) mute(s, m.participantId(), m.kind());
            }
            case ClientMessage.MuteEveryone m -> {
                if (requireHost(connection, s)) {
                    s.room.participants().stream().filter(p -> p.role() != Role.HOST && !p.audioMuted())
                            .forEach(p -> mute(s, p.id(), "audio"));
                }
            }
            case ClientMessage.RemoveParticipant r -> {
                if (requireHost(connection, s) && requirePresent(connection, s, r.participantId())) expel(s, r.participantId());
            }
            case ClientMessage.SetLobby l -> {
                if (requireHost(connection, s)) s.room.setLobbyEnabled(l.enabled());
            }
            case ClientMessage.Admit a -> {
                if (requireHost(connection, s)) letIn(connection, s, a.participantId(), a.admitted());
            }
            case ClientMessage.Promote p -> {
                if (requireHost(connection, s) && requirePresent(connection, s, p.participantId())) invite(connection, s, p.participantId());
            }
            case ClientMessage.AnswerPromotion a -> answerInvitation(connection, s, a.accepted());
            case ClientMessage.Demote d -> {
                if (requireHost(connection, s) && requirePresent(connection, s, d.participantId())) demote(connection, s, d.participantId());
            }
            case ClientMessage.LockRoom l -> {
                if (requireHost(connection, s)) s.room.setLocked(l.locked(), s.participantId);
            }
            case ClientMessage.React r -> {
                if (s.reactions.tryAcquire(nanoClock.getAsLong())) s.room.react(s.participantId, r.reaction());
                else connection.send(codec.error("rate-limited", "reaction", "at most one reaction a second"));
            }
            case ClientMessage.Answer a -> {
                try {
                    answerLimits.check(a.sdp());
                } catch (SignalException e) {
                    connection.send(codec.error(e.code(), e.field(), e.getMessage()));
                    return;
                }
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

    /** Anyone raises or lowers their own hand; only a host lowers (or raises) someone else's. */
    private void onHand(SignalingConnection connection, SignalingSession s, ClientMessage.Hand h) {
        String whose = h.participantId() == null ? s.participantId : h.participantId();
        if (!whose.equals(s.participantId) && s.role != Role.HOST) {
            connection.send(codec.error("forbidden", "participantId", "only a host may change someone else's hand"));
            return;
        }
        if (!s.room.setHand(whose, h.raised(), s.participantId))
            connection.send(codec.error("not-found", "participantId", "no such participant in this room"));
    }

    private void changePoll(SignalingConnection connection, SignalingSession s, Optional<Poll> changed) {
        changed.ifPresentOrElse(s.room::pollChanged,
                () -> connection.send(codec.error("not-found", "pollId", "no such poll in this room")));
    }

    private void changeQuestion(SignalingConnection connection, SignalingSession s, Optional<Question> changed) {
        changed.ifPresentOrElse(s.room::questionChanged,
                () -> connection.send(codec.error("not-found", "questionId", "no such question in this room")));
    }

    /** A host lets a waiting participant in, or turns it away (its socket closes with 4406). */
    private void letIn(SignalingConnection hostConnection, SignalingSession host, String participantId, boolean admitted) {
        Optional<Participant> waiter = host.room.leaveLobby(participantId);
        SignalingSession session = waiting.remove(participantId);
        if (waiter.isEmpty() || session == null) {
            hostConnection.send(codec.error("not-found", "participantId", "nobody by that id is waiting"));
            return;
        }
        SignalingConnection c = session.connection;
        if (c == null) return;
        if (!admitted) {
            open.remove(c);
            c.close(4406, "a host did not let you in");
            log.info("{} turned away from room {} by {}", participantId, host.room.name().value(), host.participantId);
            return;
        }
        session.waiting = false;
        enter(session, waiter.get(), c).ifPresent(refusal -> {
            open.remove(c);
            c.close(refusal.closeCode(), refusal.reason());
        });
    }

    /** A host invites an attendee to speak; only the attendee is told, and only its acceptance promotes it. */
    private void invite(SignalingConnection hostConnection, SignalingSession host, String participantId) {
        SignalingSession target = sessionOf(host.room, participantId);
        if (target == null || target.role != Role.ATTENDEE) {
            hostConnection.send(codec.error("invalid-field", "participantId", "only an attendee can be invited to speak"));
            return;
        }
        target.invitedBy = host.participantId;
        host.room.tell(p -> p.id().equals(participantId), new RoomEvent.PromotionOffered(participantId, host.participantId));
        log.info("{} invited {} to speak in room {}", host.participantId, participantId, host.room.name().value());
    }

    /** The invited attendee's answer; without a pending invitation it is refused and nothing changes. */
    private void answerInvitation(SignalingConnection connection, SignalingSession s, boolean accepted) {
        synchronized (s) { // against a host's demotion at the same moment: one decision after the other
            if (s.invitedBy == null || s.role != Role.ATTENDEE) {
                connection.send(codec.error("forbidden", "type", "nobody has invited you to speak"));
                return;
            }
            s.invitedBy = null;
            if (accepted) changeRole(s, Role.PRESENTER);
        }
        if (!accepted) s.room.tell(p -> p.role() == Role.HOST, new RoomEvent.PromotionDeclined(s.participantId));
    }

    /** A host makes a presenter an attendee again (a pending invitation is withdrawn too). */
    private void demote(SignalingConnection hostConnection, SignalingSession host, String participantId) {
        SignalingSession target = sessionOf(host.room, participantId);
        if (target == null || target.role == Role.HOST) {
            hostConnection.send(codec.error("invalid-field", "participantId", "a host cannot be demoted"));
            return;
        }
        synchronized (target) {
            target.invitedBy = null;
            if (target.role == Role.PRESENTER) changeRole(target, Role.ATTENDEE);
        }
    }

    /**
     * The role is the server's: the session, the room (everyone is told), the media plane (in a webinar the
     * participant's slots open or close and a demoted presenter's tracks leave everyone at once), the report, and in a
     * planned room the kept grant that gives the person this role again when the room is opened again. Called with
     * the session's lock held, so decisions about one participant are kept in the order they were taken.
     */
    private void changeRole(SignalingSession s, Role role) {
        keepGrant(s, role);
        s.role = role;
        s.room.setRole(s.participantId, role);
        boolean mayPublish = s.room.mayPublish(role);
        if (!mayPublish) {
            synchronized (s.room.screenShareOrder()) {
                s.room.stopScreenShare(s.participantId); // its media slot closes with its rights below
            }
        }
        SignalingConnection c = s.connection;
        if (c != null) c.send(codec.publishRights(mayPublish));
        MediaSession m = s.media;
        if (m != null) m.setMayPublish(mayPublish);
        Long sessionId = liveSessions.get(s.room);
        if (sessionId != null) attendance.roleChanged(sessionId, s.personKey, role);
        log.info("{} is now {} in room {}", s.participantId, role, s.room.name().value());
    }

    /** In a planned room, the role a host gave this (recognisable) person is kept for when the room is opened again. */
    private void keepGrant(SignalingSession s, Role role) {
        if (!s.recognisable || s.room.plan().isEmpty()) return;
        try {
            s.room.roleGrants().granted(s.room.name().value(), s.personKey, role, clock.instant());
        } catch (RuntimeException e) { // the live room still changes: keeping the role must not stop a meeting
            log.warn("could not keep the role of {} in room {}", s.participantId, s.room.name().value(), e);
        }
    }

    /**
     * An attendee whom a host made a presenter in this planned room, and did not demote since, is a presenter again
     * when they come back, whether the room lived on or was opened again (after a restart, or on another node).
     */
    private Role restoredRole(Room room, Role given, String personKey) {
        if (given != Role.ATTENDEE || room.plan().isEmpty()) return given;
        try {
            return room.roleGrants().lastGranted(room.name().value(), personKey).filter(r -> r == Role.PRESENTER).orElse(given);
        } catch (RuntimeException e) {
            log.warn("could not read the kept roles of room {}", room.name().value(), e);
            return given;
        }
    }

    private SignalingSession sessionOf(Room room, String participantId) {
        return byResumeToken.values().stream()
                .filter(x -> x.room == room && x.participantId.equals(participantId)).findFirst().orElse(null);
    }

    /**
     * The room of a name: a conference's room takes the conference's settings and exists whatever the ad-hoc
     * setting; any other name is an ad-hoc room, if those are allowed.
     */
    private Optional<Room> openRoom(RoomName name) {
        Optional<dev.plenum.control.conference.PlannedRoom> plan;
        try {
            plan = planned.byRoomName(name.value());
        } catch (RuntimeException e) {
            log.warn("could not look up room {}", name.value(), e);
            return Optional.empty();
        }
        return plan.isPresent() ? Optional.of(rooms.openPlanned(name, plan.get())) : rooms.open(name);
    }

    /** Forgets an empty room; a planned room's session ends with it. */
    private void release(Room room) {
        if (!rooms.releaseIfEmpty(room)) return;
        Long sessionId = liveSessions.remove(room);
        if (sessionId != null) attendance.sessionEnded(sessionId, clock.instant());
    }

    private boolean requireHost(SignalingConnection connection, SignalingSession s) {
        if (s.role == Role.HOST) return true;
        connection.send(codec.error("forbidden", "type", "only a host may do this"));
        return false;
    }

    private boolean requirePresent(SignalingConnection connection, SignalingSession s, String participantId) {
        if (s.room.contains(participantId)) return true;
        connection.send(codec.error("not-found", "participantId", "no such participant in this room"));
        return false;
    }

    /** The others see the mute at once; the participant's page is asked to stop sending too. */
    private void mute(SignalingSession host, String participantId, String kind) {
        host.room.setMuted(participantId, kind, true);
        host.room.tell(p -> p.id().equals(participantId), new RoomEvent.MutedByHost(participantId, kind, host.participantId));
    }

    /** Removes the participant for the rest of the session: its socket closes, its token and browser are refused. */
    private void expel(SignalingSession host, String participantId) {
        SignalingSession target = sessionOf(host.room, participantId);
        host.room.expel(participantId, target == null ? null : target.browserId);
        if (target == null) return;
        synchronized (target) { // a removed presenter who comes back in a later session is an attendee
            target.invitedBy = null;
            if (target.role == Role.PRESENTER) keepGrant(target, Role.ATTENDEE);
        }
        Long accessToken = target.accessTokenId;
        if (accessToken != null) planned.revokeAccessToken(accessToken); // the personal link is spent
        SignalingConnection c = target.connection;
        remove(target);
        if (c != null) {
            open.remove(c);
            c.close(4403, "a host removed you from this meeting");
        }
        log.info("{} removed from room {} by {}", participantId, host.room.name().value(), host.participantId);
    }

    /** Keeps the message, then tells exactly those who may read it: the sender and the audience. */
    private void onChat(SignalingConnection connection, SignalingSession s, ClientMessage.Chat c) {
        if (!s.chat.tryAcquire(nanoClock.getAsLong())) {
            connection.send(codec.error("rate-limited", "text", "too many chat messages; slow down"));
            return;
        }
        if (c.to() instanceof ChatAudience.Person p && !s.room.contains(p.participantId())) {
            connection.send(codec.error("not-found", "to", "no such participant in this room"));
            return;
        }
        Participant sender = s.room.participant(s.participantId).orElse(null);
        if (sender == null) return;
        ChatMessage m = chat.append(s.room.name().value(), sender.id(), sender.displayName(), c.to(), c.text(),
                clock.instant());
        s.room.tell(p -> m.visibleTo(p.id(), p.role()), new RoomEvent.Chatted(m));
    }

    /** Hosts of a planned room hear where the live session's report is; nobody else does. */
    private void sendReportLink(SignalingConnection connection, SignalingSession s) {
        if (s.role != Role.HOST) return;
        Long sessionId = liveSessions.get(s.room);
        s.room.plan().ifPresent(plan -> {
            if (sessionId != null && sessionId != 0) connection.send(codec.sessionReport(plan.conferenceId(), sessionId));
        });
    }

    /** Sent after {@code polls}: what the room shows now, the files it offers for download, and a shared screen. */
    private void sendSlidesAndFiles(SignalingConnection connection, Room room) {
        String name = room.name().value();
        connection.send(codec.slides(presentations.current(name).orElse(null)));
        connection.send(codec.files(presentations.shared(name)));
        room.screenSharer().ifPresent(id -> connection.send(codec.screenShare(id, MediaSession.screenStreamId(id))));
    }

    /**
     * Screen sharing (docs/signaling.md): whoever may publish now may share; one screen at a time, a newer share
     * replacing the older one, whose sharer learns it from the same {@code screenShare} event everyone gets and whose
     * screen leaves every PeerConnection. The room's sharer and the media plane's open screen slot change together
     * under the room's sharing lock, so two people starting at once leave exactly one screen open.
     */
    private void shareScreen(SignalingConnection connection, SignalingSession s, boolean on) {
        MediaSession m = s.media;
        synchronized (s.room.screenShareOrder()) {
            if (!on) {
                if (s.room.stopScreenShare(s.participantId) && m != null) m.shareScreen(false);
                return;
            }
            if (!s.room.mayPublish(s.role)) {
                connection.send(codec.error("forbidden", "type", "only hosts and presenters may share a screen here"));
                return;
            }
            if (m == null) {
                connection.send(codec.error("no-media", null, "this server carries no media"));
                return;
            }
            s.room.startScreenShare(s.participantId).map(id -> sessionOf(s.room, id)).map(previous -> previous.media)
                    .ifPresent(previous -> previous.shareScreen(false));
            if (!m.shareScreen(true)) s.room.stopScreenShare(s.participantId);
        }
    }

    /** Slides and handouts: hosts and presenters (their role now) only; everyone hears of the change. */
    private void onPresenting(SignalingConnection connection, SignalingSession s, ClientMessage.Presenting message) {
        Role role = s.room.participant(s.participantId).map(Participant::role).orElse(s.role);
        if (role != Role.HOST && role != Role.PRESENTER) {
            connection.send(codec.error("forbidden", "type", "only hosts and presenters may present or share files"));
            return;
        }
        String room = s.room.name().value();
        Consumer<RoomEvent> everyone = event -> s.room.tell(p -> true, event);
        Optional<Presentations.Refusal> refused = switch (message) {
            case ClientMessage.PresentFile p -> presentations.present(room, p.fileId(), everyone);
            case ClientMessage.TurnPage t -> presentations.turn(room, t.page(), everyone);
            case ClientMessage.StopPresenting x -> presentations.stop(room, everyone);
            case ClientMessage.ShareFile f -> presentations.share(room, f.fileId(), f.shared(), everyone);
        };
        refused.ifPresent(r -> connection.send(codec.error(r.code(), r.field(), r.message())));
    }

    void onClose(SignalingConnection connection, int statusCode) {
        Open o = open.remove(connection);
        if (o == null) return;
        SignalingSession s = o.session();
        if (s.waiting) {
            waiting.remove(s.participantId);
            s.room.leaveLobby(s.participantId);
            release(s.room);
            return;
        }
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
        if (s.room.leave(s.participantId)) {
            log.info("{} left room {}", s.participantId, s.room.name().value());
            Long sessionId = liveSessions.get(s.room);
            if (sessionId != null) attendance.departed(sessionId, s.personKey, clock.instant());
        }
        release(s.room);
    }

    private Consumer<RoomEvent> listenerFor(SignalingSession session) {
        return event -> {
            SignalingConnection c = session.connection;
            if (c == null) return;
            c.send(switch (event) {
                // What a poll or a question shows depends on who reads it (votes, private answers).
                case RoomEvent.PollChanged p -> pollFor(p, session);
                case RoomEvent.QuestionChanged q -> codec.question(q.question(), session.participantId, session.role);
                default -> encodedForEveryone(event);
            });
        };
    }

    /**
     * The JSON of an event that reads the same to everyone. A room hands one event object to every listener in turn,
     * so the last one encoded is kept: a join in a room of N is encoded once, not N times.
     */
    private String encodedForEveryone(RoomEvent event) {
        EncodedEvent last = lastEncoded;
        if (last != null && last.event() == event) return last.json();
        String json = switch (event) {
            case RoomEvent.Joined j -> codec.joined(j.participant());
            case RoomEvent.Left l -> codec.simple("participantLeft", l.participantId());
            case RoomEvent.Reconnecting r -> codec.simple("participantReconnecting", r.participantId());
            case RoomEvent.Resumed r -> codec.simple("participantResumed", r.participantId());
            case RoomEvent.MuteChanged m -> codec.muted(m.participantId(), m.kind(), m.muted());
            case RoomEvent.HandChanged h -> codec.hand(h.participantId(), h.raisedAt(), h.changedBy());
            case RoomEvent.Reacted r -> codec.reaction(r.participantId(), r.reaction());
            case RoomEvent.Chatted chatted -> codec.chat(chatted.message());
            case RoomEvent.LockChanged l -> codec.locked(l.locked(), l.changedBy());
            case RoomEvent.LobbyChanged l -> codec.lobby(l.enabled(), l.waiting());
            case RoomEvent.MutedByHost m -> codec.mutedByHost(m.kind(), m.hostId());
            case RoomEvent.RoleChanged r -> codec.roleChanged(r.participantId(), r.role());
            case RoomEvent.PromotionOffered p -> codec.promotionOffered(p.hostId());
            case RoomEvent.PromotionDeclined d -> codec.simple("promotionDeclined", d.participantId());
            case RoomEvent.SlidesChanged sc -> codec.slides(sc.state());
            case RoomEvent.FilesShared f -> codec.files(f.files());
            case RoomEvent.ScreenShareChanged sc -> codec.screenShare(sc.participantId(),
                    sc.participantId() == null ? null : MediaSession.screenStreamId(sc.participantId()));
            case RoomEvent.PollChanged p -> throw new IllegalArgumentException("a poll reads differently to each participant");
            case RoomEvent.QuestionChanged q -> throw new IllegalArgumentException("a question reads differently to each participant");
        };
        lastEncoded = new EncodedEvent(event, json);
        return json;
    }

    private record EncodedEvent(RoomEvent event, String json) {}

    /**
     * A poll as {@code session} reads it. Only a voter's own choices make it personal, so everyone of one role who has
     * not voted reads the same JSON: it is encoded once per role and event (a new poll in a room of 1000, 1–3 times).
     */
    private String pollFor(RoomEvent.PollChanged p, SignalingSession session) {
        Role role = session.role;
        if (p.poll().votes().containsKey(session.participantId)) return codec.poll(p.poll(), session.participantId, role);
        EncodedPoll last = lastPoll;
        if (last == null || last.event() != p) {
            last = new EncodedPoll(p, new String[Role.values().length]);
            lastPoll = last;
        }
        String json = last.byRole()[role.ordinal()];
        if (json == null) {
            json = codec.poll(p.poll(), session.participantId, role);
            last.byRole()[role.ordinal()] = json; // a String is safely published; a race only encodes it twice
        }
        return json;
    }

    private record EncodedPoll(RoomEvent.PollChanged event, String[] byRole) {}

    private MediaSession.Listener mediaListener(SignalingSession session) {
        return new MediaSession.Listener() {
            @Override public void onOffer(String sdp) {
                SignalingConnection c = session.connection;
                if (c != null) c.send(codec.offer(sdp));
            }

            @Override public void onActiveSpeaker(String participantId) {
                SignalingConnection c = session.connection;
                if (c != null) c.send(codec.simple("activeSpeaker", participantId));
            }

            @Override public void onLastN(List<String> forwardedCameras) {
                SignalingConnection c = session.connection;
                if (c != null) c.send(codec.lastN(forwardedCameras));
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
