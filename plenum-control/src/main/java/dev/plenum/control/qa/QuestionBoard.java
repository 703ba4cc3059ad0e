package dev.plenum.control.qa;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/** A room's questions: asked, upvoted, answered, dismissed. Thread-safe; each change returns the changed question. */
public final class QuestionBoard {
    private final Map<Long, Question> questions = new LinkedHashMap<>();
    private long lastId;

    public synchronized Question ask(String askerId, String askerName, boolean anonymous, String text, Instant at) {
        Question q = new Question(++lastId, askerId, askerName, anonymous, text, Set.of(), Question.Status.OPEN, null, at);
        questions.put(q.id(), q);
        return q;
    }

    /** One vote per participant; a second upvote takes the vote back. Empty when there is no such question. */
    public Optional<Question> toggleUpvote(long id, String voterId) {
        return change(id, q -> {
            Set<String> voters = new HashSet<>(q.upvoters());
            if (!voters.remove(voterId)) voters.add(voterId);
            return new Question(q.id(), q.askerId(), q.askerName(), q.anonymous(), q.text(), voters, q.status(), q.answer(),
                    q.askedAt());
        });
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
        questions.put(id, changed);
        return Optional.of(changed);
    }
}
