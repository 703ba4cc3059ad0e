package dev.plenum.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.plenum.control.mail.MailConfig;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A visitor registers on the public page with the keyboard alone: Tab to each field, type, Enter to submit; a
 * missing answer is announced and tied to its field; the confirmation with the calendar invitation arrives by mail
 * (GreenMail on loopback as the node's SMTP server); its personal link joins, and after the registrant cancels with
 * the mail's cancel link (keyboard again, on an accessible page), the link is refused, saying why.
 */
class RegistrationTest extends BrowserTest {
    private static GreenMail smtp;

    @BeforeAll
    static void startMailingHarness() throws Exception { // after BrowserTest's: replaced by one whose node sends mail
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        harness.close();
        harness = new BrowserHarness(MailConfig.smtp("127.0.0.1", smtp.getSmtp().getPort(), "Plenum <events@example.org>"));
    }

    @AfterAll
    static void stopSmtp() { // BrowserTest closes the harness
        smtp.stop();
    }

    /** Signs up the node's first organisation and makes a scheduled conference taking registrations; its room name. */
    private static String conferenceTakingRegistrations() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> signUp = http.send(jsonPost("/api/v1/signup", Map.of("organisation", "Acme", "name", "Ada",
                "email", "owner@example.org", "password", "correct horse battery"), Map.of()), HttpResponse.BodyHandlers.ofString());
        String cookie = signUp.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("plenum_session="))
                .findFirst().orElseThrow().split(";")[0];
        Map<String, String> session = Map.of("Cookie", cookie, "X-CSRF-Token", JSON.readTree(signUp.body()).get("csrfToken").asText());
        HttpResponse<String> created = http.send(jsonPost("/api/v1/conferences", Map.of("name", "Quarterly results",
                "permanentRoom", false, "startsAt", "2030-07-01T10:00:00", "timeZone", "Europe/Warsaw", "durationMinutes", 90),
                session), HttpResponse.BodyHandlers.ofString());
        JsonNode conference = JSON.readTree(created.body());
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(harness.url("/api/v1/conferences/" + conference.get("id").asLong()
                        + "/registration")))
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("enabled", true, "approval", "automatic",
                        "fields", List.of(Map.of("key", "company", "label", "Company", "required", true))))))
                .header("Content-Type", "application/json");
        session.forEach(put::header);
        HttpResponse<String> settings = http.send(put.build(), HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(settings.statusCode()).as(settings.body()).isEqualTo(200);
        return conference.get("roomName").asText();
    }

    @Test
    void aVisitorRegistersWithTheKeyboardAndReceivesTheInvitation() throws Exception {
        String room = conferenceTakingRegistrations();
        Page page = harness.open("register/" + room, harness.contextOptions().setTimezoneId("America/New_York"), null);

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Quarterly results"))).isVisible();
        assertThat(page.locator("#time-event")).containsText("(Europe/Warsaw)");
        assertThat(page.locator("#time-event")).containsText("10:00");
        assertThat(page.locator("#time-local")).containsText("(America/New_York)");
        assertThat(page.locator("#time-local")).containsText("4:00"); // 08:00 UTC is 04:00 in New York (EDT)
        org.assertj.core.api.Assertions.assertThat(BrowserHarness.axeViolations(page)).isEmpty();

        tabTo(page, "reg-name");
        page.keyboard().type("Ada Lovelace");
        page.keyboard().press("Tab");
        org.assertj.core.api.Assertions.assertThat(focusedId(page)).isEqualTo("reg-email");
        page.keyboard().type("ada@example.org");
        page.keyboard().press("Enter"); // the required company is still empty

        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Please correct the highlighted fields (1).");
        assertThat(page.getByLabel("Company *")).hasAttribute("aria-invalid", "true");
        assertThat(page.getByLabel("Company *")).hasAccessibleDescription("Please fill in Company.");
        org.assertj.core.api.Assertions.assertThat(focusedId(page)).isEqualTo("answer-company");
        org.assertj.core.api.Assertions.assertThat(BrowserHarness.axeViolations(page)).isEmpty();

        page.keyboard().type("Analytical Engines");
        page.keyboard().press("Enter");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("you are registered");
        org.assertj.core.api.Assertions.assertThat(BrowserHarness.axeViolations(page)).isEmpty();

        org.assertj.core.api.Assertions.assertThat(smtp.waitForIncomingEmail(20_000, 1)).as("confirmation mail").isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        org.assertj.core.api.Assertions.assertThat(mail.getSubject()).isEqualTo("Registration confirmed: Quarterly results");
        org.assertj.core.api.Assertions.assertThat(mail.getAllRecipients()[0].toString()).contains("ada@example.org");
        org.assertj.core.api.Assertions.assertThat(calendar(mail)).contains("DTSTART;TZID=Europe/Warsaw:20300701T100000");
        org.assertj.core.api.Assertions.assertThat(mail.getHeader("List-Unsubscribe")[0]).startsWith("<" + harness.url("/unsubscribe/"));

        // the personal link of the mail joins; after cancelling with the mail's other link, it says why it no longer does
        String text = plainText(mail);
        java.util.regex.Matcher joinLink = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(harness.url("/"))
                + "(" + room + "\\?registrant=\\S+)").matcher(text);
        java.util.regex.Matcher cancelLink = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(harness.url("/"))
                + "(cancel-registration/\\S+)").matcher(text);
        org.assertj.core.api.Assertions.assertThat(joinLink.find() && cancelLink.find()).as(text).isTrue();
        Page joined = BrowserHarness.join(harness.open(joinLink.group(1)), "Someone");
        joined.context().close();

        Page cancel = harness.open(cancelLink.group(1), harness.contextOptions(), null);
        assertThat(cancel.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Cancel your registration"))).isVisible();
        org.assertj.core.api.Assertions.assertThat(BrowserHarness.axeViolations(cancel)).isEmpty();
        tabTo(cancel, "cancel-registration");
        cancel.keyboard().press("Enter");
        assertThat(cancel.getByRole(AriaRole.STATUS)).containsText("Done: your registration is cancelled.");
        org.assertj.core.api.Assertions.assertThat(BrowserHarness.axeViolations(cancel)).isEmpty();

        Page refused = harness.open(joinLink.group(1));
        refused.getByLabel("Your name").fill("Someone");
        refused.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join")).click();
        assertThat(refused.locator("#join-error")).containsText("This registration was cancelled.");
    }

    private static String plainText(Part part) throws Exception {
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = plainText(multipart.getBodyPart(i));
                if (found != null) return found;
            }
            return null;
        }
        return part.isMimeType("text/plain") ? (String) part.getContent() : null;
    }

    private static String calendar(Part part) throws Exception {
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = calendar(multipart.getBodyPart(i));
                if (found != null) return found;
            }
            return null;
        }
        if (!part.isMimeType("text/calendar")) return null;
        return new String(part.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
