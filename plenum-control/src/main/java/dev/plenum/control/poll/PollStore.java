package dev.plenum.control.poll;

import java.util.List;
import java.util.Set;

/**
 * Where a room's polls are kept beyond the room's life. Each change is written before the board shows it, so what
 * the room shows is always what is stored; a failed write changes neither.
 */
public interface PollStore {
    /** Every poll of the room, oldest first, with its votes. */
    List<Poll> load(String room);

    void created(String room, Poll poll);

    /** A voter's choices, replacing any earlier ones. */
    void voted(String room, long pollId, String voterId, Set<Integer> choices);

    /** The status or whether the results are shared changed. */
    void changed(String room, Poll poll);

    /** Keeps nothing: for a control node without a database, whose rooms forget their polls when they end. */
    PollStore NONE = new PollStore() {
        @Override public List<Poll> load(String room) { return List.of(); }
        @Override public void created(String room, Poll poll) {}
        @Override public void voted(String room, long pollId, String voterId, Set<Integer> choices) {}
        @Override public void changed(String room, Poll poll) {}
    };
}
