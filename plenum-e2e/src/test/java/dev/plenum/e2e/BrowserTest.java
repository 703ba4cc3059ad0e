package dev.plenum.e2e;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the browser test classes share: one node and one Chromium per class (test classes run one after another),
 * fresh pages for every test.
 */
abstract class BrowserTest {
    static BrowserHarness harness;

    @BeforeAll
    static void startHarness() throws Exception {
        harness = new BrowserHarness();
    }

    @AfterEach
    void closePages() {
        harness.closePages();
    }

    @AfterAll
    static void stopHarness() {
        harness.close();
    }

    /** The button a person would find by this exact name. */
    static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** A getStats inbound-rtp counter summed over the page's tracks of one kind ("audio", "video"). */
    static long inboundTotal(Page page, String kind, String field) {
        return MediaTest.inbound(page).stream().filter(s -> kind.equals(s.get("kind")))
                .mapToLong(s -> ((Number) s.get(field)).longValue()).sum();
    }

    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** A JSON POST to the node (the REST API), with extra headers such as a session's cookie and CSRF token. */
    static java.net.http.HttpRequest jsonPost(String path, Object body, java.util.Map<String, String> headers) throws Exception {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(harness.url(path)))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        headers.forEach(b::header);
        return b.build();
    }

    static String focusedId(Page page) {
        return (String) page.evaluate("() => document.activeElement && document.activeElement.id");
    }

    /** Presses Tab until the element with this id has the focus (at most 60 presses), as a keyboard user would. */
    static void tabTo(Page page, String id) {
        for (int i = 0; i < 60 && !id.equals(focusedId(page)); i++) page.keyboard().press("Tab");
        org.assertj.core.api.Assertions.assertThat(focusedId(page)).isEqualTo(id);
    }

    /** Polls every 200 ms until the condition holds or the time is up; the caller asserts afterwards. */
    static void waitUntil(java.util.function.BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(200);
    }
}
