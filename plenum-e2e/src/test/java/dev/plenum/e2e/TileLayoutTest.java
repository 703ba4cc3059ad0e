package dev.plenum.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Gallery and speaker views and pinning a person; and the sizes a page shows the others' videos at, which the SFU
 * uses to stop forwarding a video nobody on that page can see.
 */
class TileLayoutTest extends BrowserTest {

    @Test
    void speakerViewFeaturesOnePersonLargeAndAPinnedPersonStaysFeatured() {
        Page ann = harness.join("views", "Ann");
        harness.join("views", "Bob");
        harness.join("views", "Cat");
        assertThat(ann.locator("#tiles > li")).hasCount(3);
        assertThat(ann.locator("#tiles > li.featured")).hasCount(0);

        button(ann, "Speaker view").click();
        assertThat(button(ann, "Speaker view")).hasAttribute("aria-pressed", "true");
        assertThat(ann.locator("#tiles")).hasClass(Pattern.compile("\\bspeaker\\b"));
        assertThat(ann.locator("#tiles > li.featured")).hasCount(1);

        button(ann, "Pin Cat").click();
        assertThat(button(ann, "Pin Cat")).hasAttribute("aria-pressed", "true");
        assertThat(ann.locator("#tiles > li.featured .name")).hasText("Cat");
        double featured = ann.locator("#tiles > li.featured").boundingBox().width;
        double other = ann.locator("#tiles > li:not(.featured)").first().boundingBox().width;
        assertThat(featured).as("the featured tile is at least twice as wide").isGreaterThan(2 * other);
        assertThat(BrowserHarness.axeViolations(ann)).isEmpty();

        button(ann, "Pin Cat").click();
        assertThat(button(ann, "Pin Cat")).hasAttribute("aria-pressed", "false");
        button(ann, "Speaker view").click();
        assertThat(ann.locator("#tiles > li.featured")).hasCount(0);
        assertThat(ann.locator("#tiles")).not().hasClass(Pattern.compile("\\bspeaker\\b"));
    }

    @Test
    void aHiddenPageReceivesNoVideoUntilItIsSeenAgainButKeepsTheSound() throws InterruptedException {
        harness.join("unseen", "Ann");
        Page bob = harness.join("unseen", "Bob");
        waitUntil(() -> inboundTotal(bob, "video", "framesDecoded") > 0, 20_000);
        assertThat(inboundTotal(bob, "video", "framesDecoded")).as("Bob sees Ann first").isPositive();

        setVisibility(bob, "hidden"); // as when the window is minimised or another tab is in front
        Thread.sleep(1500); // the page reports after 300 ms; what was already on its way arrives
        long video = inboundTotal(bob, "video", "packetsReceived");
        long audio = inboundTotal(bob, "audio", "packetsReceived");
        Thread.sleep(2000);
        assertThat(inboundTotal(bob, "video", "packetsReceived")).as("video packets while hidden").isEqualTo(video);
        assertThat(inboundTotal(bob, "audio", "packetsReceived")).as("audio keeps flowing").isGreaterThan(audio + 50);

        long frames = inboundTotal(bob, "video", "framesDecoded");
        setVisibility(bob, "visible");
        waitUntil(() -> inboundTotal(bob, "video", "framesDecoded") > frames + 10, 3000);
        assertThat(inboundTotal(bob, "video", "framesDecoded")).as("frames decoded within 3 s of the page being seen")
                .isGreaterThan(frames + 10);
    }

    /** Headless Chromium keeps every page visible; this gives the page the state and event a real hide would. */
    private static void setVisibility(Page page, String state) {
        page.evaluate("state => { Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });"
                + " document.dispatchEvent(new Event('visibilitychange')); }", state);
    }
}
