package dev.plenum.control.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plenum.control.TestServer;
import dev.plenum.control.slides.TestPdfs;
import dev.plenum.control.store.Engine;
import dev.plenum.control.token.JoinToken;
import dev.plenum.control.token.Role;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Uploading and downloading a room's files over HTTP: only hosts and presenters upload, within the size limit and the
 * allowed types; a PDF's pages are rendered once and served immutable; shared files reach everyone of the room,
 * during and after the session; nothing half-made is ever kept.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class FilesApiTest {
    private static final long LIMIT = 256 * 1024;
    @Parameter
    Engine engine;
    private TestServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    record Reply(int status, byte[] body, HttpResponse<byte[]> response) {
        JsonNode json() {
            try {
                return TestServer.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(new String(body, StandardCharsets.UTF_8), e);
            }
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        /** The one field a 4xx answer names. */
        String field() {
            return json().get("fields").get(0).get("field").asText();
        }
    }

    @BeforeEach
    void start() {
        server = TestServer.start(engine, FilesConfig.defaults().withMaxUploadBytes(LIMIT));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String token(String room, Role role) {
        return token(room, role, Instant.now().plusSeconds(60));
    }

    private String token(String room, Role role, Instant expiresAt) {
        return server.signer.sign(new JoinToken(room, UUID.randomUUID().toString(), "Ann", role, expiresAt));
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.server.port() + path);
    }

    private Reply upload(String room, String token, String name, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/api/v1/rooms/" + room + "/files?name="
                + URLEncoder.encode(name, StandardCharsets.UTF_8))).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (contentType != null) b.header("Content-Type", contentType);
        return send(b);
    }

    private Reply get(String path, String token) {
        return send(HttpRequest.newBuilder(uri(path + (path.contains("?") ? "&" : "?") + "token=" + token)).GET());
    }

    private int storedFiles() {
        return server.db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM room_files").mapTo(Integer.class).one())
                + server.db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM room_file_pages").mapTo(Integer.class).one());
    }

    @Test
    void aHostUploadsAPdfWhosePagesAreRenderedOnceAndServedImmutable() throws Exception {
        String host = token("deck", Role.HOST);
        Reply r = upload("deck", host, "Quarterly review.pdf", "application/pdf", TestPdfs.slides(3));
        assertThat(r.status()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        assertThat(r.json().get("type").asText()).isEqualTo("pdf");
        assertThat(r.json().get("pages").asInt()).isEqualTo(3);
        assertThat(r.json().get("name").asText()).isEqualTo("Quarterly review.pdf");
        long id = r.json().get("id").asLong();

        String attendee = token("deck", Role.ATTENDEE);
        assertThat(get("/api/v1/rooms/deck/files/" + id + "/pages/2.png", attendee).status())
                .as("a deck only prepared, not shown yet").isEqualTo(404);
        assertThat(get("/api/v1/rooms/deck/files/" + id + "/pages/2.png", host).status()).isEqualTo(200);
        server.files.setSlides("deck", new dev.plenum.control.slides.SlideState(id, "Quarterly review.pdf", 1, 3));
        Reply page = get("/api/v1/rooms/deck/files/" + id + "/pages/2.png", attendee);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).isEqualTo("image/png");
        assertThat(page.header("Cache-Control")).contains("immutable").contains("max-age=31536000");
        assertThat(page.header("ETag")).endsWith("-2\"");
        assertThat(ImageIO.read(new ByteArrayInputStream(page.body())).getWidth()).isEqualTo(1280);
        Reply again = send(HttpRequest.newBuilder(uri("/api/v1/rooms/deck/files/" + id + "/pages/2.png?token=" + attendee))
                .header("If-None-Match", page.header("ETag")).GET());
        assertThat(again.status()).isEqualTo(304);
        assertThat(get("/api/v1/rooms/deck/files/" + id + "/pages/4.png", attendee).status()).isEqualTo(404);
        assertThat(get("/api/v1/rooms/deck/files/" + id + "/pages/0.png", attendee).status()).isEqualTo(404);
        assertThat(get("/api/v1/rooms/other/files/" + id + "/pages/1.png", token("other", Role.HOST)).status())
                .as("another room's file").isEqualTo(404);
    }

    @Test
    void onlyHostsAndPresentersOfThisRoomUpload() {
        byte[] pdf = TestPdfs.slides(1);
        Reply attendee = upload("deck", token("deck", Role.ATTENDEE), "a.pdf", "application/pdf", pdf);
        assertThat(attendee.status()).isEqualTo(403);
        assertThat(attendee.json().get("error").asText()).isEqualTo("forbidden");
        assertThat(upload("deck", token("elsewhere", Role.HOST), "a.pdf", "application/pdf", pdf).status()).isEqualTo(403);
        assertThat(upload("deck", null, "a.pdf", "application/pdf", pdf).status()).isEqualTo(401);
        assertThat(upload("deck", "forged." + "x".repeat(43), "a.pdf", "application/pdf", pdf).status()).isEqualTo(401);
        assertThat(upload("deck", token("deck", Role.HOST, Instant.now().minusSeconds(1)), "a.pdf", "application/pdf", pdf)
                .status()).as("expired, and not in the room").isEqualTo(401);
        assertThat(upload("deck", token("deck", Role.PRESENTER), "a.pdf", "application/pdf", pdf).status()).isEqualTo(201);
        assertThat(storedFiles()).isEqualTo(2); // the presenter's file and its page
    }

    @Test
    void aFileOverTheLimitIsRefusedWhetherItsLengthIsDeclaredOrNot() {
        byte[] big = new byte[(int) LIMIT + 1];
        Arrays.fill(big, (byte) 'a');
        Reply declared = upload("deck", token("deck", Role.HOST), "big.txt", "text/plain", big);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.field()).isEqualTo("body");
        // streamed without a Content-Length: counted as it arrives
        Reply streamed = send(HttpRequest.newBuilder(uri("/api/v1/rooms/deck/files?name=big.txt"))
                .header("Authorization", "Bearer " + token("deck", Role.HOST)).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        assertThat(streamed.status()).isEqualTo(413);
        assertThat(storedFiles()).isZero();
        byte[] justRight = Arrays.copyOf(big, (int) LIMIT);
        assertThat(upload("deck", token("deck", Role.HOST), "ok.txt", "text/plain", justRight).status()).isEqualTo(201);
    }

    @Test
    void theTypeComesFromTheBytesAndMustBeAllowedAndMatchWhatIsDeclared() {
        String host = token("deck", Role.HOST);
        Reply mismatch = upload("deck", host, "logo.pdf", "application/pdf", ContentSnifferTest.PNG);
        assertThat(mismatch.status()).isEqualTo(415);
        assertThat(mismatch.field()).isEqualTo("Content-Type");
        Reply unknown = upload("deck", host, "tool.exe", "application/octet-stream", new byte[] {'M', 'Z', (byte) 0x90, 0, 3});
        assertThat(unknown.status()).isEqualTo(415);
        assertThat(unknown.field()).isEqualTo("body");
        Reply png = upload("deck", host, "logo.png", null, ContentSnifferTest.PNG);
        assertThat(png.status()).isEqualTo(201);
        assertThat(png.json().get("mediaType").asText()).isEqualTo("image/png");
        Reply docx = upload("deck", host, "notes.docx", FileKind.DOCX.mediaType(),
                ContentSnifferTest.zip("[Content_Types].xml", "word/document.xml"));
        assertThat(docx.status()).isEqualTo(201);
        Reply noName = upload("deck", host, "", "text/plain", "hi".getBytes(StandardCharsets.UTF_8));
        assertThat(noName.status()).isEqualTo(422);
        assertThat(noName.field()).isEqualTo("name");
        Reply empty = upload("deck", host, "e.txt", "text/plain", new byte[0]);
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.field()).isEqualTo("body");
    }

    @Test
    void aMalformedPdfIsRefusedAndNothingIsKept() {
        byte[] broken = Arrays.copyOf(TestPdfs.slides(3), 400);
        Reply r = upload("deck", token("deck", Role.HOST), "broken.pdf", "application/pdf", broken);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.field()).isEqualTo("body");
        assertThat(r.json().get("error").asText()).isEqualTo("unusable-pdf");
        assertThat(storedFiles()).isZero();
    }

    @Test
    void sharedFilesDownloadForEveryoneOfTheRoomDuringAndAfterTheSession() {
        Reply up = upload("deck", token("deck", Role.HOST), "Handout – day 1.txt", "text/plain",
                "Read before Monday.\n".getBytes(StandardCharsets.UTF_8));
        long id = up.json().get("id").asLong();
        String path = "/api/v1/rooms/deck/files/" + id;
        String attendee = token("deck", Role.ATTENDEE);
        assertThat(get(path, attendee).status()).as("not shared yet").isEqualTo(404);
        assertThat(get(path, token("deck", Role.HOST)).status()).as("hosts always").isEqualTo(200);

        assertThat(server.files.setShared("deck", id, true)).isTrue();
        Reply r = get(path, attendee);
        assertThat(r.status()).isEqualTo(200);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("Read before Monday.\n");
        assertThat(r.header("Content-Type")).startsWith("text/plain");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("Content-Disposition")).startsWith("attachment; filename=\"Handout _ day 1.txt\"")
                .contains("filename*=UTF-8''Handout%20%E2%80%93%20day%201.txt");
        assertThat(get(path, token("deck", Role.ATTENDEE, Instant.now().minusSeconds(3600))).status())
                .as("after the session: the token has expired").isEqualTo(200);
        assertThat(get(path, token("other", Role.HOST)).status()).isEqualTo(403);
        assertThat(send(HttpRequest.newBuilder(uri(path)).GET()).status()).isEqualTo(401);
    }

    @Test
    void aRemovedParticipantDownloadsNothing() {
        long id = upload("deck", token("deck", Role.HOST), "a.txt", "text/plain", "x".getBytes(StandardCharsets.UTF_8))
                .json().get("id").asLong();
        server.files.setShared("deck", id, true);
        String removedId = UUID.randomUUID().toString();
        String removed = server.signer.sign(new JoinToken("deck", removedId, "Rex", Role.ATTENDEE, Instant.now().plusSeconds(60)));
        var room = server.rooms.open(dev.plenum.control.room.RoomName.parse("deck").orElseThrow()).orElseThrow();
        try {
            room.join(dev.plenum.control.room.Participant.arriving("keeper", "Kim", Role.HOST), e -> {});
        } catch (dev.plenum.control.room.RoomFullException e) {
            throw new AssertionError(e);
        }
        room.expel(removedId, null);
        assertThat(get("/api/v1/rooms/deck/files/" + id, removed).status()).isEqualTo(403);
    }
}
