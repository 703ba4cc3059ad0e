package dev.plenum.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/** Before joining, people see their camera, see their microphone move, and may pick other devices. */
class PreJoinTest extends BrowserTest {
    private static double number(Page page, String expression) {
        return ((Number) page.evaluate(expression)).doubleValue();
    }

    @Test
    void theCameraIsPreviewedAndTheMicrophoneLevelMoves() {
        Page page = harness.open("preview-room");
        assertThat(page.getByText("This is how others will see you.")).isVisible();
        page.waitForCondition(() -> number(page, "document.getElementById('preview').videoWidth") > 0);
        page.waitForCondition(() -> number(page, "document.getElementById('mic-level').value") > 0);
        Locator cameras = page.getByLabel("Camera").locator("option");
        org.assertj.core.api.Assertions.assertThat(cameras.count()).isGreaterThanOrEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(page.getByLabel("Microphone", new Page.GetByLabelOptions().setExact(true))
                .locator("option").count()).isGreaterThanOrEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(BrowserHarness.axeViolations(page)).isEmpty();

        // The previewed stream is the one that joins: the own tile shows video at once.
        page.getByLabel("Your name").fill("Pia");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join")).click();
        page.waitForCondition(() -> number(page, "document.querySelector('#tiles video')?.videoWidth ?? 0") > 0);
    }

    @Test
    void someoneWhoRefusesTheCameraIsToldPlainlyAndStillJoinsToWatch() {
        Page host = harness.join("refusal-room", "Hal");
        Page guest = harness.open("refusal-room", harness.contextOptions(),
                "navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));");
        assertThat(guest.getByRole(AriaRole.STATUS).getByText("You can still join to listen and watch")).isVisible();
        org.assertj.core.api.Assertions.assertThat(BrowserHarness.axeViolations(guest)).isEmpty();

        guest.getByLabel("Your name").fill("Gus");
        guest.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join")).click();
        assertThat(guest.locator("#tiles > li")).hasCount(2);
        assertThat(host.locator("#tiles")).containsText("Gus");
        // Gus watches: the host's video decodes on his page.
        guest.waitForCondition(() -> number(guest, "document.querySelector('#tiles li:not(:first-child) video')?.videoWidth ?? 0") > 0);
    }
}
