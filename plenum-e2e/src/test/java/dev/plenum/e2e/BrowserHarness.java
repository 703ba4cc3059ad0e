package dev.plenum.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;
import dev.plenum.cli.PlenumNode;
import dev.plenum.control.ControlConfig;
import dev.plenum.control.mail.MailConfig;
import dev.plenum.media.transport.MediaTransportConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * One Plenum node and one headless Chromium shared by the tests of a class; each participant is a page in its own
 * browser context (its own cookies and storage), which is cheaper than a browser per participant.
 */
final class BrowserHarness implements AutoCloseable {
    static final Path AXE = Path.of(System.getProperty("user.home"), ".cache/plenum/axe-core-4.11.0/axe.min.js");
    static final List<String> CHROMIUM_FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            "--allow-loopback-in-peer-connection", "--disable-features=WebRtcHideLocalIpsWithMdns",
            "--autoplay-policy=no-user-gesture-required");

    final PlenumNode node;
    private final boolean acceptCertificate;
    final Playwright playwright;
    private final Browser browser;
    private final List<BrowserContext> contexts = new ArrayList<>();

    BrowserHarness() throws java.io.IOException {
        this(ControlConfig.defaults().withPort(0), MediaTransportConfig.defaults().withPorts(0, 0));
    }

    /**
     * A node of the given configuration (e.g. listening and advertising on more addresses); its self-signed
     * certificate, if any, is accepted by the pages.
     */
    BrowserHarness(ControlConfig control, MediaTransportConfig media) throws java.io.IOException {
        this(control, media, MailConfig.none());
    }

    /** A node that sends its registration mails through the given SMTP server. */
    BrowserHarness(MailConfig mail) throws java.io.IOException {
        this(ControlConfig.defaults().withPort(0), MediaTransportConfig.defaults().withPorts(0, 0), mail);
    }

    private BrowserHarness(ControlConfig control, MediaTransportConfig media, MailConfig mail) throws java.io.IOException {
        assertThat(AXE).as("axe-core is fetched by scripts/test.sh; run the suite with it").exists();
        acceptCertificate = control.tls() != null;
        node = new PlenumNode(control, media, mail);
        playwright = Playwright.create();
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get("/usr/bin/chromium")).setHeadless(true).setArgs(CHROMIUM_FLAGS));
    }

    String url(String path) {
        return node.url() + path;
    }

    /** An init script: the fake camera captures 1280x720 at 15 frames a second, whatever the page asks for. */
    static final String HD_CAMERA = """
            const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
            navigator.mediaDevices.getUserMedia = constraints => getUserMedia(constraints?.video
                ? { ...constraints, video: { width: 1280, height: 720, frameRate: 15 } } : constraints);
            """;

    /** A fresh participant page (own context) showing the given room's pre-join page. */
    Page open(String room) {
        return open(room, contextOptions(), null);
    }

    /** As {@link #open(String)}, in a browser whose preferred language is the given locale. */
    Page open(String room, String locale) {
        return open(room, contextOptions().setLocale(locale), null);
    }

    /** What every participant's browser context starts from: camera and microphone allowed, English. */
    Browser.NewContextOptions contextOptions() {
        return new Browser.NewContextOptions()
                .setPermissions(List.of("camera", "microphone")).setBypassCSP(true).setLocale("en-GB")
                .setIgnoreHTTPSErrors(acceptCertificate); // a certificate the test itself made
    }

    /** As {@link #open(String)} with the given context, running {@code initScript} (when not null) before the page's own scripts. */
    Page open(String room, Browser.NewContextOptions options, String initScript) {
        BrowserContext context = browser.newContext(options);
        contexts.add(context);
        if (initScript != null) context.addInitScript(initScript);
        Page page = context.newPage();
        page.navigate(url("/" + room));
        // The module finishes after "load" (it awaits its messages); keys typed before then would be lost.
        page.locator("html[data-ready=true]").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED));
        return page;
    }

    /** A fresh participant page in {@code browser} (e.g. one inside a network namespace) showing the room at {@code origin}. */
    Page open(Browser browser, String origin, String room) {
        Page page = browser.newContext(contextOptions()).newPage();
        page.navigate(origin + "/" + room);
        page.locator("html[data-ready=true]").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED));
        return page;
    }

    /** Joins once the pre-join preview shows the camera: a freshly started Chromium is slow to open its fake camera. */
    static Page joinOnceCameraShows(Page page, String name) {
        page.locator("#preview-note", new Page.LocatorOptions().setHasText("This is how others will see you."))
                .waitFor(new Locator.WaitForOptions().setTimeout(15_000));
        return join(page, name);
    }

    /** Opens the room's link, types a name and clicks Join, as a person would. */
    Page join(String room, String name) {
        return join(open(room), name);
    }

    /** Types a name into an open pre-join page and clicks Join. */
    static Page join(Page page, String name) {
        page.getByLabel("Your name").fill(name);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Leave")).waitFor();
        return page;
    }

    /** axe-core violations (WCAG 2.0/2.1/2.2 A and AA, no rule disabled) on what the page shows now. */
    static List<String> axeViolations(Page page) {
        try {
            page.addScriptTag(new Page.AddScriptTagOptions().setContent(Files.readString(AXE)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        @SuppressWarnings("unchecked")
        List<String> violations = (List<String>) page.evaluate("""
                async () => {
                  const r = await axe.run(document, { runOnly: { type: 'tag',
                      values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'] } });
                  return r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
                }""");
        return violations;
    }

    /** Closes every participant page (a normal close for each), so at most a test's own pages publish at once. */
    void closePages() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    @Override
    public void close() {
        closePages();
        browser.close();
        playwright.close();
        node.close();
    }
}
