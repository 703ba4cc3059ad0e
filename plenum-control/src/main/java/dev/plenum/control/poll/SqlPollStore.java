package dev.plenum.control.poll;

import dev.plenum.control.store.Database;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Polls in the database (tables {@code polls}, {@code poll_options} and {@code poll_votes}). */
public final class SqlPollStore implements PollStore {
    private final Database db;

    private record OptionRow(long poll, int index, String text) {}

    private record VoteRow(long poll, String voter, int index) {}

    public SqlPollStore(Database db) {
        this.db = db;
    }

    @Override
    public List<Poll> load(String room) {
        return db.jdbi().inTransaction(h -> {
            Map<Long, TreeMap<Integer, String>> options = new HashMap<>();
            h.createQuery("SELECT poll_id, option_index, option_text FROM poll_options WHERE room_name = :room")
                    .bind("room", room)
                    .map((rs, ctx) -> new OptionRow(rs.getLong("poll_id"), rs.getInt("option_index"), rs.getString("option_text")))
                    .forEach(r -> options.computeIfAbsent(r.poll(), k -> new TreeMap<>()).put(r.index(), r.text()));
            Map<Long, Map<String, Set<Integer>>> votes = new HashMap<>();
            h.createQuery("SELECT poll_id, voter_id, option_index FROM poll_votes WHERE room_name = :room")
                    .bind("room", room)
                    .map((rs, ctx) -> new VoteRow(rs.getLong("poll_id"), rs.getString("voter_id"), rs.getInt("option_index")))
                    .forEach(r -> votes.computeIfAbsent(r.poll(), k -> new HashMap<>())
                            .computeIfAbsent(r.voter(), k -> new HashSet<>()).add(r.index()));
            return new ArrayList<>(h.createQuery("""
                            SELECT id, question, multiple, anonymous, status, results_shared, opened_at FROM polls
                            WHERE room_name = :room ORDER BY id""")
                    .bind("room", room)
                    .map((rs, ctx) -> {
                        long id = rs.getLong("id");
                        return new Poll(id, rs.getString("question"),
                                List.copyOf(options.getOrDefault(id, new TreeMap<>()).values()), rs.getBoolean("multiple"),
                                rs.getBoolean("anonymous"), Poll.Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                                rs.getBoolean("results_shared"), votes.getOrDefault(id, Map.of()),
                                Database.instant(rs, "opened_at"));
                    })
                    .list());
        });
    }

    @Override
    public void created(String room, Poll poll) {
        db.jdbi().useTransaction(h -> {
            h.createUpdate("""
                            INSERT INTO polls (room_name, id, question, multiple, anonymous, status, results_shared, opened_at)
                            VALUES (:room, :id, :question, :multiple, :anonymous, :status, :shared, :openedAt)""")
                    .bind("room", room).bind("id", poll.id()).bind("question", poll.question())
                    .bind("multiple", poll.multiple()).bind("anonymous", poll.anonymous()).bind("status", status(poll))
                    .bind("shared", poll.resultsShared()).bind("openedAt", poll.openedAt()).execute();
            PreparedBatch batch = h.prepareBatch("""
                    INSERT INTO poll_options (room_name, poll_id, option_index, option_text) VALUES (:room, :id, :i, :text)""");
            for (int i = 0; i < poll.options().size(); i++) {
                batch.bind("room", room).bind("id", poll.id()).bind("i", i).bind("text", poll.options().get(i)).add();
            }
            batch.execute();
        });
    }

    @Override
    public void voted(String room, long pollId, String voterId, Set<Integer> choices) {
        db.jdbi().useTransaction(h -> {
            h.createUpdate("DELETE FROM poll_votes WHERE room_name = :room AND poll_id = :id AND voter_id = :voter")
                    .bind("room", room).bind("id", pollId).bind("voter", voterId).execute();
            PreparedBatch batch = h.prepareBatch("""
                    INSERT INTO poll_votes (room_name, poll_id, voter_id, option_index) VALUES (:room, :id, :voter, :i)""");
            for (int choice : choices) batch.bind("room", room).bind("id", pollId).bind("voter", voterId).bind("i", choice).add();
            batch.execute();
        });
    }

    @Override
    public void changed(String room, Poll poll) {
        db.jdbi().useHandle(h -> h.createUpdate("""
                        UPDATE polls SET status = :status, results_shared = :shared WHERE room_name = :room AND id = :id""")
                .bind("status", status(poll)).bind("shared", poll.resultsShared()).bind("room", room).bind("id", poll.id())
                .execute());
    }

    private static String status(Poll poll) {
        return poll.status().name().toLowerCase(Locale.ROOT);
    }
}
