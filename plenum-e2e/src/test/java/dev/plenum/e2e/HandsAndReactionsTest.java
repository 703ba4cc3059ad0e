package dev.plenum.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/** People raise their hands into a queue the host works through, and react for everyone to see. */
class HandsAndReactionsTest extends BrowserTest {
    private static Locator tileOf(Page page, String name) {
        return page.locator("#tiles > li").filter(new Locator.FilterOptions().setHasText(name));
    }

    @Test
    void raisedHandsQueueUpAndTheHostLowersThem() {
        Page ann = harness.join("hands", "Ann"); // in an ad-hoc room everyone is a host
        Page bob = harness.join("hands", "Bob");
        Page cid = harness.join("hands", "Cid");

        button(cid, "Raise hand").click();
        assertThat(ann.locator("#announcer")).hasText("Cid raised a hand");
        button(bob, "Raise hand").press("Enter"); // the keyboard works as well as the mouse
        assertThat(button(bob, "Raise hand")).hasAttribute("aria-pressed", "true");
        assertThat(tileOf(ann, "Bob")).containsText("hand raised");

        Locator queue = ann.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Raised hands")).locator("li");
        assertThat(queue).hasCount(2);
        assertThat(queue.nth(0)).containsText("Cid"); // first raised, first in the queue
        assertThat(queue.nth(1)).containsText("Bob");
        org.assertj.core.api.Assertions.assertThat(BrowserHarness.axeViolations(ann)).isEmpty();

        button(ann, "Lower hand of Cid").click();
        assertThat(queue).hasCount(1);
        assertThat(button(cid, "Raise hand")).hasAttribute("aria-pressed", "false");
        assertThat(cid.locator("#announcer")).hasText("The host lowered your hand.");
        assertThat(tileOf(bob, "Cid")).not().containsText("hand raised");
    }

    @Test
    void aReactionShowsBrieflyOnTheSendersTileForEveryone() {
        Page ann = harness.join("reactions", "Ann");
        Page bob = harness.join("reactions", "Bob");
        button(bob, "Applause").click();
        Locator shown = tileOf(ann, "Bob").getByRole(AriaRole.IMG, new Locator.GetByRoleOptions().setName("Applause"));
        assertThat(shown).isVisible();
        assertThat(tileOf(bob, "Bob (you)").getByRole(AriaRole.IMG, new Locator.GetByRoleOptions().setName("Applause"))).isVisible();
        org.assertj.core.api.Assertions.assertThat(BrowserHarness.axeViolations(ann)).isEmpty();
        assertThat(shown).hasCount(0, new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions().setTimeout(6000));
    }
}
