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

    /**
     * The live room of a conference, created on first use whatever the ad-hoc setting, with the conference's
     * settings; an existing room keeps the settings it was created with.
     */
    public Room openPlanned(RoomName name, dev.plenum.control.conference.PlannedRoom plan) {
        return rooms.computeIfAbsent(name, n -> {
            Room room = new Room(n, maxParticipantsPerRoom, records);
            room.plan(plan);
            return room;
        });
    }

    public Optional<Room> find(RoomName name) {
        return Optional.ofNullable(rooms.get(name));
    }

    /** Forgets the room once nobody is in it; true when this call forgot it (it was listed and is empty). */
    public boolean releaseIfEmpty(Room room) {
        boolean[] released = new boolean[1];
        rooms.computeIfPresent(room.name(), (n, r) -> {
            if (!r.isEmpty()) return r;
            released[0] = r == room;
            return null;
        });
        return released[0];
    }

    public Map<RoomName, Integer> participantCounts() {
        Map<RoomName, Integer> counts = new java.util.HashMap<>();
        rooms.forEach((n, r) -> counts.put(n, r.participants().size()));
        return counts;
    }
}
