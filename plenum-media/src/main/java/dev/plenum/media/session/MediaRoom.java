package dev.plenum.media.session;

import java.util.ArrayList;
import java.util.List;

/**
 * The media side of one room: who is connected and which tracks they publish. Every member subscribes to every
 * other member's tracks (selection comes with last-N). Membership changes are serialized by the room's lock;
 * offers are sent after it is released.
 */
final class MediaRoom {
    private final List<MediaSession> members = new ArrayList<>();

    void joined(MediaSession newcomer) {
        synchronized (this) {
            for (MediaSession m : members) m.publishedTracks().forEach(newcomer::subscribe);
            members.add(newcomer);
        }
        newcomer.negotiate();
    }

    void published(MediaSession publisher, List<PublishedTrack> tracks) {
        List<MediaSession> others;
        synchronized (this) {
            others = members.stream().filter(m -> m != publisher).toList();
            for (MediaSession m : others) tracks.forEach(m::subscribe);
        }
        if (!tracks.isEmpty()) others.forEach(MediaSession::negotiate);
    }

    void left(MediaSession leaver) {
        List<MediaSession> changed = new ArrayList<>();
        synchronized (this) {
            members.remove(leaver);
            for (MediaSession m : members) if (m.unsubscribeFrom(leaver)) changed.add(m);
        }
        changed.forEach(MediaSession::negotiate);
    }
}
