package dev.plenum.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.FilePayload;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The organiser's pages in the browser, with the keyboard: sign in (a wrong password is said, then the right one),
 * schedule a webinar (the API's field errors shown at their fields), find it on the dashboard with its join link,
 * take registrations with a question and approve a registrant, add a file, and read the attendance of a session
 * the room had (a guest joined it) as a chart, a table and a CSV file. axe-core runs on every page.
 */
class OrganiserPagesTest extends BrowserTest {
    private static final String EMAIL = "olga@example.org";
    private static final String PASSWORD = "correct horse battery";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Map<String, String> session;

    @BeforeAll
    static void signUpTheFirstOrganisation() throws Exception {
        HttpResponse<String> r = HTTP.send(jsonPost("/api/v1/signup", Map.of("organisation", "Riverside School",
                "name", "Olga Organiser", "email", EMAIL, "password", PASSWORD), Map.of()), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("plenum_session="))
                .findFirst().orElseThrow().split(";")[0];
        session = Map.of("Cookie", cookie, "X-CSRF-Token", JSON.readTree(r.body()).get("csrfToken").asText());
    }

    private static void waitReady(Page page) {
        page.locator("html[data-ready=true]").waitFor(new Locator.WaitForOptions()
                .setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
    }

    /** Signs in on the sign-in page with the keyboard alone; the page then shows the dashboard. */
    private static void signIn(Page page) {
        assertThat(focusedId(page)).isEqualTo("email");
        page.keyboard().type(EMAIL);
        page.keyboard().press("Tab");
        page.keyboard().type(PASSWORD);
        page.keyboard().press("Enter");
        page.waitForURL(Pattern.compile(".*/organiser/$"));
        waitReady(page);
    }

    @Test
    void anOrganiserSchedulesAWebinarTakesRegistrationsAddsAFileAndReadsTheAttendance() throws Exception {
        Page page = harness.open("organiser/", harness.contextOptions().setViewportSize(1280, 900), null);
        // Not signed in: the sign-in page, focus on the e-mail field.
        assertThat(page).hasURL(Pattern.compile(".*/organiser/sign-in\\?next=.*"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in"))).isVisible();
        assertThat(BrowserHarness.axeViolations(page)).isEmpty();
        page.keyboard().type(EMAIL);
        page.keyboard().press("Tab");
        page.keyboard().type("not my password");
        page.keyboard().press("Enter");
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("The e-mail address or the password is wrong. Please try again.");
        assertThat(page.getByLabel("Password")).isFocused();
        assertThat(BrowserHarness.axeViolations(page)).isEmpty();
        page.keyboard().type(PASSWORD);
        page.keyboard().press("Enter");
        page.waitForURL(Pattern.compile(".*/organiser/$"));
        waitReady(page);

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Your rooms"))).isVisible();
        assertThat(page.getByText("You have no rooms yet.")).isVisible();
        assertThat(BrowserHarness.axeViolations(page)).isEmpty();

        // Schedule a webinar; a missing start is refused by the API and shown at its field.
        page.getByRole(AriaRole.MAIN).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Schedule a room")).focus();
        page.keyboard().press("Enter");
        page.waitForURL(Pattern.compile(".*/organiser/rooms/new$"));
        waitReady(page);
        tabTo(page, "room-name");
        page.keyboard().type("Parents' evening");
        page.getByLabel("Webinar: only hosts and invited presenters speak").check();
        page.getByLabel("Scheduled: at a date and time").check();
        assertThat(BrowserHarness.axeViolations(page)).isEmpty();
        tabTo(page, "save-room");
        page.keyboard().press("Enter");
        Locator startsAt = page.getByLabel("Starts at *");
        assertThat(startsAt).hasAttribute("aria-invalid", "true");
        assertThat(startsAt).hasAccessibleDescription("startsAt is required for a scheduled room");
        assertThat(startsAt).isFocused();
        assertThat(page.locator("#status")).containsText("Please correct the highlighted fields (1).");
        assertThat(BrowserHarness.axeViolations(page)).isEmpty();
        startsAt.fill("2030-07-01T18:00");
        page.getByLabel("Duration in minutes *").fill("90");
        page.getByLabel("Time zone *").selectOption("Europe/Warsaw");
        page.keyboard().press("Tab");
        tabTo(page, "save-room");
        page.keyboard().press("Enter");
        page.waitForURL(Pattern.compile(".*/organiser/rooms/\\d+\\?created=1$"));
        waitReady(page);
        assertThat(page.locator("#status")).hasText("Parents' evening is scheduled. Its link is below.");
        String joinLink = page.getByLabel("Send this link to the people you invite").inputValue();
        String room = joinLink.substring(joinLink.lastIndexOf('/') + 1);
        assertThat(room).matches("[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}");
        String roomPage = page.url().replace("?created=1", "");
        long conferenceId = Long.parseLong(roomPage.substring(roomPage.lastIndexOf('/') + 1));
        assertThat(BrowserHarness.axeViolations(page)).isEmpty();

        // Registration: manual approval with one required question.
        page.getByLabel("Take registrations on a public page").check();
        page.getByLabel("Manual: I approve or deny each registrant").check();
        button(page, "Add a question").focus();
        page.keyboard().press("Enter");
        assertThat(page.getByLabel("Question 1")).isFocused();
        page.keyboard().type("Child's class");
        page.getByLabel("Answer required").check();
        button(page, "Save registration settings").click();
        assertThat(page.locator("#status")).hasText("Registration settings saved.");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("The registration page"))).isVisible();
        HttpResponse<String> registered = HTTP.send(jsonPost("/api/v1/public/registrations/" + room, Map.of("name", "Ada Parent",
                "email", "ada@example.org", "answers", Map.of("child_s_class", "3B")), Map.of()), HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        page.reload();
        waitReady(page);
        Locator row = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("Ada Parent"));
        assertThat(row).containsText("Waiting for approval");
        assertThat(row).containsText("child_s_class: 3B");
        button(page, "Approve Ada Parent").focus();
        page.keyboard().press("Enter");
        assertThat(row).containsText("Approved");
        assertThat(page.locator("#status")).hasText("Ada Parent is approved and gets the join link by e-mail.");
        assertThat(button(page, "Deny Ada Parent")).isFocused();
        assertThat(BrowserHarness.axeViolations(page)).isEmpty();

        // A file for the room, with its progress.
        page.getByLabel("Add a file").setInputFiles(new FilePayload("reading-list.txt", "text/plain",
                "Books for the summer\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(page.locator("#upload-status")).hasText("reading-list.txt added.");
        assertThat(page.locator("#upload-progress")).hasAttribute("value", "100");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("reading-list.txt"))).isVisible();
        assertThat(BrowserHarness.axeViolations(page)).isEmpty();
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(java.nio.file.Path.of("target", "organiser-room.png")));

        // The dashboard lists it with its join link; the screenshot for the documentation.
        HttpResponse<String> weekly = HTTP.send(jsonPost("/api/v1/conferences", Map.of("name", "Year 5 maths (weekly)",
                "roomType", "meeting", "permanentRoom", true), session), HttpResponse.BodyHandlers.ofString());
        assertThat(weekly.statusCode()).as(weekly.body()).isEqualTo(201);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Your rooms")).first().click();
        page.waitForURL(Pattern.compile(".*/organiser/$"));
        waitReady(page);
        Locator card = page.getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions().setHasText("Parents' evening"));
        assertThat(card).containsText("Webinar");
        assertThat(card.getByLabel("Join link of Parents' evening")).hasValue(joinLink);
        card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Copy link")).click();
        assertThat(page.locator("#status")).not().isEmpty();
        assertThat(page.getByRole(AriaRole.LISTITEM).first()).containsText("Parents' evening"); // the next to start first
        assertThat(BrowserHarness.axeViolations(page)).isEmpty();
        page.screenshot(new Page.ScreenshotOptions().setPath(LayoutTest.SCREENSHOTS.resolve("organiser-dashboard.png")));

        // A session: a guest joins the webinar and leaves; its attendance is a chart, a table and a CSV file.
        Page guest = harness.join(room, "Gus Guest");
        Thread.sleep(1500);
        button(guest, "Leave").click();
        page.navigate(roomPage);
        waitReady(page);
        Locator sessionLink = page.locator("#sessions a");
        waitUntil(() -> { page.reload(); waitReady(page); return page.locator("#sessions a").count() == 1
                && !page.locator("#sessions a").textContent().contains("(now;"); }, 15_000);
        assertThat(sessionLink).containsText("(people: 1)");
        sessionLink.focus();
        page.keyboard().press("Enter");
        page.waitForURL(Pattern.compile(".*/organiser/rooms/" + conferenceId + "/sessions/\\d+$"));
        waitReady(page);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Attendance: Parents' evening"))).isVisible();
        Locator chart = page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName("People present over time"));
        assertThat(chart).isVisible();
        assertThat(chart).hasAccessibleDescription(Pattern.compile("The most people present at once: 1, between .*"));
        assertThat(page.locator("svg path.line")).hasCount(1);
        page.getByText("The chart as a table").click();
        Locator counts = page.locator("#timeline tbody td"); // the guest came (1) and left (0)
        assertThat(counts.last()).hasText("0");
        assertThat(counts.allTextContents()).contains("1");
        Locator attendee = page.locator("#attendees tbody tr");
        assertThat(attendee).hasCount(1);
        assertThat(attendee).containsText("Gus Guest");
        assertThat(attendee).containsText("Attendee");
        assertThat(BrowserHarness.axeViolations(page)).isEmpty();
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(LayoutTest.SCREENSHOTS.resolve("organiser-attendance.png")));
        String csvHref = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download as CSV (spreadsheet)"))
                .getAttribute("href");
        APIResponse csv = page.request().get(harness.url(csvHref));
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.text()).startsWith("name,email,role,joined_at,left_at,total_seconds").contains("Gus Guest,,attendee,");
        String reportHref = page.getByRole(AriaRole.LINK,
                new Page.GetByRoleOptions().setName("Download the session's report (chat, questions, polls, files)"))
                .getAttribute("href");
        APIResponse report = page.request().get(harness.url(reportHref));
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.text()).contains("<html").contains("Gus Guest");

        // In the room the organiser hosts, and finds the file added beforehand, ready to share.
        page.navigate(joinLink);
        waitReady(page);
        BrowserHarness.join(page, "Olga");
        button(page, "Files").click();
        button(page, "Share reading-list.txt for download").click();
        assertThat(page.locator("#announcer")).hasText("A file was shared: reading-list.txt");
        assertThat(button(page, "Share reading-list.txt for download")).isHidden();
        button(page, "Leave").click();
        page.navigate(roomPage);
        waitReady(page);

        // Signing out ends the session: the pages ask to sign in again.
        button(page, "Sign out").click();
        page.waitForURL(Pattern.compile(".*/organiser/sign-in\\?signedOut=1$"));
        waitReady(page);
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("You are signed out.");
        page.navigate(harness.url("/organiser/"));
        page.waitForURL(Pattern.compile(".*/organiser/sign-in\\?next=.*"));
    }

    @Test
    void theSignInPageTheDashboardAndTheRoomFormFitAPhone() {
        Page page = harness.open("organiser/sign-in", harness.contextOptions().setViewportSize(360, 640), null);
        signIn(page);
        for (Locator control : List.of(page.getByLabel("Language"), button(page, "Sign out"),
                page.getByRole(AriaRole.MAIN).getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Schedule a room")))) {
            control.scrollIntoViewIfNeeded();
            BoundingBox box = control.boundingBox();
            assertThat(box.x + box.width).as("%s right edge", control).isLessThanOrEqualTo(360);
            assertThat(box.height).as("%s target height", control).isGreaterThanOrEqualTo(44);
        }
        Number scrollWidth = (Number) page.evaluate("document.documentElement.scrollWidth");
        assertThat(scrollWidth.intValue()).as("no sideways scrolling").isLessThanOrEqualTo(360);
        assertThat(BrowserHarness.axeViolations(page)).isEmpty();

        page.navigate(harness.url("/organiser/rooms/new"));
        waitReady(page);
        page.getByLabel("Scheduled: at a date and time").check();
        page.getByLabel("People who know a password").check();
        scrollWidth = (Number) page.evaluate("document.documentElement.scrollWidth");
        assertThat(scrollWidth.intValue()).as("the room form: no sideways scrolling").isLessThanOrEqualTo(360);
        assertThat(BrowserHarness.axeViolations(page)).isEmpty();
    }

    @Test
    void tooManyWrongPasswordsAreToldWithHowLongToWait() {
        Page page = harness.open("organiser/sign-in", harness.contextOptions(), null);
        Locator alert = page.getByRole(AriaRole.ALERT);
        for (int attempt = 1; attempt <= 6; attempt++) {
            page.getByLabel("E-mail address").fill("nobody@example.org");
            page.getByLabel("Password").fill("guess number " + attempt);
            page.keyboard().press("Enter");
            if (attempt < 6) {
                assertThat(alert).hasText("The e-mail address or the password is wrong. Please try again.");
                alert.evaluate("el => el.textContent = ''"); // the next answer shows afresh
            }
        }
        assertThat(alert).hasText(Pattern.compile("Too many attempts\\. Please wait \\d+ seconds and try again\\."));
        assertThat(BrowserHarness.axeViolations(page)).isEmpty();
    }
}
