package dev.plenum.control.room;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Who is in one room and who must hear about changes. Thread model: every method is synchronized on the room;
 * listeners are called outside the lock so a slow socket cannot stall the room.
 */
public final class Room {
    private final RoomName name;
    private final int maxParticipants;
    private final Map<String, Member> members = new LinkedHashMap<>();
    private long handsRaised; // orders the hand queue
    // Moderation lasts as long as the room does, i.e. for this session of the meeting.
    private final java.util.Set<String> removedParticipants = new java.util.HashSet<>();
    private final java.util.Set<String> removedBrowsers = new java.util.HashSet<>();
    private boolean locked;
    /** Whether the room is being recorded (everyone is told, newcomers too). */
    private boolean recording;
    private final Object recordingOrder = new Object();
    private boolean lobbyEnabled;
    private final Map<String, Participant> lobby = new LinkedHashMap<>(); // first come, first listed
    /** Who shares a screen, or null; one at a time, the newest share replacing the older one. */
    private String screenSharer;
    /** Orders a change of the sharer with the media plane's changes that follow it (see SignalingService). */
    private final Object screenShareOrder = new Object();
    private final dev.plenum.control.qa.QuestionBoard questions;
    private final dev.plenum.control.poll.PollBoard polls;

    private final RoleGrants roles;

    private record Member(Participant participant, Consumer<RoomEvent> listener) {}

    /** The conference this room belongs to; null for an ad-hoc room. Set once, before anyone is in. */
    private dev.plenum.control.conference.PlannedRoom plan;

    Room(RoomName name, int maxParticipants, RoomRecords records) {
        this.name = name;
        this.maxParticipants = maxParticipants;
        this.roles = records.roles();
        this.questions = new dev.plenum.control.qa.QuestionBoard(name.value(), records.questions());
        this.polls = new dev.plenum.control.poll.PollBoard(name.value(), records.polls());
    }

    public RoomName name() {
        return name;
    }

    /** Makes this (new) room the live room of a conference: its lobby setting and who may publish follow it. */
    synchronized void plan(dev.plenum.control.conference.PlannedRoom planned) {
        plan = planned;
        lobbyEnabled = planned.lobbyEnabled();
    }

    public synchronized Optional<dev.plenum.control.conference.PlannedRoom> plan() {
        return Optional.ofNullable(plan);
    }

    /** Hosts and presenters always publish; attendees everywhere but in a webinar. */
    public synchronized boolean mayPublish(dev.plenum.control.token.Role role) {
        return role != dev.plenum.control.token.Role.ATTENDEE || plan == null || plan.attendeesMayPublish();
    }

    /** A host promoted or demoted someone; everyone, the participant included, is told. False when not here. */
    public boolean setRole(String participantId, dev.plenum.control.token.Role role) {
        if (!contains(participantId)) return false;
        update(participantId, p -> p.withRole(role), null, new RoomEvent.RoleChanged(participantId, role), true);
        return true;
    }

    /** Adds a participant and tells the others; returns who was already there. */
    public List<Participant> join(Participant p, Consumer<RoomEvent> listener) throws RoomFullException {
        List<Consumer<RoomEvent>> others;
        List<Participant> present;
        synchronized (this) {
            if (!members.containsKey(p.id()) && members.size() >= maxParticipants) throw new RoomFullException(maxParticipants);
            present = participantsExcept(p.id());
            others = listenersExcept(p.id());
            members.put(p.id(), new Member(p, listener));
        }
        others.forEach(l -> l.accept(new RoomEvent.Joined(p)));
        return present;
    }

    /** Removes a participant; the others are told at once (and that its screen share ended). False when not here. */
    public boolean leave(String participantId) {
        List<Consumer<RoomEvent>> others;
        boolean wasSharing;
        synchronized (this) {
            if (members.remove(participantId) == null) return false;
            others = listenersExcept(participantId);
            wasSharing = participantId.equals(screenSharer);
            if (wasSharing) screenSharer = null;
        }
        if (wasSharing) {
            RoomEvent stopped = new RoomEvent.ScreenShareChanged(null);
            others.forEach(l -> l.accept(stopped));
        }
        others.forEach(l -> l.accept(new RoomEvent.Left(participantId)));
        return true;
    }

    /** Who shares a screen now, if anyone. */
    public synchronized Optional<String> screenSharer() {
        return Optional.ofNullable(screenSharer);
    }

    /** The lock that orders sharing changes with what the media plane does about them; never held while waiting. */
    public Object screenShareOrder() {
        return screenShareOrder;
    }

    /**
     * The participant now shares its screen; everyone, the sharer included, is told. Returns whom it replaced (the
     * previous sharer, whose share ends), or empty. Nothing changes when it is not here.
     */
    public Optional<String> startScreenShare(String participantId) {
        String previous;
        synchronized (this) {
            if (!members.containsKey(participantId)) return Optional.empty();
            previous = screenSharer;
            if (participantId.equals(previous)) return Optional.empty();
            screenSharer = participantId;
        }
        tell(p -> true, new RoomEvent.ScreenShareChanged(participantId));
        return Optional.ofNullable(previous);
    }

    /** The participant's share ends (if it is the one shown); everyone is told. Returns whether it was sharing. */
    public boolean stopScreenShare(String participantId) {
        synchronized (this) {
            if (!participantId.equals(screenSharer)) return false;
            screenSharer = null;
        }
        tell(p -> true, new RoomEvent.ScreenShareChanged(null));
        return true;
    }

    public void markReconnecting(String participantId) {
        update(participantId, p -> p.withPresence(Participant.Presence.RECONNECTING), null,
                new RoomEvent.Reconnecting(participantId), false);
    }

    /**
     * Raises or lowers a hand; everyone, the owner included, hears of it. Raising a hand already up keeps its
     * place in the queue. Returns false when the participant is not here.
     */
    public boolean setHand(String participantId, boolean raised, String changedBy) {
        long raisedAt;
        synchronized (this) {
            Member m = members.get(participantId);
            if (m == null) return false;
            if (m.participant().handRaised() == raised) return true;
            raisedAt = raised ? ++handsRaised : 0;
        }
        update(participantId, p -> p.withHandRaisedAt(raisedAt), null,
                new RoomEvent.HandChanged(participantId, raisedAt, changedBy), true);
        return true;
    }

    /** A reaction is shown to everyone, the sender included, and is not kept. */
    public void react(String participantId, Reaction reaction) {
        List<Consumer<RoomEvent>> everyone;
        synchronized (this) {
            if (!members.containsKey(participantId)) return;
            everyone = listenersExcept(null);
        }
        RoomEvent event = new RoomEvent.Reacted(participantId, reaction);
        everyone.forEach(l -> l.accept(event));
    }

    /** Why someone may not come in while the room lasts. */
    public enum Barred { REMOVED, LOCKED }

    /** Why this participant, from this browser (null when unknown), may not come in now; empty when it may. */
    public synchronized java.util.Optional<Barred> refusalFor(String participantId, String browserId) {
        if (removedParticipants.contains(participantId) || (browserId != null && removedBrowsers.contains(browserId)))
            return java.util.Optional.of(Barred.REMOVED);
        if (locked && !members.containsKey(participantId)) return java.util.Optional.of(Barred.LOCKED);
        return java.util.Optional.empty();
    }

    /** A host removed this participant: neither its token nor its browser comes back while the room lasts. */
    public void expel(String participantId, String browserId) {
        synchronized (this) {
            removedParticipants.add(participantId);
            if (browserId != null) removedBrowsers.add(browserId);
        }
        leave(participantId);
    }

    /** Locks or unlocks the room to newcomers; everyone, the host included, is told. */
    public void setLocked(boolean locked, String changedBy) {
        List<Consumer<RoomEvent>> everyone;
        synchronized (this) {
            if (this.locked == locked) return;
            this.locked = locked;
            everyone = listenersExcept(null);
        }
        RoomEvent event = new RoomEvent.LockChanged(locked, changedBy);
        everyone.forEach(l -> l.accept(event));
    }

    /**
     * The room's recording started or stopped; everyone, the host included, is told. False when it already was so.
     */
    public boolean setRecording(boolean on, String changedBy) {
        List<Consumer<RoomEvent>> everyone;
        synchronized (this) {
            if (recording == on) return false;
            recording = on;
            everyone = listenersExcept(null);
        }
        RoomEvent event = new RoomEvent.RecordingChanged(on, changedBy);
        everyone.forEach(l -> l.accept(event));
        return true;
    }

    public synchronized boolean recording() {
        return recording;
    }

    /** Held while the recording and the media node's recorders change together. */
    public Object recordingOrder() {
        return recordingOrder;
    }

    /** Where the roles hosts give people here are kept, for when the room is opened again. */
    public RoleGrants roleGrants() {
        return roles;
    }

    public dev.plenum.control.qa.QuestionBoard questions() {
        return questions;
    }

    public dev.plenum.control.poll.PollBoard polls() {
        return polls;
    }

    /** A poll was created or changed; each member is told what it may see of it. */
    public void pollChanged(dev.plenum.control.poll.Poll poll) {
        tell(p -> true, new RoomEvent.PollChanged(poll));
    }

    /** A question was asked or changed; each member is told what it may see of it. */
    public void questionChanged(dev.plenum.control.qa.Question question) {
        tell(p -> true, new RoomEvent.QuestionChanged(question));
    }

    public synchronized boolean lobbyEnabled() {
        return lobbyEnabled;
    }

    public synchronized List<Participant> waitingInLobby() {
        return List.copyOf(lobby.values());
    }

    /** Switches the lobby; turning it off does not let anyone in by itself (hosts still decide on who waits). */
    public void setLobbyEnabled(boolean enabled) {
        synchronized (this) {
            lobbyEnabled = enabled;
        }
        tellHostsAboutTheLobby();
    }

    public void enterLobby(Participant p) {
        synchronized (this) {
            lobby.put(p.id(), p);
        }
        tellHostsAboutTheLobby();
    }

    /** Takes someone out of the lobby (let in, turned away, or gone); empty when not waiting. */
    public Optional<Participant> leaveLobby(String participantId) {
        Participant p;
        synchronized (this) {
            p = lobby.remove(participantId);
        }
        if (p != null) tellHostsAboutTheLobby();
        return Optional.ofNullable(p);
    }

    private void tellHostsAboutTheLobby() {
        RoomEvent event;
        synchronized (this) {
            event = new RoomEvent.LobbyChanged(lobbyEnabled, List.copyOf(lobby.values()));
        }
        tell(p -> p.role() == dev.plenum.control.token.Role.HOST, event);
    }

    public synchronized boolean locked() {
        return locked;
    }

    /** Tells the members that match (the sender included, if it matches) about something only they may see. */
    public void tell(java.util.function.Predicate<Participant> who, RoomEvent event) {
        List<Consumer<RoomEvent>> chosen = new ArrayList<>();
        synchronized (this) {
            members.values().forEach(m -> { if (who.test(m.participant())) chosen.add(m.listener()); });
        }
        chosen.forEach(l -> l.accept(event));
    }

    public synchronized java.util.Optional<Participant> participant(String participantId) {
        Member m = members.get(participantId);
        return m == null ? java.util.Optional.empty() : java.util.Optional.of(m.participant());
    }

    /** A reconnecting participant is back on a new signaling connection; returns who else is here. */
    public List<Participant> resume(String participantId, Consumer<RoomEvent> listener) {
        update(participantId, p -> p.withPresence(Participant.Presence.CONNECTED), listener,
                new RoomEvent.Resumed(participantId), false);
        synchronized (this) {
            return participantsExcept(participantId);
        }
    }

    public void setMuted(String participantId, String kind, boolean muted) {
        update(participantId, p -> p.withMuted(kind, muted), null, new RoomEvent.MuteChanged(participantId, kind, muted),
                false);
    }

    public synchronized List<Participant> participants() {
        return members.values().stream().map(Member::participant).toList();
    }

    public synchronized boolean isEmpty() {
        return members.isEmpty() && lobby.isEmpty();
    }

    public synchronized boolean contains(String participantId) {
        return members.containsKey(participantId);
    }

    private void update(String id, java.util.function.UnaryOperator<Participant> change, Consumer<RoomEvent> newListener,
                        RoomEvent event, boolean toSelfToo) {
        List<Consumer<RoomEvent>> others;
        synchronized (this) {
            Member m = members.get(id);
            if (m == null) return;
            members.put(id, new Member(change.apply(m.participant()), newListener != null ? newListener : m.listener()));
            others = listenersExcept(toSelfToo ? null : id);
        }
        others.forEach(l -> l.accept(event));
    }

    private List<Participant> participantsExcept(String id) {
        List<Participant> list = new ArrayList<>();
        members.forEach((k, m) -> { if (!k.equals(id)) list.add(m.participant()); });
        return list;
    }

    private List<Consumer<RoomEvent>> listenersExcept(String id) {
        List<Consumer<RoomEvent>> list = new ArrayList<>();
        members.forEach((k, m) -> { if (!k.equals(id)) list.add(m.listener()); }); // id null: everyone
        return list;
    }
}
