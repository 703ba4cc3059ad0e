package dev.plenum.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/** Questions are asked (with or without a name), upvoted to the top, and answered by a host. */
class QuestionsTest extends BrowserTest {
    private static Locator questions(Page page) {
        return page.locator("#qa-list > li");
    }

    private static void ask(Page page, String text, boolean anonymously) {
        if (page.locator("#qa-panel").isHidden()) button(page, "Q&A").click();
        page.getByLabel("Your question").fill(text);
        if (anonymously) page.getByLabel("Ask without my name").check();
        button(page, "Ask").click();
    }

    @Test
    void theMostWantedQuestionRisesAndTheHostAnswersIt() {
        Page ann = harness.join("questions", "Ann"); // everyone is a host in an ad-hoc room
        Page bob = harness.join("questions", "Bob");

        ask(bob, "When is the test?", false);
        ask(bob, "Is <b>this</b> on the test?", true);
        button(ann, "Q&A").click();
        assertThat(questions(ann)).hasCount(2);
        assertThat(questions(ann).nth(0)).containsText("When is the test?");
        assertThat(questions(ann).nth(0)).containsText("Bob");
        assertThat(questions(ann).nth(1)).containsText("anonymous");
        assertThat(questions(ann).nth(1).locator(".text")).hasText("Is <b>this</b> on the test?");

        questions(ann).nth(1).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Upvote: Is <b>this</b> on the test?")).click();
        assertThat(questions(bob).nth(0)).containsText("Is <b>this</b> on the test?"); // one vote puts it first
        assertThat(questions(bob).nth(0)).containsText("votes: 1");

        Locator top = questions(ann).nth(0);
        top.getByLabel("Answer", new Locator.GetByLabelOptions().setExact(true)).fill("Yes, chapter two.");
        top.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send answer")).click();
        assertThat(questions(bob).last()).containsText("Ann answered: Yes, chapter two.");
        assertThat(questions(bob).last()).containsText("answered");
        assertThat(bob.locator("#announcer")).hasText("Your question was answered.");
        org.assertj.core.api.Assertions.assertThat(BrowserHarness.axeViolations(ann)).isEmpty();
    }
}
