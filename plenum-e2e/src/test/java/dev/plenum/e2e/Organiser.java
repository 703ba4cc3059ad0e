package dev.plenum.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * The node's first organisation (only the first may sign up), signed in over the REST API: its owner's session, the
 * conferences it creates, and room pages that carry its session cookie (so their participant joins as a host).
 */
final class Organiser {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final BrowserHarness harness;
    private final String cookie;
    private final String csrf;

    private Organiser(BrowserHarness harness, String cookie, String csrf) {
        this.harness = harness;
        this.cookie = cookie;
        this.csrf = csrf;
    }

    /** Signs the node's first organisation up. */
    static Organiser signUp(BrowserHarness harness) throws Exception {
        HttpResponse<String> r = post("/api/v1/signup", Map.of("organisation",
                "Webinars Ltd", "name", "Hana Host", "email", "hana@example.com", "password", "correct horse battery"),
                Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("plenum_session="))
                .findFirst().orElseThrow().split(";")[0].substring("plenum_session=".length());
        return new Organiser(harness, cookie, BrowserTest.JSON.readTree(r.body()).get("csrfToken").asText());
    }

    /** A JSON POST to the node of the test class that runs (BrowserTest's harness). */
    private static HttpResponse<String> post(String path, Object body, Map<String, String> headers) throws Exception {
        return HTTP.send(BrowserTest.jsonPost(path, body, headers), HttpResponse.BodyHandlers.ofString());
    }

    /** A permanent, open webinar without a lobby; returns its room name. */
    String webinar() throws Exception {
        return conference(Map.of("name", "Town hall", "roomType", "webinar", "permanentRoom", true,
                "accessType", "open", "lobbyEnabled", false));
    }

    /** A conference with these settings; returns its room name. */
    String conference(Map<String, Object> settings) throws Exception {
        HttpResponse<String> r = post("/api/v1/conferences", settings,
                Map.of("Cookie", "plenum_session=" + cookie, "X-CSRF-Token", csrf));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return BrowserTest.JSON.readTree(r.body()).get("roomName").asText();
    }

    /** A GET of the REST API with the owner's session (reads need no CSRF token); the body as bytes. */
    HttpResponse<byte[]> get(String path) throws Exception {
        return HTTP.send(java.net.http.HttpRequest.newBuilder(URI.create(harness.url(path)))
                .header("Cookie", "plenum_session=" + cookie).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The id of the conference whose room this is. */
    long conferenceId(String room) throws Exception {
        for (var c : BrowserTest.JSON.readTree(get("/api/v1/conferences?limit=100").body()).get("data")) {
            if (c.get("roomName").asText().equals(room)) return c.get("id").asLong();
        }
        throw new AssertionError("no conference has room " + room);
    }

    /** The room's pre-join page in a browser that carries the owner's session cookie. */
    Page signedInPage(String room) throws Exception {
        String state = BrowserTest.JSON.writeValueAsString(Map.of("origins", List.of(), "cookies", List.of(Map.of(
                "name", "plenum_session", "value", cookie, "domain", URI.create(harness.url("/")).getHost(),
                "path", "/", "expires", -1, "httpOnly", true, "secure", false, "sameSite", "Lax"))));
        return harness.open(room, harness.contextOptions().setStorageState(state), null);
    }
}
