package dev.plenum.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Screen sharing between two pages of one Chromium. Headless Chromium started with the fake media flags answers
 * getDisplayMedia itself with a 1280×720 test screen, so the control is pressed as a person would. The other page
 * shows the screen large in the screen share view (at a phone's 360×640), decodes it, announces it and reports the
 * featured tile's size; when sharing stops, by the control or by the browser ending the capture, the screen tile is
 * gone within 2 s. In a webinar an attendee who tries anyway is refused by the server.
 */
class ScreenShareTest extends BrowserTest {
    /** Records the tileSizes messages the page sends (window.sentTileSizes), before the page's own scripts run. */
    private static final String RECORD_TILE_SIZES = """
            window.sentTileSizes = [];
            const send = WebSocket.prototype.send;
            WebSocket.prototype.send = function (data) {
              try { const m = JSON.parse(data); if (m.type === 'tileSizes') window.sentTileSizes.push(m.tiles); } catch {}
              return send.call(this, data);
            };""";

    /** Frames decoded from the featured screen tile's video, and their width, from getStats. */
    private static final String FEATURED_SCREEN = """
            async () => {
              const video = document.querySelector('#tiles > li.screen.featured video');
              const track = video?.srcObject?.getVideoTracks()[0];
              if (!track) return { frames: 0, width: 0 };
              let frames = 0, width = 0;
              (await window.plenumPeerConnection.getStats()).forEach(s => {
                if (s.type === 'inbound-rtp' && s.trackIdentifier === track.id) { frames = s.framesDecoded || 0; width = s.frameWidth || 0; }
              });
              return { frames, width };
            }""";

    private static Map<?, ?> featuredScreen(Page page) {
        return (Map<?, ?>) page.evaluate(FEATURED_SCREEN);
    }

    private static long framesOf(Page page) {
        return ((Number) featuredScreen(page).get("frames")).longValue();
    }

    /** Waits in the page (polling every 20 ms) until the expression is true; returns the milliseconds it took. */
    private static long millisUntil(Page page, String expression, long startNanos) {
        page.waitForFunction(expression, null, new Page.WaitForFunctionOptions().setPollingInterval(20).setTimeout(20_000));
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Test
    void theSharedScreenIsFeaturedDecodedAndAnnouncedAndGoneWithin2sOfTheStop() throws Exception {
        Page ann = harness.join("screens", "Ann");
        Page bob = BrowserHarness.join(harness.open("screens",
                harness.contextOptions().setViewportSize(360, 640), RECORD_TILE_SIZES), "Bob");
        waitUntil(() -> inboundTotal(bob, "video", "framesDecoded") > 0, 20_000);

        assertThat(button(bob, "Share screen")).isVisible();
        long start = System.nanoTime();
        button(ann, "Share screen").click();
        assertThat(button(ann, "Share screen")).hasAttribute("aria-pressed", "true");
        long firstFrame = millisUntil(bob, "async () => (await (" + FEATURED_SCREEN + ")()).frames > 0", start);
        System.out.printf("screen share: first frame on the other page %d ms after the click%n", firstFrame);

        assertThat(bob.locator("#announcer")).hasText("Ann is sharing their screen.");
        assertThat(bob.locator("#tiles")).hasClass(java.util.regex.Pattern.compile("\\bscreen-share\\b"));
        assertThat(bob.locator("#tiles > li.featured .name")).hasText("Ann's screen");
        assertThat(bob.locator("#tiles > li.screen video")).hasCSS("object-fit", "contain");
        double featured = bob.locator("#tiles > li.featured").boundingBox().width;
        double strip = bob.locator("#tiles > li:not(.featured)").first().boundingBox().width;
        assertThat(featured).as("at 360×640 the screen is wide and the cameras small").isGreaterThan(280).isGreaterThan(2 * strip);
        long frames = framesOf(bob);
        waitUntil(() -> framesOf(bob) > frames + 10, 10_000);
        assertThat(framesOf(bob)).as("frames keep coming").isGreaterThan(frames + 10);
        waitUntil(() -> ((Number) featuredScreen(bob).get("width")).intValue() >= 1280, 10_000);
        assertThat(((Number) featuredScreen(bob).get("width")).intValue()).as("decoded at the screen's full width")
                .isGreaterThanOrEqualTo(1280);
        bob.waitForFunction("() => window.sentTileSizes.some(tiles => tiles.some(t => t.source === 'screen' && t.width > 0))");
        assertThat(BrowserHarness.axeViolations(bob)).isEmpty();
        bob.screenshot(new Page.ScreenshotOptions().setPath(LayoutTest.SCREENSHOTS.resolve("screen-share-phone.png")));
        assertThat(ann.locator("#sharing-note")).isVisible();
        assertThat(ann.evaluate("""
                () => window.plenumPeerConnection.getSenders().filter(s => s.track?.contentHint === 'detail')
                    .map(s => s.getParameters().degradationPreference)""")).as("the screen keeps its resolution")
                .isEqualTo(java.util.List.of("maintain-resolution"));
        assertThat(BrowserHarness.axeViolations(ann)).isEmpty();

        button(bob, "Pin Ann").click(); // pinning still works: Ann's camera large, her screen in the strip
        assertThat(bob.locator("#tiles > li.featured .name")).hasText("Ann");
        button(bob, "Pin Ann").click();
        assertThat(bob.locator("#tiles > li.featured .name")).hasText("Ann's screen");

        long stop = System.nanoTime();
        button(ann, "Share screen").click();
        long gone = millisUntil(bob, "() => !document.querySelector('#tiles > li.screen')", stop);
        System.out.printf("screen share: tile gone on the other page %d ms after the stop%n", gone);
        assertThat(gone).as("the screen tile is gone within 2 s").isLessThan(2000);
        assertThat(bob.locator("#announcer")).hasText("Ann stopped sharing their screen.");
        assertThat(bob.locator("#tiles > li.featured")).hasCount(0);

        // Again, and this time the browser's own "Stop sharing" ends the capture.
        button(ann, "Share screen").click();
        bob.locator("#tiles > li.screen").waitFor();
        waitUntil(() -> framesOf(bob) > 0, 20_000);
        assertThat(framesOf(bob)).as("a second share on the same slot").isPositive();
        long ended = System.nanoTime();
        ann.evaluate("""
                () => window.plenumPeerConnection.getSenders().map(s => s.track)
                    .filter(track => track && track.contentHint === 'detail')
                    .forEach(track => { track.stop(); track.dispatchEvent(new Event('ended')); })""");
        long goneAgain = millisUntil(bob, "() => !document.querySelector('#tiles > li.screen')", ended);
        assertThat(goneAgain).isLessThan(2000);
        assertThat(button(ann, "Share screen")).hasAttribute("aria-pressed", "false");
    }

    @Test
    void anAttendeeInAWebinarWhoTriesToShareIsRefusedByTheServer() throws Exception {
        Organiser owner = Organiser.signUp(harness);
        String room = owner.webinar();
        Page host = BrowserHarness.join(owner.signedInPage(room), "Hana");
        Page guest = harness.join(room, "Adam");
        assertThat(guest.locator("#watching-note")).isVisible();
        assertThat(button(guest, "Share screen")).isHidden();

        guest.evaluate("() => { document.getElementById('toggle-screen').hidden = false; }"); // as a tampered page would
        button(guest, "Share screen").click();
        assertThat(guest.locator("#announcer")).hasText("Only hosts and presenters can share their screen here.");
        assertThat(button(guest, "Share screen")).hasAttribute("aria-pressed", "false");
        Thread.sleep(1000);
        assertThat(host.locator("#tiles > li.screen")).hasCount(0);
        assertThat(host.locator("#announcer")).not().hasText("Adam is sharing their screen.");
    }
}
