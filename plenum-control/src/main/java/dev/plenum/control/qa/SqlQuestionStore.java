package dev.plenum.control.qa;

import dev.plenum.control.store.Database;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Questions in the database (tables {@code questions} and {@code question_upvotes}). */
public final class SqlQuestionStore implements QuestionStore {
    private final Database db;

    public SqlQuestionStore(Database db) {
        this.db = db;
    }

    @Override
    public List<Question> load(String room) {
        return db.jdbi().inTransaction(h -> {
            Map<Long, Set<String>> upvoters = new HashMap<>();
            h.createQuery("SELECT question_id, voter_id FROM question_upvotes WHERE room_name = :room")
                    .bind("room", room)
                    .map((rs, ctx) -> Map.entry(rs.getLong("question_id"), rs.getString("voter_id")))
                    .forEach(e -> upvoters.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(e.getValue()));
            return new ArrayList<>(h.createQuery("""
                            SELECT id, asker_id, asker_name, anonymous, body, status, answer_body, answer_by, answer_private,
                                   asked_at
                            FROM questions WHERE room_name = :room ORDER BY id""")
                    .bind("room", room)
                    .map((rs, ctx) -> {
                        long id = rs.getLong("id");
                        String answer = rs.getString("answer_body");
                        return new Question(id, rs.getString("asker_id"), rs.getString("asker_name"),
                                rs.getBoolean("anonymous"), rs.getString("body"), upvoters.getOrDefault(id, Set.of()),
                                Question.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                                answer == null ? null : new Question.Answer(answer, rs.getString("answer_by"),
                                        rs.getBoolean("answer_private")),
                                Database.instant(rs, "asked_at"));
                    })
                    .list());
        });
    }

    @Override
    public void asked(String room, Question q) {
        db.jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO questions (room_name, id, asker_id, asker_name, anonymous, body, status, asked_at)
                        VALUES (:room, :id, :asker, :name, :anonymous, :body, :status, :at)""")
                .bind("room", room).bind("id", q.id()).bind("asker", q.askerId()).bind("name", q.askerName())
                .bind("anonymous", q.anonymous()).bind("body", q.text()).bind("status", status(q)).bind("at", q.askedAt())
                .execute());
    }

    @Override
    public void upvoted(String room, long questionId, String voterId, boolean on) {
        db.jdbi().useHandle(h -> h.createUpdate(on
                        ? "INSERT INTO question_upvotes (room_name, question_id, voter_id) VALUES (:room, :id, :voter)"
                        : "DELETE FROM question_upvotes WHERE room_name = :room AND question_id = :id AND voter_id = :voter")
                .bind("room", room).bind("id", questionId).bind("voter", voterId).execute());
    }

    @Override
    public void changed(String room, Question q) {
        Question.Answer a = q.answer();
        db.jdbi().useHandle(h -> h.createUpdate("""
                        UPDATE questions SET status = :status, answer_body = :answer, answer_by = :by, answer_private = :private
                        WHERE room_name = :room AND id = :id""")
                .bind("status", status(q)).bind("answer", a == null ? null : a.text())
                .bind("by", a == null ? null : a.hostName()).bind("private", a == null ? null : a.privately())
                .bind("room", room).bind("id", q.id()).execute());
    }

    private static String status(Question q) {
        return q.status().name().toLowerCase(Locale.ROOT);
    }
}
