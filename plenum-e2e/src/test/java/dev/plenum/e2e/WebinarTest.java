package dev.plenum.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
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
    private static Organiser owner;

    /** The organiser, signed up once for the class's node. */
    private static Organiser owner() throws Exception {
        if (owner == null) owner = Organiser.signUp(harness);
        return owner;
    }

    @org.junit.jupiter.api.AfterAll
    static void forgetOwner() {
        owner = null;
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
        String room = owner().webinar();
        Page host = BrowserHarness.join(owner().signedInPage(room), "Hana");
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
        String room = owner().conference(Map.of("name", "Board", "roomType", "meeting", "permanentRoom", true,
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
        String room = owner().conference(Map.of("name", "Weekly class", "roomType", "meeting", "permanentRoom", true,
                "accessType", "open", "lobbyEnabled", false));
        Page host = BrowserHarness.join(owner().signedInPage(room), "Hana");
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
