package dev.plenum.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.util.List;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** People open a room's link, type a name, join, see each other, and leave. */
class JoinAndLeaveTest extends BrowserTest {
    private static Locator tiles(Page page) {
        return page.locator("#tiles > li");
    }

    @Test
    void thePreJoinPageAsksForANameAndIsAccessible() {
        Page page = harness.open("prejoin-check");
        assertThat(page.getByLabel("Your name")).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join"))).isVisible();
        org.assertj.core.api.Assertions.assertThat(BrowserHarness.axeViolations(page)).isEmpty();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("Please type your name.");
        assertThat(page.getByLabel("Your name")).isFocused();
    }

    @Test
    void theKeyboardAloneJoins() {
        Page page = harness.open("keyboard");
        page.keyboard().type("Kim");          // the name field has focus on arrival
        page.keyboard().press("Enter");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Leave"))).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mute microphone"))).isFocused();
    }

    @Test
    void threePeopleSeeEachOtherAndALeaverDisappearsWithinTwoSeconds() {
        Page ann = harness.join("class-3a", "Ann");
        Page bob = harness.join("class-3a", "Bob");
        Page cid = harness.join("class-3a", "Cid");
        for (Page p : List.of(ann, bob, cid)) assertThat(tiles(p)).hasCount(3);
        assertThat(ann.locator("#announcer")).hasText("Cid joined");
        org.assertj.core.api.Assertions.assertThat(BrowserHarness.axeViolations(ann)).isEmpty();

        cid.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Leave")).click();
        LocatorAssertions.HasCountOptions within2s = new LocatorAssertions.HasCountOptions().setTimeout(2000);
        assertThat(tiles(ann)).hasCount(2, within2s);
        assertThat(tiles(bob)).hasCount(2, within2s);
        assertThat(ann.locator("#announcer")).hasText("Cid left");
        assertThat(cid.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("You left the meeting"))).isVisible();

        bob.close(); // closing the tab is a normal close (1001)
        assertThat(tiles(ann)).hasCount(1, within2s);
    }

    @Test
    void anotherRoomSeesNobodyFromThisOne() {
        Page one = harness.join("room-one", "Uma");
        Page two = harness.join("room-two", "Tom");
        assertThat(tiles(one)).hasCount(1);
        assertThat(tiles(two)).hasCount(1);
        assertThat(two.locator("#tiles")).not().containsText("Uma");
    }

    @Test
    void mutingIsShownToTheOthers() {
        Page ann = harness.join("mute-room", "Ann");
        Page bob = harness.join("mute-room", "Bob");
        bob.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mute microphone")).click();
        assertThat(ann.locator("#tiles")).containsText("microphone off");
    }
}
