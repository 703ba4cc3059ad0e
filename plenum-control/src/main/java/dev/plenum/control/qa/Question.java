package dev.plenum.control.qa;

import dev.plenum.control.token.Role;
import java.time.Instant;
import java.util.Set;

/**
 * One question of a room's Q&A, as kept. Who asked stays hidden from everyone else when it was asked anonymously.
 *
 * @param upvoters participant ids that upvoted it, each at most once
 * @param answer   null until a host answers
 */
public record Question(long id, String askerId, String askerName, boolean anonymous, String text, Set<String> upvoters,
                       Status status, Answer answer, Instant askedAt) {
    /** The longest question accepted, in characters. */
    public static final int MAX_TEXT_CHARS = 500;

    public enum Status { OPEN, ANSWERED, DISMISSED }

    /** A host's answer; a private one is for the asker (and the hosts) only. */
    public record Answer(String text, String hostName, boolean privately) {}

    public Question {
        upvoters = Set.copyOf(upvoters);
    }

    /** Hosts see everything; others do not see dismissed questions (but the asker still sees its own). */
    public boolean visibleTo(String readerId, Role readerRole) {
        return status != Status.DISMISSED || readerRole == Role.HOST || askerId.equals(readerId);
    }

    /** Whether this reader may read the answer: public answers are for all, private ones for the asker and hosts. */
    public boolean answerVisibleTo(String readerId, Role readerRole) {
        return answer != null && (!answer.privately() || readerRole == Role.HOST || askerId.equals(readerId));
    }
}
