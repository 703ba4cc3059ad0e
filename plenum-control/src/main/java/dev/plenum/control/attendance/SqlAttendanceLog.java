package dev.plenum.control.attendance;

import dev.plenum.control.store.Database;
import dev.plenum.control.token.Role;
import dev.plenum.control.webhook.WebhookEvent;
import dev.plenum.control.webhook.Webhooks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions and attendance in the database (tables {@code conference_sessions}, {@code session_attendees}). Each
 * change is one transaction that locks the person's row, so two connections of one person (two tabs) keep one
 * consistent count. A failure to record is logged and swallowed: attendance must never stop anyone meeting.
 * The queries for the REST API name the organisation, like every other query.
 */
public final class SqlAttendanceLog implements AttendanceLog {
    private static final Logger log = LoggerFactory.getLogger(SqlAttendanceLog.class);
    private final Jdbi jdbi;
    private final Clock clock;
    private final Webhooks webhooks;

    /** @param webhooks told "session.started" and "session.ended" in the transactions that record them */
    public SqlAttendanceLog(Database db, Clock clock, Webhooks webhooks) {
        this.jdbi = db.jdbi();
        this.clock = clock;
        this.webhooks = webhooks;
    }

    /**
     * Ends the sessions a previous run left open (it stopped while rooms were live), now: called at start, before
     * any room opens, so whoever was still counted present is taken to have stayed until the restart.
     */
    public void endUnfinished() {
        Instant now = Database.now(clock);
        List<Long> open = jdbi.withHandle(h -> h.createQuery("SELECT id FROM conference_sessions WHERE ended_at IS NULL")
                .mapTo(Long.class).list());
        for (long id : open) sessionEnded(id, now);
    }

    @Override
    public long sessionStarted(long organisationId, long conferenceId, Instant at) {
        try {
            return jdbi.inTransaction(h -> {
                long id = h.createUpdate("""
                                INSERT INTO conference_sessions (organisation_id, conference_id, started_at)
                                VALUES (:org, :conference, :at)""")
                        .bind("org", organisationId).bind("conference", conferenceId).bind("at", at)
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                webhooks.publish(h, organisationId, WebhookEvent.SESSION_STARTED, "{\"sessionId\":" + id
                        + ",\"conferenceId\":" + conferenceId + ",\"startedAt\":\"" + at + "\"}", at);
                return id;
            });
        } catch (RuntimeException e) {
            log.warn("could not record the start of a session of conference {}", conferenceId, e);
            return 0;
        }
    }

    private record Presence(long id, int connections, Instant presentSince) {}

    private static Optional<Presence> lockPresence(Handle h, long sessionId, String personKey) {
        return h.createQuery("SELECT id, connections, present_since FROM session_attendees "
                        + "WHERE session_id = :session AND person_key = :key FOR UPDATE")
                .bind("session", sessionId).bind("key", personKey)
                .map((rs, ctx) -> new Presence(rs.getLong("id"), rs.getInt("connections"),
                        rs.getObject("present_since") == null ? null : Database.instant(rs, "present_since")))
                .findOne();
    }

    @Override
    public void arrived(long sessionId, String personKey, String name, String email, Role role, Instant at) {
        if (sessionId == 0) return;
        for (int attempt = 0; ; attempt++) {
            try {
                jdbi.useTransaction(h -> {
                    Optional<Presence> p = lockPresence(h, sessionId, personKey);
                    if (p.isEmpty()) {
                        long id = h.createUpdate("""
                                        INSERT INTO session_attendees (session_id, person_key, display_name, email, participant_role,
                                          first_joined_at, present_since, connections, total_millis)
                                        VALUES (:session, :key, :name, :email, :role, :at, :at, 1, 0)""")
                                .bind("session", sessionId).bind("key", personKey).bind("name", name).bind("email", email)
                                .bind("role", wire(role)).bind("at", at)
                                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                        stayBegins(h, id, at);
                    } else {
                        if (p.get().presentSince() == null) stayBegins(h, p.get().id(), at);
                        h.createUpdate("""
                                        UPDATE session_attendees SET connections = connections + 1, display_name = :name,
                                          email = COALESCE(:email, email), participant_role = :role,
                                          present_since = COALESCE(present_since, :at)
                                        WHERE id = :id""")
                                .bind("id", p.get().id()).bind("name", name).bind("email", email).bind("role", wire(role))
                                .bind("at", at).execute();
                    }
                });
                return;
            } catch (RuntimeException e) {
                // two first arrivals of one person at once: the loser finds the winner's row on the second try
                if (Database.isUniqueViolation(e) && attempt == 0) continue;
                log.warn("could not record an arrival in session {}", sessionId, e);
                return;
            }
        }
    }

    @Override
    public void departed(long sessionId, String personKey, Instant at) {
        if (sessionId == 0) return;
        try {
            jdbi.useTransaction(h -> lockPresence(h, sessionId, personKey).ifPresent(p -> leave(h, p, at)));
        } catch (RuntimeException e) {
            log.warn("could not record a departure from session {}", sessionId, e);
        }
    }

    private static void stayBegins(Handle h, long attendeeId, Instant at) {
        h.createUpdate("INSERT INTO attendance_stays (attendee_id, started_at) VALUES (:attendee, :at)")
                .bind("attendee", attendeeId).bind("at", at).execute();
    }

    /** One connection fewer; the last one out closes the stay and adds it to the total. */
    private static void leave(Handle h, Presence p, Instant at) {
        if (p.connections() > 1) {
            h.createUpdate("UPDATE session_attendees SET connections = connections - 1 WHERE id = :id").bind("id", p.id()).execute();
            return;
        }
        long stay = p.presentSince() == null ? 0 : Math.max(0, Duration.between(p.presentSince(), at).toMillis());
        h.createUpdate("""
                        UPDATE session_attendees SET connections = 0, present_since = NULL, last_left_at = :at,
                          total_millis = total_millis + :stay WHERE id = :id""")
                .bind("id", p.id()).bind("at", at).bind("stay", stay).execute();
        h.createUpdate("UPDATE attendance_stays SET ended_at = :at WHERE attendee_id = :attendee AND ended_at IS NULL")
                .bind("at", at).bind("attendee", p.id()).execute();
    }

    @Override
    public void roleChanged(long sessionId, String personKey, Role role) {
        if (sessionId == 0) return;
        try {
            jdbi.useHandle(h -> h.createUpdate("UPDATE session_attendees SET participant_role = :role "
                            + "WHERE session_id = :session AND person_key = :key")
                    .bind("role", wire(role)).bind("session", sessionId).bind("key", personKey).execute());
        } catch (RuntimeException e) {
            log.warn("could not record a role change in session {}", sessionId, e);
        }
    }

    @Override
    public void sessionEnded(long sessionId, Instant at) {
        if (sessionId == 0) return;
        try {
            jdbi.useTransaction(h -> {
                List<String> present = h.createQuery("SELECT person_key FROM session_attendees "
                                + "WHERE session_id = :session AND connections > 0")
                        .bind("session", sessionId).mapTo(String.class).list();
                for (String key : present) {
                    lockPresence(h, sessionId, key).ifPresent(p -> leave(h, new Presence(p.id(), 1, p.presentSince()), at));
                }
                int ended = h.createUpdate("UPDATE conference_sessions SET ended_at = :at WHERE id = :id AND ended_at IS NULL")
                        .bind("at", at).bind("id", sessionId).execute();
                if (ended == 1) endedWebhook(h, sessionId, at);
            });
        } catch (RuntimeException e) {
            log.warn("could not record the end of session {}", sessionId, e);
        }
    }

    private void endedWebhook(Handle h, long sessionId, Instant at) {
        record Ended(long organisationId, long conferenceId, Instant startedAt, int attendees) {}
        Ended e = h.createQuery("""
                        SELECT s.organisation_id, s.conference_id, s.started_at,
                               (SELECT COUNT(*) FROM session_attendees a WHERE a.session_id = s.id) AS attendees
                        FROM conference_sessions s WHERE s.id = :id""")
                .bind("id", sessionId)
                .map((rs, ctx) -> new Ended(rs.getLong("organisation_id"), rs.getLong("conference_id"),
                        Database.instant(rs, "started_at"), rs.getInt("attendees")))
                .one();
        webhooks.publish(h, e.organisationId(), WebhookEvent.SESSION_ENDED, "{\"sessionId\":" + sessionId
                + ",\"conferenceId\":" + e.conferenceId() + ",\"startedAt\":\"" + e.startedAt() + "\",\"endedAt\":\""
                + at + "\",\"attendees\":" + e.attendees() + "}", at);
    }

    // ---- reading, for the REST API ----

    /** Up to {@code limit} sessions of the conference with ids above {@code afterId}, oldest first. */
    public List<SessionRecord> sessions(Handle h, long organisationId, long conferenceId, long afterId, int limit) {
        return h.createQuery("""
                        SELECT s.id, s.conference_id, s.started_at, s.ended_at,
                          (SELECT COUNT(*) FROM session_attendees a WHERE a.session_id = s.id) AS attendees
                        FROM conference_sessions s
                        WHERE s.organisation_id = :org AND s.conference_id = :conference AND s.id > :after
                        ORDER BY s.id FETCH FIRST :limit ROWS ONLY""")
                .bind("org", organisationId).bind("conference", conferenceId).bind("after", afterId).bind("limit", limit)
                .map((rs, ctx) -> sessionRecord(rs))
                .list();
    }

    /** One session of the conference; empty when there is no such session of this organisation's conference. */
    public Optional<SessionRecord> session(Handle h, long organisationId, long conferenceId, long sessionId) {
        return h.createQuery("""
                        SELECT s.id, s.conference_id, s.started_at, s.ended_at,
                          (SELECT COUNT(*) FROM session_attendees a WHERE a.session_id = s.id) AS attendees
                        FROM conference_sessions s
                        WHERE s.id = :id AND s.organisation_id = :org AND s.conference_id = :conference""")
                .bind("id", sessionId).bind("org", organisationId).bind("conference", conferenceId)
                .map((rs, ctx) -> sessionRecord(rs))
                .findOne();
    }

    private static SessionRecord sessionRecord(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new SessionRecord(rs.getLong("id"), rs.getLong("conference_id"), Database.instant(rs, "started_at"),
                Database.instant(rs, "ended_at"), rs.getInt("attendees"));
    }

    /** The session's attendees in the order they first came; empty when the session is not this conference's. */
    public Optional<List<AttendeeRecord>> attendees(Handle h, long organisationId, long conferenceId, long sessionId) {
        boolean exists = h.createQuery("SELECT COUNT(*) FROM conference_sessions "
                        + "WHERE id = :id AND organisation_id = :org AND conference_id = :conference")
                .bind("id", sessionId).bind("org", organisationId).bind("conference", conferenceId)
                .mapTo(Integer.class).one() == 1;
        if (!exists) return Optional.empty();
        Instant now = Database.now(clock);
        Map<Long, List<AttendeeRecord.Stay>> stays = new HashMap<>();
        h.createQuery("""
                        SELECT st.attendee_id, st.started_at, st.ended_at
                        FROM attendance_stays st JOIN session_attendees a ON a.id = st.attendee_id
                        WHERE a.session_id = :session ORDER BY st.id""")
                .bind("session", sessionId)
                .map((rs, ctx) -> Map.entry(rs.getLong("attendee_id"), new AttendeeRecord.Stay(
                        Database.instant(rs, "started_at"), Database.instant(rs, "ended_at"))))
                .forEach(e -> stays.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return Optional.of(h.createQuery("""
                        SELECT id, display_name, email, participant_role, first_joined_at, last_left_at, present_since,
                          total_millis
                        FROM session_attendees WHERE session_id = :session ORDER BY first_joined_at, id""")
                .bind("session", sessionId)
                .map((rs, ctx) -> {
                    Instant since = rs.getObject("present_since") == null ? null : Database.instant(rs, "present_since");
                    long total = rs.getLong("total_millis") + (since == null ? 0 : Math.max(0, Duration.between(since, now).toMillis()));
                    return new AttendeeRecord(rs.getString("display_name"), rs.getString("email"),
                            rs.getString("participant_role"), Database.instant(rs, "first_joined_at"),
                            since != null || rs.getObject("last_left_at") == null ? null : Database.instant(rs, "last_left_at"),
                            total, stays.getOrDefault(rs.getLong("id"), List.of()));
                })
                .list());
    }

    private static String wire(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }
}
