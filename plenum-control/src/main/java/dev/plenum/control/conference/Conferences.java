package dev.plenum.control.conference;

import dev.plenum.control.org.Secrets;
import dev.plenum.control.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * Conferences in the database. Every query names the organisation: one organisation's id never reaches another's
 * rows. Deleting keeps the row (and so its room name) with {@code deleted_at} set; deleted rooms are invisible.
 */
public final class Conferences {
    /** Room names: three groups of four from an alphabet without look-alikes (about 59 random bits). */
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    private static final String COLUMNS = "id, organisation_id, room_name, display_name, room_type, permanent_room, "
            + "starts_at_local, time_zone, duration_minutes, access_type, lobby_enabled, created_at, updated_at";

    /** What a request asks to store; the password already hashed (or null: keep / none). */
    public record Spec(String name, String roomType, boolean permanentRoom, Conference.Schedule schedule,
                       String accessType, String passwordHash, boolean lobbyEnabled) {}

    public static String newRoomName() {
        return Secrets.random(ALPHABET, 4) + "-" + Secrets.random(ALPHABET, 4) + "-" + Secrets.random(ALPHABET, 4);
    }

    /** Inserts within the caller's transaction, retrying in the astronomically rare case of a room name clash. */
    public Conference create(Handle h, long organisationId, Spec spec, Instant now) {
        for (int attempt = 0; ; attempt++) {
            String roomName = newRoomName();
            try {
                h.execute("SAVEPOINT room_name");
                Update insert = h.createUpdate("""
                        INSERT INTO conferences (organisation_id, room_name, display_name, room_type, permanent_room,
                          starts_at_local, time_zone, duration_minutes, access_type, password_hash, lobby_enabled,
                          created_at, updated_at)
                        VALUES (:org, :room, :name, :type, :permanent, :startsAt, :zone, :duration, :access, :password,
                          :lobby, :now, :now)""")
                        .bind("org", organisationId).bind("room", roomName).bind("now", now);
                long id = bindSpec(insert, spec).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                h.execute("RELEASE SAVEPOINT room_name");
                return get(h, organisationId, id).orElseThrow();
            } catch (RuntimeException e) {
                if (!Database.isUniqueViolation(e) || attempt >= 3) throw e;
                h.execute("ROLLBACK TO SAVEPOINT room_name");
            }
        }
    }

    public Optional<Conference> get(Handle h, long organisationId, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM conferences WHERE id = :id AND organisation_id = :org AND deleted_at IS NULL")
                .bind("id", id).bind("org", organisationId).map((rs, ctx) -> conference(rs)).findOne();
    }

    /** A live conference by its room name, whatever its organisation (public pages: registration). */
    public Optional<Conference> byRoomName(Handle h, String roomName) {
        return h.createQuery("SELECT " + COLUMNS + " FROM conferences WHERE room_name = :room AND deleted_at IS NULL")
                .bind("room", roomName).map((rs, ctx) -> conference(rs)).findOne();
    }

    /** A live conference by id, whatever its organisation (background work such as the outbox, never a request). */
    public Optional<Conference> byId(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM conferences WHERE id = :id AND deleted_at IS NULL")
                .bind("id", id).map((rs, ctx) -> conference(rs)).findOne();
    }

    /** A deleted conference by id (the mail that tells its registrants it was cancelled), never a request. */
    public Optional<Conference> deleted(Handle h, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM conferences WHERE id = :id AND deleted_at IS NOT NULL")
                .bind("id", id).map((rs, ctx) -> conference(rs)).findOne();
    }

    /** Up to {@code limit} conferences with ids above {@code afterId}, oldest first. */
    public List<Conference> page(Handle h, long organisationId, long afterId, int limit) {
        return h.createQuery("SELECT " + COLUMNS + " FROM conferences WHERE organisation_id = :org AND deleted_at IS NULL "
                        + "AND id > :after ORDER BY id FETCH FIRST :limit ROWS ONLY")
                .bind("org", organisationId).bind("after", afterId).bind("limit", limit)
                .map((rs, ctx) -> conference(rs)).list();
    }

    /** The stored password hash (for a join flow that checks it), if any. */
    public Optional<String> passwordHash(Handle h, long organisationId, long id) {
        return h.createQuery("SELECT password_hash FROM conferences WHERE id = :id AND organisation_id = :org AND deleted_at IS NULL")
                .bind("id", id).bind("org", organisationId).mapTo(String.class).findOne();
    }

    /** Replaces the conference's settings; {@code spec.passwordHash() == null} keeps the stored hash if still needed. */
    public Optional<Conference> update(Handle h, long organisationId, long id, Spec spec, Instant now) {
        Update update = h.createUpdate("""
                UPDATE conferences SET display_name = :name, room_type = :type, permanent_room = :permanent,
                  starts_at_local = :startsAt, time_zone = :zone, duration_minutes = :duration, access_type = :access,
                  password_hash = CASE WHEN :access <> 'password' THEN NULL ELSE COALESCE(:password, password_hash) END,
                  lobby_enabled = :lobby, updated_at = :now
                WHERE id = :id AND organisation_id = :org AND deleted_at IS NULL""")
                .bind("id", id).bind("org", organisationId).bind("now", now);
        if (bindSpec(update, spec).execute() != 1) return Optional.empty();
        return get(h, organisationId, id);
    }

    public boolean delete(Handle h, long organisationId, long id, Instant now) {
        return h.createUpdate("UPDATE conferences SET deleted_at = :now WHERE id = :id AND organisation_id = :org AND deleted_at IS NULL")
                .bind("now", now).bind("id", id).bind("org", organisationId).execute() == 1;
    }

    private static Update bindSpec(Update statement, Spec spec) {
        Conference.Schedule s = spec.schedule();
        return statement.bind("name", spec.name()).bind("type", spec.roomType()).bind("permanent", spec.permanentRoom())
                .bindByType("startsAt", s == null ? null : s.startsAt(), LocalDateTime.class)
                .bind("zone", s == null ? null : s.timeZone().getId())
                .bindByType("duration", s == null ? null : s.durationMinutes(), Integer.class)
                .bind("access", spec.accessType()).bind("password", spec.passwordHash())
                .bind("lobby", spec.lobbyEnabled());
    }

    private static Conference conference(ResultSet rs) throws SQLException {
        String zone = rs.getString("time_zone");
        Conference.Schedule schedule = rs.getBoolean("permanent_room") ? null
                : new Conference.Schedule(Database.localDateTime(rs, "starts_at_local"), ZoneId.of(zone), rs.getInt("duration_minutes"));
        return new Conference(rs.getLong("id"), rs.getLong("organisation_id"), rs.getString("room_name"),
                rs.getString("display_name"), rs.getString("room_type"), rs.getBoolean("permanent_room"), schedule,
                rs.getString("access_type"), rs.getBoolean("lobby_enabled"),
                Database.instant(rs, "created_at"), Database.instant(rs, "updated_at"));
    }
}
