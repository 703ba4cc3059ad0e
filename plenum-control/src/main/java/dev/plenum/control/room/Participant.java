package dev.plenum.control.room;

import dev.plenum.control.token.Role;

/**
 * A person in a room as the others see them.
 *
 * @param handRaisedAt 0 while the hand is down; otherwise the room's raise counter when it went up, so the raised
 *                     hands form a queue in the order they were raised
 */
public record Participant(String id, String displayName, Role role, Presence presence, boolean audioMuted,
                          boolean videoMuted, long handRaisedAt) {
    public enum Presence { CONNECTED, RECONNECTING }

    /** A participant as it arrives: connected, nothing muted, hand down. */
    public static Participant arriving(String id, String displayName, Role role) {
        return new Participant(id, displayName, role, Presence.CONNECTED, false, false, 0);
    }

    public boolean handRaised() {
        return handRaisedAt != 0;
    }

    public Participant withHandRaisedAt(long raisedAt) {
        return new Participant(id, displayName, role, presence, audioMuted, videoMuted, raisedAt);
    }

    public Participant withRole(Role r) {
        return new Participant(id, displayName, r, presence, audioMuted, videoMuted, handRaisedAt);
    }

    public Participant withPresence(Presence p) {
        return new Participant(id, displayName, role, p, audioMuted, videoMuted, handRaisedAt);
    }

    public Participant withMuted(String kind, boolean muted) {
        return "audio".equals(kind)
                ? new Participant(id, displayName, role, presence, muted, videoMuted, handRaisedAt)
                : new Participant(id, displayName, role, presence, audioMuted, muted, handRaisedAt);
    }
}
