package dev.plenum.control.poll;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A room's polls. Thread-safe; each change is written to the store first (under the board's lock, so in order),
 * then shown, and returned.
 */
public final class PollBoard {
    private final String room;
    private final PollStore store;
    private final Map<Long, Poll> polls = new LinkedHashMap<>();
    private long lastId;

    /** The room's polls as the store keeps them; a room re-created later resumes where it was. */
    public PollBoard(String room, PollStore store) {
        this.room = room;
        this.store = store;
        for (Poll p : store.load(room)) {
            polls.put(p.id(), p);
            lastId = Math.max(lastId, p.id());
        }
    }

    public synchronized Poll create(String question, List<String> options, boolean multiple, boolean anonymous,
                                    Instant openedAt) {
        Poll p = new Poll(lastId + 1, question, options, multiple, anonymous, Poll.Status.OPEN, false, Map.of(), openedAt);
        store.created(room, p);
        lastId = p.id();
        polls.put(p.id(), p);
        return p;
    }

    /** Records (or replaces) a voter's choices; refused when the poll is closed or the choices do not fit it. */
    public synchronized VoteResult vote(long id, String voterId, Set<Integer> choices) {
        Poll p = polls.get(id);
        if (p == null) return new VoteResult.NoSuchPoll();
        if (p.status() == Poll.Status.CLOSED) return new VoteResult.Closed();
        if (choices.isEmpty() || (!p.multiple() && choices.size() > 1)
                || choices.stream().anyMatch(i -> i < 0 || i >= p.options().size())) return new VoteResult.InvalidChoices();
        Map<String, Set<Integer>> votes = new HashMap<>(p.votes());
        votes.put(voterId, Set.copyOf(choices));
        Poll changed = new Poll(p.id(), p.question(), p.options(), p.multiple(), p.anonymous(), p.status(), p.resultsShared(), votes,
                p.openedAt());
        store.voted(room, id, voterId, choices);
        polls.put(id, changed);
        return new VoteResult.Counted(changed);
    }

    public Optional<Poll> close(long id) {
        return changeState(id, p -> new Poll(p.id(), p.question(), p.options(), p.multiple(), p.anonymous(),
                Poll.Status.CLOSED, p.resultsShared(), p.votes(), p.openedAt()));
    }

    public Optional<Poll> shareResults(long id) {
        return changeState(id, p -> new Poll(p.id(), p.question(), p.options(), p.multiple(), p.anonymous(), p.status(),
                true, p.votes(), p.openedAt()));
    }

    /** A change of status or of whether results are shared: stored, then shown. */
    private synchronized Optional<Poll> changeState(long id, java.util.function.UnaryOperator<Poll> change) {
        Poll p = polls.get(id);
        if (p == null) return Optional.empty();
        Poll changed = change.apply(p);
        store.changed(room, changed);
        polls.put(id, changed);
        return Optional.of(changed);
    }

    public synchronized List<Poll> all() {
        return List.copyOf(polls.values());
    }

    /** What became of a vote. */
    public sealed interface VoteResult {
        record Counted(Poll poll) implements VoteResult {}
        record NoSuchPoll() implements VoteResult {}
        record Closed() implements VoteResult {}
        record InvalidChoices() implements VoteResult {}
    }
}
