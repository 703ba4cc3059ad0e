package dev.plenum.control.poll;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A poll as kept: a question, its options, and each voter's choices (option indexes).
 *
 * @param multiple       voters may choose several options
 * @param anonymous      nobody, hosts included, sees who chose what
 * @param resultsShared  a host showed the results to everyone (hosts always see them, live)
 * @param openedAt       when a host started it; null for a poll kept before this was recorded
 */
public record Poll(long id, String question, List<String> options, boolean multiple, boolean anonymous, Status status,
                   boolean resultsShared, Map<String, Set<Integer>> votes, Instant openedAt) {
    public static final int MAX_QUESTION_CHARS = 300;
    public static final int MAX_OPTION_CHARS = 100;
    public static final int MIN_OPTIONS = 2;
    public static final int MAX_OPTIONS = 10;

    public enum Status { OPEN, CLOSED }

    public Poll {
        options = List.copyOf(options);
        votes = Map.copyOf(votes);
    }

    /** How many voters chose each option. */
    public int[] counts() {
        int[] counts = new int[options.size()];
        votes.values().forEach(choices -> choices.forEach(i -> counts[i]++));
        return counts;
    }
}
