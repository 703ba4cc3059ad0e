package dev.plenum.control.chat;

import dev.plenum.control.token.Role;

/** Who may read a chat message besides its sender. */
public sealed interface ChatAudience {
    /** Everyone in the room. */
    record Everyone() implements ChatAudience {}
    /** The room's hosts only (a question for the organisers). */
    record Hosts() implements ChatAudience {}
    /** One person, privately. */
    record Person(String participantId) implements ChatAudience {}

    /** Whether a reader with this id and role is among the audience (the sender always is; see {@link ChatMessage}). */
    default boolean includes(String readerId, Role readerRole) {
        return switch (this) {
            case Everyone e -> true;
            case Hosts h -> readerRole == Role.HOST;
            case Person p -> p.participantId().equals(readerId);
        };
    }

    /** On the wire: "everyone", "hosts" or the recipient's participant id. */
    default String wireName() {
        return switch (this) {
            case Everyone e -> "everyone";
            case Hosts h -> "hosts";
            case Person p -> p.participantId();
        };
    }

    static ChatAudience fromWireName(String name) {
        return switch (name) {
            case "everyone" -> new Everyone();
            case "hosts" -> new Hosts();
            default -> new Person(name);
        };
    }
}
