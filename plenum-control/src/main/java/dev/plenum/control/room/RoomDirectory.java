package dev.plenum.control.room;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The rooms of this control node. Empty rooms are forgotten. */
public final class RoomDirectory {
    private final Map<RoomName, Room> rooms = new ConcurrentHashMap<>();
    private final int maxParticipantsPerRoom;
    private final boolean adHocRooms;
    private final RoomRecords records;

    /** Rooms whose Q&A and polls are kept in {@code records}, so a room re-created later resumes them. */
    public RoomDirectory(int maxParticipantsPerRoom, boolean adHocRooms, RoomRecords records) {
        this.maxParticipantsPerRoom = maxParticipantsPerRoom;
        this.adHocRooms = adHocRooms;
        this.records = records;
    }

    /** Rooms that keep nothing once they end. */
    public RoomDirectory(int maxParticipantsPerRoom, boolean adHocRooms) {
        this(maxParticipantsPerRoom, adHocRooms, RoomRecords.NONE);
    }

    /** The room, created on first use when ad-hoc rooms are allowed. */
    public Optional<Room> open(RoomName name) {
        if (adHocRooms) return Optional.of(rooms.computeIfAbsent(name, n -> new Room(n, maxParticipantsPerRoom, records)));
        return Optional.ofNullable(rooms.get(name));
    }

    public Optional<Room> find(RoomName name) {
        return Optional.ofNullable(rooms.get(name));
    }

    /** Forgets the room once nobody is in it. */
    public void releaseIfEmpty(Room room) {
        rooms.computeIfPresent(room.name(), (n, r) -> r.isEmpty() ? null : r);
    }

    public Map<RoomName, Integer> participantCounts() {
        Map<RoomName, Integer> counts = new java.util.HashMap<>();
        rooms.forEach((n, r) -> counts.put(n, r.participants().size()));
        return counts;
    }
}
