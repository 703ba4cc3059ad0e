package dev.plenum.control.token;

/** What a participant may do in a room; carried by the join token and enforced by the server. */
public enum Role { HOST, PRESENTER, ATTENDEE }
