package dev.plenum.control.room;

/** A join refused because the room holds its configured maximum of participants. */
public final class RoomFullException extends Exception {
    public RoomFullException(int limit) {
        super("the room is full (" + limit + " participants)");
    }
}
