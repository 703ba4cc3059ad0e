package dev.plenum.control.conference;

/**
 * What the join flow and the room need to know of a conference whose room name someone joins.
 *
 * @param accessType   {@code open}, {@code password} or {@code token} (see {@link Conference#ACCESS_TYPES})
 * @param passwordHash the stored password hash for {@code password} access, else null
 */
public record PlannedRoom(long conferenceId, long organisationId, String roomName, boolean webinar, String accessType,
                          String passwordHash, boolean lobbyEnabled) {
    /** Whether an attendee (neither host nor presenter) may publish here: in a meeting yes, in a webinar no. */
    public boolean attendeesMayPublish() {
        return !webinar;
    }
}
