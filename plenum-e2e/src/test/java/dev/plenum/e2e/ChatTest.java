package dev.plenum.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/** People write to everyone, to the hosts or to one person; text stays text; newcomers read the history. */
class ChatTest extends BrowserTest {
    private static final String SCRIPT_PAYLOAD =
            "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>";
    private static Locator messages(Page page) {
        return page.locator("#chat-messages > li");
    }

    private static void openChat(Page page) {
        page.locator("#toggle-chat").click();
        assertThat(page.getByLabel("Message")).isFocused();
    }

    private static void write(Page page, String to, String text) {
        page.getByLabel("To", new Page.GetByLabelOptions().setExact(true)).selectOption(new com.microsoft.playwright.options.SelectOption().setLabel(to));
        page.getByLabel("Message").fill(text);
        page.getByLabel("Message").press("Enter");
    }

    @Test
    void messagesReachTheirAudienceAsPlainTextAndNewcomersReadTheHistory() {
        Page ann = harness.join("chat-room", "Ann");
        Page bob = harness.join("chat-room", "Bob");
        Page cid = harness.join("chat-room", "Cid");

        // Keyboard only: focus the Chat button, open it, type, Enter sends.
        ann.locator("#toggle-chat").focus();
        ann.keyboard().press("Enter");
        assertThat(ann.getByLabel("Message")).isFocused();
        ann.keyboard().type("Hello everyone");
        ann.keyboard().press("Enter");
        assertThat(bob.locator("#announcer")).hasText("Ann wrote: Hello everyone");
        assertThat(button(bob, "Chat 1 new")).isVisible();

        openChat(bob);
        assertThat(messages(bob)).hasCount(1);
        assertThat(messages(bob).first()).containsText("Hello everyone");
        write(bob, "Everyone", SCRIPT_PAYLOAD);
        assertThat(messages(ann).last().locator(".text")).hasText(SCRIPT_PAYLOAD);
        org.assertj.core.api.Assertions.assertThat(ann.evaluate("window.pwned")).isNull();
        org.assertj.core.api.Assertions.assertThat(ann.locator("#chat-messages img, #chat-messages script").count()).isZero();

        openChat(cid);
        write(cid, "Ann", "just between us");
        assertThat(messages(ann).last()).containsText("privately to you");
        assertThat(messages(cid).last()).containsText("privately to Ann");
        write(cid, "Hosts only", "can I present next?");
        assertThat(messages(ann).last()).containsText("can I present next?"); // everyone is a host in an ad-hoc room
        org.assertj.core.api.Assertions.assertThat(BrowserHarness.axeViolations(ann)).isEmpty();

        cid.close();
        Page dee = harness.join("chat-room", "Dee");
        openChat(dee);
        assertThat(messages(dee)).hasCount(3); // the public two and the note to the hosts, not the private one
        assertThat(dee.locator("#chat-messages")).not().containsText("just between us");
        org.assertj.core.api.Assertions.assertThat(dee.evaluate("window.pwned")).isNull();
    }
}
