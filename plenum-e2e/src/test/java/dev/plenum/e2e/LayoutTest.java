package dev.plenum.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The page fits a phone, every control stays in reach, and the suite keeps the documentation's screenshots current. */
class LayoutTest extends BrowserTest {
    /** Screenshots land in the repository's docs, so the pictures there always show the client as it is. */
    static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");
    private static void assertInsideTheScreen(Page page, Locator control, int width, int height) {
        control.scrollIntoViewIfNeeded();
        BoundingBox box = control.boundingBox();
        assertThat(box).as("%s is laid out", control).isNotNull();
        assertThat(box.x).isGreaterThanOrEqualTo(0);
        assertThat(box.x + box.width).as("%s right edge", control).isLessThanOrEqualTo(width);
        assertThat(box.width).as("%s target width", control).isGreaterThanOrEqualTo(44);
        assertThat(box.height).as("%s target height", control).isGreaterThanOrEqualTo(44);
    }

    @Test
    void onA360By640ScreenEveryControlIsReachableWithoutSideways() {
        Page page = harness.open("phone-room", harness.contextOptions().setViewportSize(360, 640), null);
        for (Locator control : List.of(page.getByLabel("Your name"), button(page, "Join"), page.getByLabel("Language"))) {
            assertInsideTheScreen(page, control, 360, 640);
        }
        BrowserHarness.join(page, "Phil");
        for (String name : List.of("Mute microphone", "Stop camera", "Share screen", "Raise hand", "Applause", "Leave")) {
            assertInsideTheScreen(page, button(page, name), 360, 640);
        }
        Number scrollWidth = (Number) page.evaluate("document.documentElement.scrollWidth");
        assertThat(scrollWidth.intValue()).as("no sideways scrolling").isLessThanOrEqualTo(360);
        assertThat(BrowserHarness.axeViolations(page)).isEmpty();
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(SCREENSHOTS.resolve("phone-room.png")));
    }

    @Test
    void screenshotsOfThePreJoinPageAndARoomOfThree() {
        Page ann = harness.open("screenshots", harness.contextOptions().setViewportSize(1280, 800), null);
        ann.getByLabel("Your name").fill("Ann");
        ann.waitForCondition(() -> ((Number) ann.evaluate("document.getElementById('preview').videoWidth")).intValue() > 0);
        ann.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("prejoin.png")));

        BrowserHarness.join(ann, "Ann");
        harness.join("screenshots", "Bob");
        harness.join("screenshots", "Cid");
        assertThat(ann.locator("#tiles > li")).hasCount(3);
        ann.waitForCondition(() -> ((Number) ann.evaluate(
                "[...document.querySelectorAll('#tiles video')].filter(v => v.videoWidth > 0).length")).intValue() == 3);
        assertThat(BrowserHarness.axeViolations(ann)).isEmpty();
        ann.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("room-3-people.png")));
    }

    @Test
    void simpleViewShowsOnlyTheEssentialControlsLargeAndInPlainWords() {
        Page page = harness.join("simple-room", "Ela");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Simple view")).click();
        List<String> plain = List.of("Turn my microphone off", "Turn my camera off", "I want to speak", "Leave the meeting");
        for (String name : plain) {
            BoundingBox box = button(page, name).boundingBox();
            assertThat(box.width).as(name).isGreaterThanOrEqualTo(64);
            assertThat(box.height).as(name).isGreaterThanOrEqualTo(64);
        }
        Locator visibleControls = page.locator(".controls button:visible");
        assertThat(visibleControls.allTextContents()).containsExactlyElementsOf(plain);
        assertThat(BrowserHarness.axeViolations(page)).isEmpty();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("simple-mode.png")));

        // The choice is personal and kept: the next visit starts in simple view.
        page.reload();
        page.locator("html[data-ready=true]").waitFor();
        assertThat(button(page, "Simple view")).hasAttribute("aria-pressed", "true");
        assertThat(page.locator("body")).hasClass("simple");
    }
}
