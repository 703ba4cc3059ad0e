package dev.plenum.control.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's database: a HikariCP pool, Flyway migrations run when it opens, and a JDBI handle factory.
 *
 * <p>Thread model: thread-safe; every request (a virtual thread) borrows a connection for one JDBI call or
 * transaction. Every statement binds its values as parameters; no SQL is built from input.
 *
 * <p>Time: instants are stored as {@code TIMESTAMP WITH TIME ZONE} and bound as UTC {@link OffsetDateTime}s, wall
 * clock times as {@code TIMESTAMP} bound as {@link LocalDateTime}s, so nothing depends on the JVM's default zone.
 */
public final class Database implements AutoCloseable {
    /** Classpath folder of the SQL migrations ({@code V<n>__<what>.sql}); each must run on H2 and PostgreSQL. */
    public static final String MIGRATIONS = "classpath:dev/plenum/control/store/migration";
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final StoreConfig config;

    private Database(StoreConfig config, HikariDataSource pool) {
        this.config = config;
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
        jdbi.registerArgument(new InstantArgument());
        jdbi.registerArgument(new LocalDateTimeArgument());
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> {
            OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        });
        jdbi.registerColumnMapper(LocalDateTime.class, (rs, column, ctx) -> rs.getObject(column, LocalDateTime.class));
    }

    /** Opens the pool and brings the schema up to date; closes the pool again if migrating fails. */
    public static Database open(StoreConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.maxPoolSize());
        hikari.setMinimumIdle(1);
        hikari.setPoolName("plenum-db");
        if (config.schema() != null) hikari.setSchema(config.schema());
        HikariDataSource pool = new HikariDataSource(hikari);
        try {
            var flyway = Flyway.configure().dataSource(pool).locations(MIGRATIONS).loggers("slf4j");
            if (config.schema() != null) flyway.schemas(config.schema()).defaultSchema(config.schema());
            MigrateResult result = flyway.load().migrate();
            log.info("database {} at schema version {} ({} migrations applied)", config.describe(),
                    result.targetSchemaVersion == null ? "(unchanged)" : result.targetSchemaVersion, result.migrationsExecuted);
            return new Database(config, pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public StoreConfig config() {
        return config;
    }

    /** The clock's time at the precision both databases store (microseconds), so what is returned equals what is read back. */
    public static Instant now(java.time.Clock clock) {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /** A {@code TIMESTAMP WITH TIME ZONE} column as an instant ({@code null} stays {@code null}). */
    public static Instant instant(java.sql.ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A {@code TIMESTAMP} (wall clock) column. */
    public static LocalDateTime localDateTime(java.sql.ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDateTime.class);
    }

    /** True when a unique index or primary key refused a row (SQLSTATE 23505 on both H2 and PostgreSQL). */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) return true;
        }
        return false;
    }

    @Override
    public void close() {
        pool.close();
    }

    private static final class InstantArgument extends AbstractArgumentFactory<Instant> {
        InstantArgument() {
            super(Types.TIMESTAMP_WITH_TIMEZONE);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            OffsetDateTime utc = value.atOffset(ZoneOffset.UTC);
            return (position, statement, ctx) -> statement.setObject(position, utc);
        }
    }

    private static final class LocalDateTimeArgument extends AbstractArgumentFactory<LocalDateTime> {
        LocalDateTimeArgument() {
            super(Types.TIMESTAMP);
        }

        @Override
        protected Argument build(LocalDateTime value, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setObject(position, value);
        }
    }
}
