package dev.plenum.control.recording;

import dev.plenum.control.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The {@code recordings} table (V11). Every query names the organisation. */
public final class Recordings {
    private static final String COLUMNS = "id, organisation_id, conference_id, session_id, participant_name, source, "
            + "started_at, ended_at, duration_ms, size_bytes, sha256, media_type, storage_key";
    private final Jdbi jdbi;

    public Recordings(Database db) {
        this.jdbi = db.jdbi();
    }

    /** Keeps a finished file's row; returns its id. */
    public long add(Recording r) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO recordings (organisation_id, conference_id, session_id, participant_name, source,
                            started_at, ended_at, duration_ms, size_bytes, sha256, media_type, storage_key)
                        VALUES (:org, :conference, :session, :name, :source, :started, :ended, :duration, :size, :sha256,
                            :type, :key)""")
                .bind("org", r.organisationId()).bind("conference", r.conferenceId())
                .bind("session", r.sessionId() == 0 ? null : r.sessionId()).bind("name", r.participantName())
                .bind("source", r.source()).bind("started", r.startedAt()).bind("ended", r.endedAt())
                .bind("duration", r.durationMs()).bind("size", r.sizeBytes()).bind("sha256", r.sha256())
                .bind("type", r.mediaType()).bind("key", r.storageKey())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    /** The conference's recordings after id {@code after}, oldest first, at most {@code limit}. */
    public List<Recording> page(Handle h, long organisationId, long conferenceId, long after, int limit) {
        return h.createQuery("SELECT " + COLUMNS + " FROM recordings WHERE organisation_id = :org "
                        + "AND conference_id = :conference AND id > :after ORDER BY id LIMIT :limit")
                .bind("org", organisationId).bind("conference", conferenceId).bind("after", after).bind("limit", limit)
                .map((rs, ctx) -> row(rs)).list();
    }

    public Optional<Recording> get(Handle h, long organisationId, long conferenceId, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM recordings WHERE organisation_id = :org "
                        + "AND conference_id = :conference AND id = :id")
                .bind("org", organisationId).bind("conference", conferenceId).bind("id", id)
                .map((rs, ctx) -> row(rs)).findOne();
    }

    public Optional<Recording> get(long organisationId, long conferenceId, long id) {
        return jdbi.withHandle(h -> get(h, organisationId, conferenceId, id));
    }

    /** Deletes the row; true when there was one. */
    public boolean delete(Handle h, long organisationId, long conferenceId, long id) {
        return h.createUpdate("DELETE FROM recordings WHERE organisation_id = :org AND conference_id = :conference "
                        + "AND id = :id")
                .bind("org", organisationId).bind("conference", conferenceId).bind("id", id).execute() == 1;
    }

    private static Recording row(ResultSet rs) throws SQLException {
        long session = rs.getLong("session_id");
        return new Recording(rs.getLong("id"), rs.getLong("organisation_id"), rs.getLong("conference_id"), session,
                rs.getString("participant_name"), rs.getString("source"), Database.instant(rs, "started_at"),
                Database.instant(rs, "ended_at"), rs.getLong("duration_ms"), rs.getLong("size_bytes"),
                rs.getString("sha256"), rs.getString("media_type"), rs.getString("storage_key"));
    }
}
