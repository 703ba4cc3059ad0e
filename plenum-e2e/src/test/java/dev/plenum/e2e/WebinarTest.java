package dev.plenum.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Planned rooms in the browser. A webinar: the organiser, signed in, hosts; a guest attends and can neither send nor
 * be seen until the host invites them to speak and they accept; then the host sees and hears them; "Stop presenting"
 * takes them off screen again; the attendee's browser is asked for no camera or microphone until they accept. A
 * meeting with a password: the pre-join page shows the field at once and says when it is missing or wrong. A host
 * downloads the live session's report from the room.
 */
class WebinarTest extends BrowserTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private record SignedIn(String cookie, String csrf) {}

    private HttpResponse<String> post(String path, Object body, Map<String, String> headers) throws Exception {
        return http.send(jsonPost(path, body, headers), HttpResponse.BodyHandlers.ofString());
    }

    private static SignedIn owner;

    /** The instance's first organisation (only the first may sign up): its owner's session cookie and CSRF token. */
    private SignedIn signUp() throws Exception {
        if (owner == null) owner = firstSignUp();
        return owner;
    }

    private SignedIn firstSignUp() throws Exception {
        HttpResponse<String> r = post("/api/v1/signup", Map.of("organisation", "Webinars Ltd", "name", "Hana Host",
                "email", "hana@example.com", "password", "correct horse battery"), Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("plenum_session="))
                .findFirst().orElseThrow().split(";")[0].substring("plenum_session=".length());
        return new SignedIn(cookie, JSON.readTree(r.body()).get("csrfToken").asText());
    }

    private String webinar(SignedIn owner) throws Exception {
        return conference(owner, Map.of("name", "Town hall", "roomType", "webinar", "permanentRoom", true,
                "accessType", "open", "lobbyEnabled", false));
    }

    private String conference(SignedIn owner, Map<String, Object> settings) throws Exception {
        HttpResponse<String> r = post("/api/v1/conferences", settings,
                Map.of("Cookie", "plenum_session=" + owner.cookie(), "X-CSRF-Token", owner.csrf()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode conference = JSON.readTree(r.body());
        return conference.get("roomName").asText();
    }

    /** The room's page in a browser that carries the member's session cookie. */
    private Page signedInPage(String room, SignedIn owner) throws Exception {
        String state = JSON.writeValueAsString(Map.of("origins", java.util.List.of(), "cookies", java.util.List.of(Map.of(
                "name", "plenum_session", "value", owner.cookie(), "domain", URI.create(harness.url("/")).getHost(),
                "path", "/", "expires", -1, "httpOnly", true, "secure", false, "sameSite", "Lax"))));
        return harness.open(room, harness.contextOptions().setStorageState(state), null);
    }

    private static long sent(Page page) {
        return ((Number) page.evaluate("""
                async () => {
                  let packets = 0;
                  const pc = window.plenumPeerConnection;
                  if (!pc) return 0;
                  (await pc.getStats()).forEach(s => { if (s.type === 'outbound-rtp') packets += s.packetsSent || 0; });
                  return packets;
                }""")).longValue();
    }

    /** Counts the page's requests for camera and microphone in {@code window.plenumDeviceRequests}. */
    private static final String COUNT_DEVICE_REQUESTS = """
            window.plenumDeviceRequests = 0;
            const ask = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
            navigator.mediaDevices.getUserMedia = constraints => { window.plenumDeviceRequests++; return ask(constraints); };
            """;

    private static int deviceRequests(Page page) {
        return ((Number) page.evaluate("window.plenumDeviceRequests")).intValue();
    }

    @Test
    void anAttendeeWatchesUntilInvitedToSpeakThenTheHostSeesThem() throws Exception {
        SignedIn owner = signUp();
        String room = webinar(owner);
        Page host = BrowserHarness.join(signedInPage(room, owner), "Hana");
        // The attendee's pre-join page knows it is a webinar before any camera step: only the name and Join.
        Page guest = harness.open(room, harness.contextOptions(), COUNT_DEVICE_REQUESTS);
        assertThat(guest.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Join the webinar"))).isVisible();
        assertThat(guest.locator("#preview-note")).hasText(java.util.regex.Pattern.compile("^You will watch and listen\\..*"));
        assertThat(guest.getByLabel("Camera")).isHidden();
        assertThat(guest.getByLabel("Microphone level")).isHidden();
        assertThat(BrowserHarness.axeViolations(guest)).isEmpty();
        BrowserHarness.join(guest, "Adam");
        assertThat(deviceRequests(guest)).as("camera and microphone requests before being invited to speak").isZero();

        // The attendee watches: the host's video arrives, nothing of the attendee's leaves or shows.
        waitUntil(() -> inboundTotal(guest, "video", "framesDecoded") > 0, 20_000);
        assertThat(inboundTotal(guest, "video", "framesDecoded")).as("the attendee sees the host").isPositive();
        assertThat(guest.locator("#watching-note")).isVisible();
        assertThat(button(guest, "Mute microphone")).isHidden();
        assertThat(guest.locator("#tiles > li")).hasCount(1);
        assertThat(host.locator("#tiles > li")).hasCount(1); // the attendee has no tile
        Thread.sleep(1000);
        assertThat(sent(guest)).as("RTP packets the attendee's page sent").isZero();
        assertThat(BrowserHarness.axeViolations(guest)).isEmpty();

        button(host, "Host controls").click();
        button(host, "Invite Adam to speak").click();
        assertThat(guest.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("You are invited to speak"))).isVisible();
        assertThat(guest.locator("#announcer")).hasText("A host invites you to speak.");
        assertThat(BrowserHarness.axeViolations(guest)).isEmpty();
        button(guest, "Accept").click();

        assertThat(button(guest, "Mute microphone")).isVisible();
        assertThat(deviceRequests(guest)).as("the devices are asked for on accepting").isPositive();
        assertThat(guest.locator("#watching-note")).isHidden();
        assertThat(host.locator("#tiles > li")).hasCount(2);
        long before = inboundTotal(host, "video", "framesDecoded");
        waitUntil(() -> inboundTotal(host, "video", "framesDecoded") > before + 10, 20_000);
        assertThat(inboundTotal(host, "video", "framesDecoded")).as("the host decodes the presenter's video").isGreaterThan(before + 10);
        assertThat(sent(guest)).isPositive();
        assertThat(BrowserHarness.axeViolations(host)).isEmpty();

        button(host, "Stop Adam presenting").click();
        assertThat(host.locator("#tiles > li")).hasCount(1);
        assertThat(guest.locator("#watching-note")).isVisible();
        assertThat(button(host, "Invite Adam to speak")).isVisible();
    }

    @Test
    void aPasswordMeetingAsksForItOnThePreJoinPage() throws Exception {
        String room = conference(signUp(), Map.of("name", "Board", "roomType", "meeting", "permanentRoom", true,
                "accessType", "password", "password", "open sesame", "lobbyEnabled", false));
        Page guest = harness.open(room);
        assertThat(guest.getByLabel("Meeting password")).isVisible(); // the page knows the room's rule before Join
        guest.getByLabel("Your name").fill("Adam");
        button(guest, "Join").click();
        assertThat(guest.getByRole(AriaRole.ALERT)).hasText("This meeting asks for a password.");
        assertThat(guest.getByLabel("Meeting password")).isFocused();
        assertThat(BrowserHarness.axeViolations(guest)).isEmpty();

        guest.getByLabel("Meeting password").fill("open barley");
        guest.keyboard().press("Enter");
        assertThat(guest.getByRole(AriaRole.ALERT)).hasText("That password is not right. Please try again.");
        guest.getByLabel("Meeting password").fill("open sesame");
        guest.keyboard().press("Enter");
        assertThat(button(guest, "Leave")).isVisible();
        assertThat(button(guest, "Mute microphone")).isVisible(); // in a meeting attendees speak
    }

    @Test
    void aHostDownloadsTheSessionsReportWithTheChatFromTheRoom() throws Exception {
        SignedIn owner = signUp();
        String room = conference(owner, Map.of("name", "Weekly class", "roomType", "meeting", "permanentRoom", true,
                "accessType", "open", "lobbyEnabled", false));
        Page host = BrowserHarness.join(signedInPage(room, owner), "Hana");
        Page guest = harness.join(room, "Adam");
        guest.locator("#toggle-chat").click();
        guest.getByLabel("Message").fill("Is <b>page 12</b> homework?");
        guest.getByLabel("Message").press("Enter");
        assertThat(host.locator("#announcer")).hasText("Adam wrote: Is <b>page 12</b> homework?");

        button(host, "Host controls").click();
        Locator download = host.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download report"));
        assertThat(download).isVisible();
        assertThat(BrowserHarness.axeViolations(host)).isEmpty();
        Download file = host.waitForDownload(download::click);
        assertThat(file.suggestedFilename()).startsWith("report-" + room + "-session-").endsWith(".html");
        String html = Files.readString(file.path());
        assertThat(html).contains("<html lang=\"en\">", "<td>Hana</td>", "<td>Adam</td>",
                "Is &lt;b&gt;page 12&lt;/b&gt; homework?");
        Page report = host.context().newPage();
        report.setContent(html);
        assertThat(report.locator("td.text").first()).hasText("Is <b>page 12</b> homework?");
        assertThat(BrowserHarness.axeViolations(report)).as("the report itself is accessible").isEmpty();
        report.close();

        assertThat(guest.locator("#toggle-host")).isHidden();
        assertThat(guest.locator("#download-report")).isHidden(); // attendees never get the link
    }
}
