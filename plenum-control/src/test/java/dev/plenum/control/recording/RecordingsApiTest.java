package dev.plenum.control.recording;

import static dev.plenum.control.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plenum.control.TestServer;
import dev.plenum.control.TestServer.Client;
import dev.plenum.control.TestServer.Response;
import dev.plenum.control.store.Engine;
import dev.plenum.media.record.WebmWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The recordings resource, on H2 and PostgreSQL: a conference's recorded files listed in pages, one described, its
 * WebM downloaded whole or by byte ranges, and deleted with its file; for its organisation only.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class RecordingsApiTest {
    private static TestServer server;
    @Parameter
    Engine engine;
    private Client acme;
    private Client globex;
    private long conferenceId;
    private final Instant start = Instant.parse("2026-11-25T10:00:00Z");

    @BeforeParameterizedClassInvocation
    static void start(Engine engine) {
        server = TestServer.start(engine);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @BeforeEach
    void conference() {
        acme = server.signUp("Acme").apiKey();
        globex = server.signUp("Globex").apiKey();
        Response r = acme.post("/api/v1/conferences", json(Map.of("name", "Lecture")));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        conferenceId = r.json().get("id").asLong();
    }

    /** A real WebM file of {@code seconds} of Opus packets in the recordings directory, and its row. */
    private Recording recorded(String name, String source, int seconds) throws Exception {
        String key = server.recordingFiles.newKey();
        Path file = server.recordingFiles.path(key);
        try (WebmWriter w = new WebmWriter(file, false, true)) {
            for (int i = 0; i < seconds * 50; i++) w.writeAudio(i * 20L, new byte[] {(byte) 0xFC, (byte) i});
        }
        byte[] bytes = Files.readAllBytes(file);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        Recording r = new Recording(0, acme.organisationId, conferenceId, 0, name, source, start,
                start.plusSeconds(seconds), seconds * 1000L, bytes.length, sha, Recording.WEBM, key);
        long id = server.recordings.add(r);
        return new Recording(id, r.organisationId(), r.conferenceId(), 0, name, source, r.startedAt(), r.endedAt(),
                r.durationMs(), r.sizeBytes(), sha, r.mediaType(), key);
    }

    private String path() {
        return "/api/v1/conferences/" + conferenceId + "/recordings";
    }

    @Test
    void recordingsAreListedInPagesAndEachIsDescribed() throws Exception {
        Recording ann = recorded("Ann", "camera", 2);
        Recording screen = recorded("Ann", "screen", 1);
        Recording bob = recorded("Bob", "camera", 1);

        JsonNode page1 = acme.get(path() + "?limit=2").json();
        assertThat(page1.get("data")).extracting(r -> r.get("id").asLong()).containsExactly(ann.id(), screen.id());
        JsonNode page2 = acme.get(path() + "?limit=2&cursor=" + page1.get("nextCursor").asText()).json();
        assertThat(page2.get("data")).extracting(r -> r.get("id").asLong()).containsExactly(bob.id());
        assertThat(page2.get("nextCursor").isNull()).isTrue();

        Response one = acme.get(path() + "/" + ann.id());
        assertThat(one.status()).as(one.text()).isEqualTo(200);
        JsonNode json = one.json();
        assertThat(json.get("participantName").asText()).isEqualTo("Ann");
        assertThat(json.get("source").asText()).isEqualTo("camera");
        assertThat(json.get("startedAt").asText()).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(json.get("endedAt").asText()).isEqualTo("2026-11-25T10:00:02Z");
        assertThat(json.get("durationMs").asLong()).isEqualTo(2000);
        assertThat(json.get("size").asLong()).isEqualTo(ann.sizeBytes());
        assertThat(json.get("sha256").asText()).isEqualTo(ann.sha256());
        assertThat(json.get("mediaType").asText()).isEqualTo("video/webm");
        assertThat(json.get("sessionId").isNull()).isTrue();
        assertThat(json.get("file").asText()).isEqualTo(path() + "/" + ann.id() + "/file");

        Response badLimit = acme.get(path() + "?limit=0");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.json().get("fields").get(0).get("field").asText()).isEqualTo("limit");
    }

    @Test
    void theFileDownloadsWholeOrByRangeAsWebm() throws Exception {
        Recording r = recorded("Ann", "camera", 3);
        byte[] expected = Files.readAllBytes(server.recordingFiles.path(r.storageKey()));

        HttpResponse<byte[]> whole = acme.download(path() + "/" + r.id() + "/file", Map.of());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Content-Type").orElseThrow()).startsWith("video/webm");
        assertThat(whole.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"recording-" + r.id() + ".webm\"");
        assertThat(whole.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(whole.body()).isEqualTo(expected);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(whole.body()))).isEqualTo(r.sha256());

        HttpResponse<byte[]> part = acme.download(path() + "/" + r.id() + "/file", Map.of("Range", "bytes=10-109"));
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range").orElseThrow()).isEqualTo("bytes 10-109/" + expected.length);
        assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(expected, 10, 110));
        HttpResponse<byte[]> tail = acme.download(path() + "/" + r.id() + "/file", Map.of("Range", "bytes=-5"));
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(java.util.Arrays.copyOfRange(expected, expected.length - 5, expected.length));
        HttpResponse<byte[]> beyond = acme.download(path() + "/" + r.id() + "/file", Map.of("Range", "bytes=999999-"));
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + expected.length);
    }

    @Test
    void anotherOrganisationGetsNotFoundAndNoCredentialsGetUnauthorised() throws Exception {
        Recording r = recorded("Ann", "camera", 1);
        for (String p : new String[] {path(), path() + "/" + r.id(), path() + "/" + r.id() + "/file"}) {
            Response foreign = globex.get(p);
            assertThat(foreign.status()).as(p).isEqualTo(404);
            assertThat(server.anonymous("GET", p, null).status()).as(p).isEqualTo(401);
        }
        assertThat(globex.delete(path() + "/" + r.id()).status()).isEqualTo(404);
        assertThat(acme.get(path() + "/" + (r.id() + 1000)).json().get("error").asText()).isEqualTo("not-found");
        assertThat(Files.exists(server.recordingFiles.path(r.storageKey()))).isTrue();
    }

    @Test
    void deletingARecordingRemovesItsRowAndItsFile() throws Exception {
        Recording r = recorded("Ann", "camera", 1);
        Path file = server.recordingFiles.path(r.storageKey());
        assertThat(acme.delete(path() + "/" + r.id()).status()).isEqualTo(204);
        assertThat(Files.exists(file)).isFalse();
        assertThat(acme.get(path() + "/" + r.id()).status()).isEqualTo(404);
        assertThat(acme.download(path() + "/" + r.id() + "/file", Map.of()).statusCode()).isEqualTo(404);
        assertThat(acme.delete(path() + "/" + r.id()).status()).isEqualTo(404);
    }
}
