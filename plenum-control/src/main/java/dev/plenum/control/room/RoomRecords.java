package dev.plenum.control.room;

import dev.plenum.control.poll.PollStore;
import dev.plenum.control.qa.QuestionStore;

/** Where rooms keep what must outlive them (besides the chat, which the signaling service keeps). */
public record RoomRecords(QuestionStore questions, PollStore polls) {
    public static final RoomRecords NONE = new RoomRecords(QuestionStore.NONE, PollStore.NONE);
}
