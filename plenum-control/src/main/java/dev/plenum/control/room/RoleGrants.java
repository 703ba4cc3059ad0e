package dev.plenum.control.room;

import dev.plenum.control.token.Role;
import java.time.Instant;
import java.util.Optional;

/**
 * The roles hosts gave people in planned rooms (promoted to presenter, demoted to attendee again), kept beyond the
 * room's life so that a room opened again later (everyone left, a restart, another node) gives each person the role
 * they last had. A person is identified as the attendance report identifies them
 * ({@link dev.plenum.control.attendance.PersonKey}). The latest decision wins: a grant older than the one kept changes
 * nothing, so a stale promotion never undoes a later demotion.
 */
public interface RoleGrants {
    /** The role last given to the person in the room, if any. */
    Optional<Role> lastGranted(String room, String personKey);

    /** A host's decision about the person, taken at {@code at}; ignored when a later one is kept. */
    void granted(String room, String personKey, Role role, Instant at);

    /** Keeps nothing: for a node without a database, whose rooms forget roles when they end. */
    RoleGrants NONE = new RoleGrants() {
        @Override public Optional<Role> lastGranted(String room, String personKey) { return Optional.empty(); }
        @Override public void granted(String room, String personKey, Role role, Instant at) {}
    };
}
