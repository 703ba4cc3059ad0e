package dev.plenum.control.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: a data directory is all it takes, and data outlives the process's pool. */
class H2FileStoreTest {
    @TempDir
    Path dataDir;

    @Test
    void createsTheDatabaseInTheDataDirectoryAndKeepsItAcrossRestarts() {
        StoreConfig config = StoreConfig.h2File(dataDir);
        try (Database db = Database.open(config)) {
            db.jdbi().useHandle(h -> h.createUpdate("INSERT INTO organisations (display_name, created_at) VALUES ('Acme', :t)")
                    .bind("t", Instant.now()).execute());
        }
        assertThat(Files.exists(dataDir.resolve("plenum.mv.db"))).isTrue();
        try (Database db = Database.open(config)) {
            java.util.List<String> names = db.jdbi().withHandle(h -> h.createQuery("SELECT display_name FROM organisations")
                    .mapTo(String.class).list());
            assertThat(names).containsExactly("Acme");
        }
    }

    @Test
    void describesItselfWithoutCredentials() {
        StoreConfig pg = StoreConfig.of("jdbc:postgresql://db:5432/plenum?password=secret", "u", "secret");
        assertThat(pg.describe()).isEqualTo("jdbc:postgresql://db:5432/plenum").doesNotContain("secret");
        assertThat(pg.toString()).doesNotContain("secret");
    }
}
