package dev.plenum.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/** A host asks, people vote, the results come in live, and a closed poll takes no more votes. */
class PollsTest extends BrowserTest {
    @Test
    void aPollIsAnsweredAndItsResultsShownAndClosed() {
        Page ann = harness.join("polls", "Ann"); // everyone is a host in an ad-hoc room
        Page bob = harness.join("polls", "Bob");

        button(ann, "Polls").click();
        ann.getByLabel("Question", new Page.GetByLabelOptions().setExact(true)).fill("Pizza or pasta?");
        ann.getByLabel("Answers, one per line").fill("Pizza\nPasta");
        button(ann, "Start poll").click();
        assertThat(bob.locator("#announcer")).hasText("New poll: Pizza or pasta?");

        button(bob, "Polls").click();
        Locator bobsPoll = bob.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Pizza or pasta?"));
        bobsPoll.getByLabel("Pasta").check();
        button(bob, "Vote").click();
        assertThat(ann.locator("#poll-list")).containsText("Pasta: 1 (100%) (Bob)");
        assertThat(ann.locator("#poll-list")).containsText("Pizza: 0 (0%)");
        assertThat(button(bob, "Change my vote")).isVisible();
        org.assertj.core.api.Assertions.assertThat(BrowserHarness.axeViolations(ann)).isEmpty();

        button(ann, "Show results to everyone").click();
        assertThat(bob.locator("#announcer")).hasText("Results shown: Pizza or pasta?");
        button(ann, "Close poll").click();
        assertThat(bob.locator("#poll-list")).containsText("This poll is closed.");
        assertThat(bobsPoll.getByLabel("Pizza")).isDisabled();
    }
}
