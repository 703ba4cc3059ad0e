package dev.plenum.control.files;

import static dev.plenum.control.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.control.TestServer;
import dev.plenum.control.TestServer.Client;
import dev.plenum.control.TestServer.Response;
import dev.plenum.control.slides.SlideState;
import dev.plenum.control.slides.TestPdfs;
import dev.plenum.control.store.Engine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A conference's file library over the REST API, on H2 and PostgreSQL: members (with the CSRF token) and API keys
 * add, list, download and delete the files of their conference's room; uploads are checked as room uploads are;
 * another organisation sees none of it; a file the room shows as slides cannot be deleted.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class FileLibraryApiTest {
    private static TestServer server;
    @Parameter
    Engine engine;
    private Client acme;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeParameterizedClassInvocation
    static void start(Engine engine) {
        server = TestServer.start(engine);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }


    private long conference(Client owner) {
        Response r = owner.post("/api/v1/conferences", json(Map.of("name", "Lesson")));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private String roomOf(long id) {
        return acme.get("/api/v1/conferences/" + id).json().get("roomName").asText();
    }

    /** Uploads raw bytes with the member's cookie and the given CSRF token (null: none). */
    private HttpResponse<String> upload(long id, String name, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.server.port()
                + "/api/v1/conferences/" + id + "/file-library?name=" + name)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The cookie of a second sign-in of acme's owner, and its CSRF token. */
    private Map<String, String> session() {
        Response me = server.request("GET", "/api/v1/me", null, Map.of("Cookie", cookie));
        return Map.of("Cookie", cookie, "X-CSRF-Token", me.json().get("csrfToken").asText());
    }

    private String cookie;

    /** An organisation, and a second sign-in of its owner whose cookie the raw uploads carry. */
    @BeforeEach
    void organisation() {
        acme = server.signUp("Acme");
        Response r = server.anonymous("POST", "/api/v1/login", json(Map.of("email", acme.email, "password", TestServer.PASSWORD)));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("plenum_session="))
                .findFirst().orElseThrow().split(";")[0];
    }

    @Test
    void aMemberAddsListsDownloadsAndDeletesTheRoomsFiles() throws Exception {
        long id = conference(acme);
        HttpResponse<String> added = upload(id, "slides.pdf", TestPdfs.slides(2), session());
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        HttpResponse<String> notes = upload(id, "notes.txt", "Bring a pencil".getBytes(StandardCharsets.UTF_8), session());
        assertThat(notes.statusCode()).as(notes.body()).isEqualTo(201);

        Response list = acme.get("/api/v1/conferences/" + id + "/file-library");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("data")).hasSize(2);
        assertThat(list.json().get("data").get(0).get("name").asText()).isEqualTo("slides.pdf");
        assertThat(list.json().get("data").get(0).get("pages").asInt()).isEqualTo(2);
        assertThat(list.json().get("data").get(1).get("shared").asBoolean()).isFalse();
        // the room has them: its hosts find them by the room name
        assertThat(server.files.all(roomOf(id))).hasSize(2);

        long notesId = list.json().get("data").get(1).get("id").asLong();
        Response download = acme.get("/api/v1/conferences/" + id + "/file-library/" + notesId);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.text()).isEqualTo("Bring a pencil");
        assertThat(download.header("Content-Disposition")).contains("notes.txt");

        assertThat(acme.delete("/api/v1/conferences/" + id + "/file-library/" + notesId).status()).isEqualTo(204);
        assertThat(acme.get("/api/v1/conferences/" + id + "/file-library").json().get("data")).hasSize(1);
        assertThat(acme.delete("/api/v1/conferences/" + id + "/file-library/" + notesId).status()).isEqualTo(404);
    }

    @Test
    void inTheRoomHostsFindTheWholeLibraryAndAttendeesOnlyWhatIsShared() throws Exception {
        long id = conference(acme);
        String room = roomOf(id);
        upload(id, "deck.pdf", TestPdfs.slides(1), session());
        HttpResponse<String> handout = upload(id, "handout.txt", "Read this".getBytes(StandardCharsets.UTF_8), session());
        long handoutId = TestServer.JSON.readTree(handout.body()).get("id").asLong();
        server.files.setShared(room, handoutId, true);
        java.util.function.Function<dev.plenum.control.token.Role, Response> list = role -> server.request("GET",
                "/api/v1/rooms/" + room + "/files", null, Map.of("Authorization", "Bearer " + server.signer.sign(
                        new dev.plenum.control.token.JoinToken(room, java.util.UUID.randomUUID().toString(), "Ann", role,
                                java.time.Instant.now().plusSeconds(60)))));
        Response host = list.apply(dev.plenum.control.token.Role.HOST);
        assertThat(host.status()).as(host.text()).isEqualTo(200);
        assertThat(host.json().get("data")).extracting(f -> f.get("name").asText()).containsExactly("deck.pdf", "handout.txt");
        assertThat(host.json().get("data").get(0).get("shared").asBoolean()).isFalse();
        Response attendee = list.apply(dev.plenum.control.token.Role.ATTENDEE);
        assertThat(attendee.json().get("data")).extracting(f -> f.get("name").asText()).containsExactly("handout.txt");
        assertThat(server.anonymous("GET", "/api/v1/rooms/" + room + "/files", null).status()).isEqualTo(401);
    }

    @Test
    void uploadsAreCheckedAsRoomUploadsAndNeedTheCsrfToken() throws Exception {
        long id = conference(acme);
        assertThat(upload(id, "a.txt", "hi".getBytes(StandardCharsets.UTF_8), Map.of("Cookie", cookie)).statusCode())
                .as("no CSRF token").isEqualTo(403);
        HttpResponse<String> binary = upload(id, "a.bin", new byte[] {0, 1, 2, 3, (byte) 0xff}, session());
        assertThat(binary.statusCode()).isEqualTo(415);
        assertThat(binary.body()).contains("\"field\":\"body\"");
        assertThat(upload(id, "empty.txt", new byte[0], session()).statusCode()).isEqualTo(422);
        assertThat(upload(id, "", "x".getBytes(StandardCharsets.UTF_8), session()).statusCode()).isEqualTo(422);
        assertThat(acme.get("/api/v1/conferences/" + id + "/file-library").json().get("data")).isEmpty(); // nothing kept
        String key = acme.post("/api/v1/api-keys", json(Map.of("label", "uploads"))).json().get("key").asText();
        HttpResponse<String> withKey = upload(id, "key.txt", "from a script".getBytes(StandardCharsets.UTF_8),
                Map.of("Authorization", "Bearer " + key));
        assertThat(withKey.statusCode()).as("an API key needs no CSRF token").isEqualTo(201);
    }

    @Test
    void anotherOrganisationSeesAndChangesNothing() throws Exception {
        long id = conference(acme);
        assertThat(upload(id, "a.txt", "hi".getBytes(StandardCharsets.UTF_8), session()).statusCode()).isEqualTo(201);
        long fileId = acme.get("/api/v1/conferences/" + id + "/file-library").json().get("data").get(0).get("id").asLong();
        Client globex = server.signUp("Globex");
        assertThat(globex.get("/api/v1/conferences/" + id + "/file-library").status()).isEqualTo(404);
        assertThat(globex.get("/api/v1/conferences/" + id + "/file-library/" + fileId).status()).isEqualTo(404);
        assertThat(globex.delete("/api/v1/conferences/" + id + "/file-library/" + fileId).status()).isEqualTo(404);
        // nor through a conference of its own: the file belongs to another room
        long own = conference(globex);
        assertThat(globex.get("/api/v1/conferences/" + own + "/file-library/" + fileId).status()).isEqualTo(404);
        assertThat(globex.delete("/api/v1/conferences/" + own + "/file-library/" + fileId).status()).isEqualTo(404);
        assertThat(server.anonymous("GET", "/api/v1/conferences/" + id + "/file-library", null).status()).isEqualTo(401);
        assertThat(acme.get("/api/v1/conferences/" + id + "/file-library").json().get("data")).hasSize(1);
    }

    @Test
    void aFileTheRoomShowsAsSlidesIsNotDeleted() throws Exception {
        long id = conference(acme);
        HttpResponse<String> added = upload(id, "deck.pdf", TestPdfs.slides(1), session());
        long fileId = TestServer.JSON.readTree(added.body()).get("id").asLong();
        server.files.setSlides(roomOf(id), new SlideState(fileId, "deck.pdf", 1, 1));
        Response refused = acme.delete("/api/v1/conferences/" + id + "/file-library/" + fileId);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("error").asText()).isEqualTo("in-use");
        server.files.setSlides(roomOf(id), null);
        assertThat(acme.delete("/api/v1/conferences/" + id + "/file-library/" + fileId).status()).isEqualTo(204);
    }
}
