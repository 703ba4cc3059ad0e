package dev.plenum.control.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plenum.control.TestServer;
import dev.plenum.control.store.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The served OpenAPI document describes exactly the API routes the server registers. */
class OpenApiDocumentTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Engine.H2);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void isServedAsOpenApi3() {
        TestServer.Response r = server.anonymous("GET", "/api/v1/openapi.json", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("openapi").asText()).startsWith("3.");
        assertThat(r.json().get("info").get("title").asText()).isEqualTo("Plenum REST API");
    }

    @Test
    void everyRegisteredApiRouteIsDescribedAndNothingElse() {
        JsonNode paths = server.anonymous("GET", "/api/v1/openapi.json", null).json().get("paths");
        List<String> registered = server.server.routes().stream()
                .filter(r -> r.split(" ")[1].startsWith("/api/"))
                .filter(r -> List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(r.split(" ")[0])) // not filters
                .toList();
        assertThat(registered).contains("POST /api/v1/conferences", "POST /api/v1/rooms/{room}/join");
        List<String> documented = new ArrayList<>();
        paths.properties().forEach(path -> path.getValue().properties()
                .forEach(op -> documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));
        assertThat(documented).containsExactlyInAnyOrderElementsOf(registered);
    }

    @Test
    void everyOperationHasAnIdAndResponses() {
        JsonNode paths = server.anonymous("GET", "/api/v1/openapi.json", null).json().get("paths");
        paths.properties().forEach(path -> path.getValue().properties().forEach(op -> {
            assertThat(op.getValue().has("operationId")).as(path.getKey()).isTrue();
            assertThat(op.getValue().get("responses").size()).as(path.getKey()).isPositive();
        }));
    }
}
