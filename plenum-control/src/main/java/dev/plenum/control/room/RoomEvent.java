package dev.plenum.control.room;

/** What the members of a room are told about each other. */
public sealed interface RoomEvent {
    record Joined(Participant participant) implements RoomEvent {}
    record Left(String participantId) implements RoomEvent {}
    record Reconnecting(String participantId) implements RoomEvent {}
    record Resumed(String participantId) implements RoomEvent {}
    record MuteChanged(String participantId, String kind, boolean muted) implements RoomEvent {}
}
