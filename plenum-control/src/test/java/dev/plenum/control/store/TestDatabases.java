package dev.plenum.control.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Fresh, empty databases for tests: a private in-memory H2 database, or a new schema in one PostgreSQL server
 * shared by the whole test JVM.
 *
 * <p>Which PostgreSQL: {@code -Dplenum.test.postgres.url=jdbc:postgresql://...} (with {@code .user} and
 * {@code .password}), as {@code scripts/test.sh} passes for the server it starts for the run. Without that property
 * (one test run from an IDE, a plain {@code mvn test}) the first PostgreSQL test starts a throwaway server itself
 * with {@code scripts/postgres.sh start --no-install} and stops it when the JVM exits; if PostgreSQL is not installed
 * the test fails, saying how to run it. The PostgreSQL variant is never skipped: CI must run both.
 */
public final class TestDatabases {
    private static final String URL = "plenum.test.postgres.url";
    private static Map<String, String> postgres;

    private TestDatabases() {}

    /** A store nobody else uses: a new in-memory H2 database, or a new schema {@code t_<random>}. */
    public static StoreConfig fresh(Engine engine) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return switch (engine) {
            case H2 -> StoreConfig.h2InMemory("t_" + suffix);
            case POSTGRESQL -> {
                Map<String, String> pg = postgres();
                yield new StoreConfig(pg.get("url"), pg.get("user"), pg.get("password"), "t_" + suffix, 5);
            }
        };
    }

    /** Opens a fresh store, migrated. Close it with {@link #drop(Database)}. */
    public static Database open(Engine engine) {
        return Database.open(fresh(engine));
    }

    /** Closes the pool and removes what the test created (the PostgreSQL schema; H2 in-memory vanishes by itself). */
    public static void drop(Database db) {
        StoreConfig config = db.config();
        db.close();
        if (config.isPostgres() && config.schema() != null) {
            try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
                 Statement s = c.createStatement()) {
                // the schema name is generated above and validated by StoreConfig: an identifier, not input
                s.execute("DROP SCHEMA IF EXISTS " + config.schema() + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("could not drop test schema " + config.schema(), e);
            }
        }
    }

    static synchronized Map<String, String> postgres() {
        if (postgres != null) return postgres;
        String url = System.getProperty(URL);
        if (url != null && !url.isBlank()) {
            postgres = Map.of("url", url, "user", System.getProperty("plenum.test.postgres.user", ""),
                    "password", System.getProperty("plenum.test.postgres.password", ""));
        } else {
            postgres = startThrowawayServer();
        }
        return postgres;
    }

    private static Map<String, String> startThrowawayServer() {
        Path script = findScript();
        try {
            Process p = new ProcessBuilder("bash", script.toString(), "start", "--no-install")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(howToRun("scripts/postgres.sh could not start a server"));
            }
            Map<String, String> vars = new HashMap<>();
            out.lines().filter(l -> l.startsWith("PLENUM_PG_")).forEach(l -> {
                int eq = l.indexOf('=');
                vars.put(l.substring("PLENUM_PG_".length(), eq).toLowerCase(Locale.ROOT), l.substring(eq + 1));
            });
            String dir = vars.get("dir");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    new ProcessBuilder("bash", script.toString(), "stop", dir).inheritIO().start().waitFor(60, TimeUnit.SECONDS);
                } catch (IOException | InterruptedException ignored) {
                    // the JVM is exiting; the directory is in the temp dir
                }
            }));
            return Map.copyOf(vars);
        } catch (IOException e) {
            throw new UncheckedIOException(howToRun("could not run " + script), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(howToRun("interrupted"), e);
        }
    }

    private static Path findScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("scripts/postgres.sh");
            if (Files.isRegularFile(candidate)) return candidate;
        }
        throw new IllegalStateException(howToRun("scripts/postgres.sh not found above " + Path.of("").toAbsolutePath()));
    }

    private static String howToRun(String why) {
        return "The PostgreSQL variant of this test needs a PostgreSQL server (" + why + "). Run the suite with "
                + "scripts/test.sh (it installs and starts one), or pass -D" + URL + "=jdbc:postgresql://HOST:PORT/DB "
                + "-Dplenum.test.postgres.user=USER -Dplenum.test.postgres.password=PASSWORD, or install the Debian "
                + "package postgresql so that the test can start a throwaway server itself.";
    }
}
