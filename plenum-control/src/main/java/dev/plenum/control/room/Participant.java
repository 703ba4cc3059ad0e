package dev.plenum.control.room;

import dev.plenum.control.token.Role;

/** A person in a room as the others see them. */
public record Participant(String id, String displayName, Role role, Presence presence, boolean audioMuted,
                          boolean videoMuted) {
    public enum Presence { CONNECTED, RECONNECTING }

    public Participant withPresence(Presence p) {
        return new Participant(id, displayName, role, p, audioMuted, videoMuted);
    }

    public Participant withMuted(String kind, boolean muted) {
        return "audio".equals(kind)
                ? new Participant(id, displayName, role, presence, muted, videoMuted)
                : new Participant(id, displayName, role, presence, audioMuted, muted);
    }
}
