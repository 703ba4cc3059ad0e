package dev.plenum.control.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreConfigTest {
    @Test
    void theEmbeddedDefaultIsAnH2FileInTheDataDirectory() {
        StoreConfig config = StoreConfig.h2File(Path.of("/srv/plenum-data"));
        assertThat(config.jdbcUrl()).startsWith("jdbc:h2:file:/srv/plenum-data/plenum;");
        assertThat(config.isPostgres()).isFalse();
    }

    @Test
    void onlyH2AndPostgresqlAreAccepted() {
        assertThatThrownBy(() -> StoreConfig.of("jdbc:mysql://db/plenum", "u", "p")).isInstanceOf(IllegalArgumentException.class);
        assertThat(StoreConfig.of("jdbc:postgresql://db/plenum", "u", "p").isPostgres()).isTrue();
    }

    @Test
    void schemasMustBePlainIdentifiers() {
        StoreConfig pg = StoreConfig.of("jdbc:postgresql://db/plenum", "u", "p");
        assertThat(pg.withSchema("t_abc123").schema()).isEqualTo("t_abc123");
        assertThatThrownBy(() -> pg.withSchema("x; DROP TABLE members")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pg.withSchema("Upper")).isInstanceOf(IllegalArgumentException.class);
    }
}
