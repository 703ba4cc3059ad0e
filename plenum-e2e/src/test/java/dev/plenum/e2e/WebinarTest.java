package dev.plenum.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Planned rooms in the browser. A webinar: the organiser, signed in, hosts; a guest attends and can neither send nor
 * be seen until the host invites them to speak and they accept; then the host sees and hears them; "Stop presenting"
 * takes them off screen again. A meeting with a password: the pre-join page asks for it when the server does.
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

    @Test
    void anAttendeeWatchesUntilInvitedToSpeakThenTheHostSeesThem() throws Exception {
        String room = owner().webinar();
        Page host = BrowserHarness.join(owner().signedInPage(room), "Hana");
        Page guest = harness.join(room, "Adam");

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
        assertThat(guest.getByLabel("Meeting password")).isHidden();
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
}
