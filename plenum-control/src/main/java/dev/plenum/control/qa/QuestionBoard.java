package dev.plenum.control.qa;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A room's questions: asked, upvoted, answered, dismissed. Thread-safe; each change is written to the store first
 * (under the board's lock, so in order), then shown, and returned.
 */
public final class QuestionBoard {
    private final String room;
    private final QuestionStore store;
    private final Map<Long, Question> questions = new LinkedHashMap<>();
    private long lastId;

    /** The room's questions as the store keeps them; a room re-created later resumes where it was. */
    public QuestionBoard(String room, QuestionStore store) {
        this.room = room;
        this.store = store;
        for (Question q : store.load(room)) {
            questions.put(q.id(), q);
            lastId = Math.max(lastId, q.id());
        }
    }

    public synchronized Question ask(String askerId, String askerName, boolean anonymous, String text, Instant at) {
        Question q = new Question(lastId + 1, askerId, askerName, anonymous, text, Set.of(), Question.Status.OPEN, null, at);
        store.asked(room, q);
        lastId = q.id();
        questions.put(q.id(), q);
        return q;
    }

    /** One vote per participant; a second upvote takes the vote back. Empty when there is no such question. */
    public synchronized Optional<Question> toggleUpvote(long id, String voterId) {
        Question q = questions.get(id);
        if (q == null) return Optional.empty();
        Set<String> voters = new HashSet<>(q.upvoters());
        boolean on = !voters.remove(voterId);
        if (on) voters.add(voterId);
        store.upvoted(room, id, voterId, on);
        Question changed = new Question(q.id(), q.askerId(), q.askerName(), q.anonymous(), q.text(), voters, q.status(),
                q.answer(), q.askedAt());
        questions.put(id, changed);
        return Optional.of(changed);
    }

    public Optional<Question> answer(long id, Question.Answer answer) {
        return change(id, q -> new Question(q.id(), q.askerId(), q.askerName(), q.anonymous(), q.text(), q.upvoters(),
                Question.Status.ANSWERED, answer, q.askedAt()));
    }

    public Optional<Question> setStatus(long id, Question.Status status) {
        return change(id, q -> new Question(q.id(), q.askerId(), q.askerName(), q.anonymous(), q.text(), q.upvoters(),
                status, q.answer(), q.askedAt()));
    }

    public synchronized List<Question> all() {
        return List.copyOf(questions.values());
    }

    private synchronized Optional<Question> change(long id, UnaryOperator<Question> change) {
        Question q = questions.get(id);
        if (q == null) return Optional.empty();
        Question changed = change.apply(q);
        store.changed(room, changed);
        questions.put(id, changed);
        return Optional.of(changed);
    }
}
