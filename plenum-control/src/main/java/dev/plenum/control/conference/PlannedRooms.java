package dev.plenum.control.conference;

import java.util.Optional;

/** Finds the (not deleted) conference a room name belongs to; empty for a free name, which is an ad-hoc room. */
@FunctionalInterface
public interface PlannedRooms {
    /** No database: every name is free. */
    PlannedRooms NONE = roomName -> Optional.empty();

    Optional<PlannedRoom> byRoomName(String roomName);

    /** A host removed the holder of this personal access token from the room: the token lets nobody in again. */
    default void revokeAccessToken(long tokenId) {
    }
}
