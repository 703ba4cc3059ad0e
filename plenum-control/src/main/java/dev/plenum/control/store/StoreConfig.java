package dev.plenum.control.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the control plane keeps its data: one typed object, validated when built.
 *
 * <p>The embedded default is an H2 file database in a data directory (nothing to set up); production points
 * {@code jdbcUrl} at PostgreSQL. The same Flyway migrations run on both.
 *
 * @param jdbcUrl      {@code jdbc:h2:...} or {@code jdbc:postgresql://host:port/db}
 * @param user         database user (may be empty for H2)
 * @param password     database password (may be empty)
 * @param schema       schema to create and use, or {@code null} for the connection's default (tests use one per class)
 * @param maxPoolSize  most connections the pool opens
 */
public record StoreConfig(String jdbcUrl, String user, String password, String schema, int maxPoolSize) {
    static final String H2_OPTIONS = ";DB_CLOSE_ON_EXIT=FALSE";

    public StoreConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("database URL must start with jdbc:h2: or jdbc:postgresql:, was " + jdbcUrl);
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (schema != null && !schema.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("schema must be a lower-case SQL identifier, was " + schema);
        }
        if (maxPoolSize < 1) throw new IllegalArgumentException("maxPoolSize must be >= 1");
    }

    /** The embedded default: an H2 file database {@code plenum} inside {@code dataDir}. */
    public static StoreConfig h2File(Path dataDir) {
        Path base = dataDir.toAbsolutePath().normalize().resolve("plenum");
        return new StoreConfig("jdbc:h2:file:" + base + H2_OPTIONS, "", "", null, 10);
    }

    /** A private in-memory H2 database that lives as long as the pool (tests, embedding without a data directory). */
    public static StoreConfig h2InMemory(String name) {
        if (!name.matches("[A-Za-z0-9_-]+")) throw new IllegalArgumentException("bad in-memory database name " + name);
        return new StoreConfig("jdbc:h2:mem:" + name + H2_OPTIONS, "", "", null, 10);
    }

    public static StoreConfig of(String jdbcUrl, String user, String password) {
        return new StoreConfig(jdbcUrl, user, password, null, 10);
    }

    public StoreConfig withSchema(String newSchema) {
        return new StoreConfig(jdbcUrl, user, password, newSchema, maxPoolSize);
    }

    public boolean isPostgres() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    /** The URL without credentials, for logs. */
    public String describe() {
        int semicolon = jdbcUrl.indexOf(';');
        int question = jdbcUrl.indexOf('?');
        int cut = semicolon >= 0 ? semicolon : question >= 0 ? question : jdbcUrl.length();
        return jdbcUrl.substring(0, cut) + (schema == null ? "" : " (schema " + schema + ")");
    }

    @Override
    public String toString() {
        return "StoreConfig[" + describe() + ", user=" + user + ", maxPoolSize=" + maxPoolSize + "]";
    }
}
