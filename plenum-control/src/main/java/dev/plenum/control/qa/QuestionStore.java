package dev.plenum.control.qa;

import java.util.List;

/**
 * Where a room's questions are kept beyond the room's life. Each change is written before the board shows it, so
 * what the room shows is always what is stored; a failed write changes neither.
 */
public interface QuestionStore {
    /** Every question of the room, oldest first. */
    List<Question> load(String room);

    void asked(String room, Question question);

    /** One participant's upvote given ({@code on}) or taken back. */
    void upvoted(String room, long questionId, String voterId, boolean on);

    /** The status or the answer changed. */
    void changed(String room, Question question);

    /** Keeps nothing: for a control node without a database, whose rooms forget their Q&A when they end. */
    QuestionStore NONE = new QuestionStore() {
        @Override public List<Question> load(String room) { return List.of(); }
        @Override public void asked(String room, Question question) {}
        @Override public void upvoted(String room, long questionId, String voterId, boolean on) {}
        @Override public void changed(String room, Question question) {}
    };
}
