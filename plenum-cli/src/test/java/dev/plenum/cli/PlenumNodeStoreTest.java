package dev.plenum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plenum.control.ControlConfig;
import dev.plenum.control.org.AccountsConfig;
import dev.plenum.control.store.StoreConfig;
import dev.plenum.media.transport.MediaTransportConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plenum run}'s default store: an H2 file in the data directory, migrated at start, kept across restarts. */
class PlenumNodeStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path dataDir;

    private HttpResponse<String> post(PlenumNode node, String path, Object body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(node.url() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private PlenumNode start() throws Exception {
        return new PlenumNode(ControlConfig.defaults().withPort(0), MediaTransportConfig.defaults().withPorts(0, 0), "127.0.0.1",
                StoreConfig.h2File(dataDir), AccountsConfig.defaults());
    }

    @Test
    void theFirstOwnerSignsUpAndStillSignsInAfterARestart() throws Exception {
        Map<String, String> owner = Map.of("organisation", "Acme", "name", "Ada", "email", "ada@example.com",
                "password", "correct horse battery");
        try (PlenumNode node = start()) {
            assertThat(post(node, "/api/v1/signup", owner).statusCode()).isEqualTo(201);
            // the ad-hoc rooms keep working beside the REST API
            assertThat(post(node, "/api/v1/rooms/welcome/join", Map.of("name", "Ada")).statusCode()).isEqualTo(200);
        }
        assertThat(Files.exists(dataDir.resolve("plenum.mv.db"))).isTrue();
        try (PlenumNode node = start()) {
            var login = post(node, "/api/v1/login", Map.of("email", "ada@example.com", "password", "correct horse battery"));
            assertThat(login.statusCode()).isEqualTo(200);
            // sign-up is closed once the first organisation exists
            assertThat(post(node, "/api/v1/signup", Map.of("organisation", "Other", "name", "Bo", "email", "bo@example.com",
                    "password", "correct horse battery")).statusCode()).isEqualTo(403);
        }
    }
}
