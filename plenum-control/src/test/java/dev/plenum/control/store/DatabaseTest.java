package dev.plenum.control.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The migrations build the same schema on H2 and PostgreSQL, and values survive the round trip unchanged. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class DatabaseTest {
    private static final List<String> TABLES = List.of("organisations", "members", "member_sessions", "api_keys",
            "conferences", "idempotency_keys", "chat_messages");

    @Parameter
    Engine engine;
    private Database db;

    @BeforeEach
    void open() {
        db = TestDatabases.open(engine);
    }

    @AfterEach
    void drop() {
        TestDatabases.drop(db);
    }

    private <T> T one(String sql, Class<T> type) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(type).one());
    }

    @Test
    void migratesAnEmptyDatabaseToEveryTable() {
        for (String table : TABLES) {
            assertThat(one("SELECT COUNT(*) FROM " + table, Long.class)).as(table).isZero();
        }
        assertThat(one("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\"", Long.class)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void openingAgainAppliesNothingAndKeepsData() {
        Jdbi jdbi = db.jdbi();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO organisations (display_name, created_at) VALUES (:n, :t)")
                .bind("n", "Acme").bind("t", Instant.parse("2026-01-01T00:00:00Z")).execute());
        try (Database again = Database.open(db.config())) {
            String name = again.jdbi().withHandle(h -> h.createQuery("SELECT display_name FROM organisations")
                    .mapTo(String.class).one());
            assertThat(name).isEqualTo("Acme");
        }
    }

    @Test
    void instantsAndWallClockTimesRoundTripExactly() {
        Instant instant = Instant.parse("2026-03-29T01:30:00.123456Z");
        LocalDateTime wall = LocalDateTime.parse("2026-03-29T02:30:00");
        long org = db.jdbi().withHandle(h -> h.createUpdate("INSERT INTO organisations (display_name, created_at) VALUES ('a', :t)")
                .bind("t", instant).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        db.jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO conferences (organisation_id, room_name, display_name, room_type, permanent_room,
                  starts_at_local, time_zone, duration_minutes, access_type, lobby_enabled, created_at, updated_at)
                VALUES (:org, 'r1', 'x', 'meeting', FALSE, :wall, 'Europe/Warsaw', 60, 'open', FALSE, :t, :t)""")
                .bind("org", org).bind("wall", wall).bind("t", instant).execute());
        assertThat(one("SELECT created_at FROM organisations", Instant.class)).isEqualTo(instant);
        assertThat(one("SELECT starts_at_local FROM conferences", LocalDateTime.class)).isEqualTo(wall);
    }

    @Test
    void checkConstraintsRefuseAHalfScheduledRoom() {
        long org = db.jdbi().withHandle(h -> h.createUpdate("INSERT INTO organisations (display_name, created_at) VALUES ('a', :t)")
                .bind("t", Instant.now()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO conferences (organisation_id, room_name, display_name, room_type, permanent_room,
                  access_type, lobby_enabled, created_at, updated_at)
                VALUES (:org, 'r1', 'x', 'meeting', FALSE, 'open', FALSE, :t, :t)""")
                .bind("org", org).bind("t", Instant.now()).execute())).isNotNull();
    }

    @Test
    void uniqueViolationsAreRecognisedOnBothEngines() {
        Instant t = Instant.now();
        db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO organisations (display_name, created_at) VALUES ('a', :t)").bind("t", t).execute());
        long org = one("SELECT id FROM organisations", Long.class);
        String insert = "INSERT INTO members (organisation_id, email, display_name, member_role, password_hash, created_at) "
                + "VALUES (:o, 'a@example.com', 'A', 'owner', 'x', :t)";
        db.jdbi().useHandle(h -> h.createUpdate(insert).bind("o", org).bind("t", t).execute());
        assertThatThrownBy(() -> db.jdbi().useHandle(h -> h.createUpdate(insert).bind("o", org).bind("t", t).execute()))
                .satisfies(e -> assertThat(Database.isUniqueViolation(e)).isTrue());
    }
}
