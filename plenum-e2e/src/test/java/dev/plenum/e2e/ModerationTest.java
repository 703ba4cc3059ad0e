package dev.plenum.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/** A host mutes, locks and removes; the server carries it out and the people concerned are told plainly. */
class ModerationTest extends BrowserTest {
    @Test
    void aHostMutesLocksAndRemovesAndTheRemovedCannotComeBack() {
        Page ann = harness.join("moderated", "Ann"); // everyone is a host in an ad-hoc room
        Page bob = harness.join("moderated", "Bob");

        button(ann, "Host controls").click();
        org.assertj.core.api.Assertions.assertThat(BrowserHarness.axeViolations(ann)).isEmpty();
        button(ann, "Mute Bob").click();
        assertThat(button(bob, "Mute microphone")).hasAttribute("aria-pressed", "true");
        assertThat(bob.locator("#announcer")).hasText("A host muted your microphone.");
        assertThat(ann.locator("#tiles")).containsText("microphone off");

        button(ann, "Lock the meeting").click();
        assertThat(button(ann, "Lock the meeting")).hasAttribute("aria-pressed", "true");
        Page cid = harness.open("moderated");
        cid.getByLabel("Your name").fill("Cid");
        button(cid, "Join").click();
        assertThat(cid.getByRole(AriaRole.ALERT)).hasText("This meeting is locked. Ask the host to unlock it.");
        button(ann, "Lock the meeting").click();
        assertThat(button(ann, "Lock the meeting")).hasAttribute("aria-pressed", "false");

        button(ann, "Remove Bob").click();
        assertThat(bob.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("A host removed you from this meeting"))).isVisible();
        assertThat(ann.locator("#tiles > li")).hasCount(1);

        // Same browser, new name: still refused for the rest of this session.
        bob.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Join again")).click();
        bob.locator("html[data-ready=true]").waitFor();
        bob.getByLabel("Your name").fill("Robert");
        button(bob, "Join").click();
        assertThat(bob.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("A host removed you from this meeting"))).isVisible();
        assertThat(ann.locator("#tiles > li")).hasCount(1);
    }
}
