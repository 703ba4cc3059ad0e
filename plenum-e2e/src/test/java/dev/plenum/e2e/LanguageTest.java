package dev.plenum.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/** The page speaks the browser's language, and anyone can switch it from any page. */
class LanguageTest extends BrowserTest {
    private static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name);
    }

    @Test
    void aGermanBrowserGetsGermanAndTheChoiceIsRemembered() {
        Page page = harness.open("sprachen", "de-DE");
        assertThat(page.locator("html")).hasAttribute("lang", "de");
        assertThat(page.getByLabel("Ihr Name")).isVisible();
        assertThat(page.getByRole(AriaRole.BUTTON, named("Teilnehmen"))).isVisible();
        org.assertj.core.api.Assertions.assertThat(BrowserHarness.axeViolations(page)).isEmpty();

        page.getByLabel("Sprache").selectOption("fr");
        assertThat(page.locator("html")).hasAttribute("lang", "fr");
        assertThat(page.getByLabel("Votre nom")).isVisible();
        assertThat(page.getByText("Réunion : sprachen")).isVisible();
        org.assertj.core.api.Assertions.assertThat(BrowserHarness.axeViolations(page)).isEmpty();

        page.reload();
        page.locator("html[data-ready=true]").waitFor();
        assertThat(page.getByLabel("Votre nom")).isVisible();
    }

    @Test
    void switchingInTheRoomRetranslatesControlsAndTiles() {
        Page page = harness.join("jezyki", "Ola");
        page.getByLabel("Language").selectOption("pl");
        assertThat(page.locator("html")).hasAttribute("lang", "pl");
        assertThat(page.getByRole(AriaRole.BUTTON, named("Wycisz mikrofon"))).isVisible();
        assertThat(page.getByRole(AriaRole.HEADING, named("Spotkanie jezyki"))).isVisible();
        assertThat(page.locator("#tiles")).containsText("Ola (ty)");
        assertThat(page.getByText("Połączono")).isAttached();
        org.assertj.core.api.Assertions.assertThat(BrowserHarness.axeViolations(page)).isEmpty();
    }
}
