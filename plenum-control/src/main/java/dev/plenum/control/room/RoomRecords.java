package dev.plenum.control.room;

import dev.plenum.control.poll.PollStore;
import dev.plenum.control.qa.QuestionStore;

/**
 * Where rooms keep what must outlive them (besides the chat, which the signaling service keeps): the Q&A, the polls,
 * and the roles hosts gave people in planned rooms.
 */
public record RoomRecords(QuestionStore questions, PollStore polls, RoleGrants roles) {
    public static final RoomRecords NONE = new RoomRecords(QuestionStore.NONE, PollStore.NONE, RoleGrants.NONE);
}
