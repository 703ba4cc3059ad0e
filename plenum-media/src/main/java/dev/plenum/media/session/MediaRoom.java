package dev.plenum.media.session;

import dev.plenum.media.speaker.ActiveSpeakerDetector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The media side of one room: who is connected and which tracks they publish. Every member subscribes to every
 * other member's tracks; which cameras actually flow to it is its last-N choice ({@link MediaSession#chooseLastN}),
 * made again after each change here from the order of joining and of speaking the room keeps. Membership changes
 * are serialized by the room's lock; offers are sent and choices made after it is released.
 *
 * <p>Lifecycle: a room is created by the first join and closed by the last leave. A closed room accepts no one
 * ({@link #joined} returns false), so a join racing with the last leave retries with a fresh room instead of
 * entering one that the node no longer lists.
 */
final class MediaRoom {
    final String name;
    private final List<MediaSession> members = new ArrayList<>();
    private boolean closed;
    private final ActiveSpeakerDetector speakers = new ActiveSpeakerDetector();
    /** The members' ids in the order they joined; written under the room's lock. */
    private volatile List<String> joinOrder = List.of();
    /** The ids of those who were the active speaker, the latest first; written under the room's lock. */
    private volatile List<String> speakingOrder = List.of();

    MediaRoom(String name) {
        this.name = name;
    }

    /** Adds the newcomer and subscribes it to everyone's tracks; false (nothing changed) when the room is closed. */
    boolean joined(MediaSession newcomer) {
        synchronized (this) {
            if (closed) return false;
            for (MediaSession m : members) m.publishedTracks().forEach(newcomer::subscribe);
            members.add(newcomer);
            updateJoinOrder();
        }
        newcomer.negotiate();
        newcomer.chooseLastN();
        String speaker = speakers.speaker();
        if (speaker != null) newcomer.activeSpeakerChanged(speaker);
        return true;
    }

    /**
     * The publisher's new tracks join what it already publishes, become visible to newcomers and are subscribed by
     * the others in one step under the room's lock, so a concurrent {@link #joined} subscribes to them exactly once.
     * A screen whose sharing stopped meanwhile (see {@link #withdrawScreen}) is not published.
     */
    void published(MediaSession publisher, List<PublishedTrack> tracks) {
        List<MediaSession> others;
        List<PublishedTrack> added = new ArrayList<>(tracks.size());
        synchronized (this) {
            for (PublishedTrack t : tracks) if (!t.screen() || publisher.screenShared()) added.add(t);
            List<PublishedTrack> all = new ArrayList<>(publisher.publishedTracks());
            all.addAll(added);
            publisher.setPublishedTracks(all);
            others = members.stream().filter(m -> m != publisher).toList();
            for (MediaSession m : others) added.forEach(m::subscribe);
        }
        if (!added.isEmpty()) {
            others.forEach(MediaSession::negotiate);
            others.forEach(MediaSession::chooseLastN);
        }
    }

    /** The publisher may no longer publish: its tracks leave every other member's PeerConnection at once. */
    void unpublished(MediaSession publisher) {
        withdraw(publisher, false);
    }

    /** The publisher stopped sharing its screen: the screen leaves every other member's PeerConnection at once. */
    void withdrawScreen(MediaSession publisher) {
        withdraw(publisher, true);
    }

    private void withdraw(MediaSession publisher, boolean screenOnly) {
        List<MediaSession> changed = new ArrayList<>();
        synchronized (this) {
            publisher.setPublishedTracks(screenOnly
                    ? publisher.publishedTracks().stream().filter(t -> !t.screen()).toList() : List.of());
            for (MediaSession m : members) if (m != publisher && m.unsubscribeFrom(publisher, screenOnly)) changed.add(m);
        }
        changed.forEach(MediaSession::negotiate);
        changed.forEach(MediaSession::chooseLastN);
    }

    /** Removes the leaver; returns true when it was the last member, which closes the room for good. */
    boolean left(MediaSession leaver) {
        List<MediaSession> changed = new ArrayList<>();
        boolean empty;
        synchronized (this) {
            if (!members.remove(leaver)) return false;
            for (MediaSession m : members) if (m.unsubscribeFrom(leaver, false)) changed.add(m);
            empty = members.isEmpty();
            if (empty) closed = true;
            updateJoinOrder();
            List<String> stillHere = joinOrder;
            speakingOrder = speakingOrder.stream().filter(stillHere::contains).toList();
        }
        changed.forEach(MediaSession::negotiate);
        changed.forEach(MediaSession::chooseLastN);
        return empty;
    }

    /** One tick of the active-speaker choice (on the node's report thread); a change is told to every member. */
    void detectSpeaker() {
        Map<String, Integer> loudness = new HashMap<>();
        List<MediaSession> everyone;
        synchronized (this) {
            everyone = List.copyOf(members);
        }
        for (MediaSession m : everyone) loudness.merge(m.participantId, m.takeLoudness(), Math::max);
        String changed = speakers.tick(loudness);
        if (changed == null) return;
        synchronized (this) {
            List<String> order = new ArrayList<>(speakingOrder.size() + 1);
            order.add(changed);
            for (String id : speakingOrder) if (!id.equals(changed)) order.add(id);
            speakingOrder = List.copyOf(order);
        }
        everyone.forEach(m -> m.activeSpeakerChanged(changed));
        everyone.forEach(MediaSession::chooseLastN);
    }

    /** Guarded by {@code this}. */
    private void updateJoinOrder() {
        joinOrder = members.stream().map(m -> m.participantId).distinct().toList();
    }

    /** The members' ids in the order they joined. */
    List<String> joinOrder() {
        return joinOrder;
    }

    /** The ids of those who were the room's active speaker, the one now first, then by how recently. */
    List<String> speakingOrder() {
        return speakingOrder;
    }

    synchronized int size() {
        return members.size();
    }
}
