package dev.plenum.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.plenum.control.ControlConfig;
import dev.plenum.media.transport.MediaTransportConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A participant on a network of its own (a network namespace joined to the node's by a veth pair, running its own
 * Chromium): its network drops and comes back, or blocks UDP. The other participant is an ordinary page on loopback.
 */
class NetworkTest {
    private static final int RESUME_NET = 201;
    private static final int TCP_NET = 202;
    private static final int POOR_NET = 203;
    /** After the link is back, the page must decode again (and be decoded) within this. */
    private static final long RESUME_DEADLINE_NANOS = 10_000_000_000L;

    private static NetworkNamespace resumeNet;
    private static NetworkNamespace tcpNet;
    private static NetworkNamespace poorNet;
    private static BrowserHarness harness;
    private final List<Browser> browsers = new ArrayList<>();
    /** The pages of the running test, for failure messages. */
    private static final List<Page> pages = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        resumeNet = NetworkNamespace.create(RESUME_NET);
        tcpNet = NetworkNamespace.create(TCP_NET);
        poorNet = NetworkNamespace.create(POOR_NET);
        // The node listens on every address and advertises the namespaces' gateways as well as loopback.
        harness = new BrowserHarness(ControlConfig.defaults().withPort(0).withHost("0.0.0.0"),
                MediaTransportConfig.defaults().withPorts(0, 0).withAdvertisedAddresses(List.of(
                        InetAddress.ofLiteral("127.0.0.1"), InetAddress.ofLiteral(resumeNet.hostAddress),
                        InetAddress.ofLiteral(tcpNet.hostAddress), InetAddress.ofLiteral(poorNet.hostAddress))));
    }

    @AfterEach
    void closePages() {
        pages.clear();
        browsers.forEach(Browser::close);
        browsers.clear();
        if (harness != null) harness.closePages();
    }

    @AfterAll
    static void stop() {
        try {
            if (harness != null) harness.close();
        } finally {
            if (resumeNet != null) resumeNet.close();
            if (tcpNet != null) tcpNet.close();
            if (poorNet != null) poorNet.close();
        }
    }

    private static String origin(NetworkNamespace ns) {
        return "http://" + ns.hostAddress + ":" + harness.node.httpPort();
    }

    /** Joins from a Chromium of its own running inside {@code ns}, over the node's address on that network. */
    private Page joinFrom(NetworkNamespace ns, String room, String name) throws IOException {
        Browser browser = ns.launchChromium(harness.playwright, origin(ns));
        browsers.add(browser);
        return joinWithCamera(harness.open(browser, origin(ns), room), name);
    }

    /** Joins once the camera shows, keeping the page for failure messages. */
    private static Page joinWithCamera(Page page, String name) {
        pages.add(page);
        return BrowserHarness.joinOnceCameraShows(page, name);
    }

    private static void awaitDecoding(Page page, long moreThan, long deadlineNanos) throws InterruptedException {
        while (BrowserTest.inboundTotal(page, "video", "framesDecoded") <= moreThan && System.nanoTime() < deadlineNanos) {
            Thread.sleep(100);
        }
        assertThat(BrowserTest.inboundTotal(page, "video", "framesDecoded")).as(() -> "video frames decoded; stats: " + videoStats(page) + "\nthe other pages: "
                + String.join("\n", pages.stream().filter(p -> p != page).map(p -> String.valueOf(videoStats(p))).toList()))
                .isGreaterThan(moreThan);
    }

    /** What the page's video receivers and its transport say, for a failure message. */
    private static Object videoStats(Page page) {
        return page.evaluate("""
                async () => {
                  const out = [];
                  (await window.plenumPeerConnection.getStats()).forEach(s => {
                    if (((s.type === 'inbound-rtp' || s.type === 'outbound-rtp') && s.kind === 'video') || s.type === 'transport'
                        || (s.type === 'candidate-pair' && s.nominated)) out.push(JSON.stringify(s));
                  });
                  const transceivers = window.plenumPeerConnection.getTransceivers().map(t =>
                      `${t.mid}:${t.direction}/${t.currentDirection}/${t.sender.track ? t.sender.track.kind + ' ' + t.sender.track.readyState : 'no track'}`);
                  return out.join('\\n') + '\\nconnection: ' + window.plenumPeerConnection.iceConnectionState
                      + '\\ntransceivers: ' + transceivers.join(', ') + '\\nannounced: ' + document.getElementById('announcer').textContent
                      + '\\npreview: ' + document.getElementById('preview-note').textContent;
                }""") + "\nserver: " + mediaCounters();
    }

    /** The node's media packet counters (classified, dropped per reason). */
    private static String mediaCounters() {
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            String metrics = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(harness.url("/metrics"))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            return String.join("\n", metrics.lines().filter(l -> l.startsWith("plenum_media")).toList());
        } catch (Exception e) {
            return "unavailable: " + e;
        }
    }

    private static String connectionState(Page page) {
        return page.locator("#connection-state").textContent();
    }

    private static String tileState(Page page, String name) {
        Locator state = page.locator("li.tile", new Page.LocatorOptions().setHasText(name)).locator(".state");
        return state.count() == 0 ? "" : state.textContent();
    }

    private static String iceUfragOffered(Page page) {
        return (String) page.evaluate("""
                () => window.plenumPeerConnection.remoteDescription.sdp.match(/a=ice-ufrag:(\\S+)/)[1]""");
    }

    @Test
    void aPageWhoseNetworkDropsForFiveSecondsResumesWithoutAReload() throws Exception {
        Page ann = joinFrom(resumeNet, "net-resume", "Ann");
        Page bob = joinWithCamera(harness.open("net-resume"), "Bob");
        long deadline = System.nanoTime() + 20_000_000_000L;
        awaitDecoding(ann, 10, deadline);
        awaitDecoding(bob, 10, deadline);
        ann.evaluate("() => { window.plenumNoReload = window.plenumPeerConnection; }");
        String ufragBefore = iceUfragOffered(ann);

        resumeNet.cut();
        long cutAt = System.nanoTime();
        boolean bobSawReconnecting = false;
        boolean annSaidReconnecting = false;
        while (System.nanoTime() - cutAt < 5_000_000_000L) {
            bobSawReconnecting |= tileState(bob, "Ann").contains("reconnecting");
            annSaidReconnecting |= connectionState(ann).equals("Reconnecting…");
            Thread.sleep(100);
        }
        assertThat(annSaidReconnecting).as("Ann's page says it is reconnecting while its network is down").isTrue();
        assertThat(bobSawReconnecting).as("Bob sees Ann as reconnecting while her network is down").isTrue();
        assertThat(BrowserHarness.axeViolations(ann)).as("axe on the reconnecting page").isEmpty();
        assertThat(BrowserHarness.axeViolations(bob)).as("axe on the page showing a reconnecting peer").isEmpty();
        long annFrames = BrowserTest.inboundTotal(ann, "video", "framesDecoded");
        long bobFrames = BrowserTest.inboundTotal(bob, "video", "framesDecoded");

        resumeNet.restore();
        long restoredAt = System.nanoTime();
        long until = restoredAt + RESUME_DEADLINE_NANOS;
        awaitDecoding(ann, annFrames + 10, until);
        awaitDecoding(bob, bobFrames + 10, until);
        while (!connectionState(ann).equals("Connected") && System.nanoTime() < until) Thread.sleep(50);
        double seconds = (System.nanoTime() - restoredAt) / 1e9;
        System.out.printf("NetworkTest: from link restore to decoding again both ways and \"Connected\": %.2f s%n", seconds);

        assertThat(connectionState(ann)).isEqualTo("Connected");
        assertThat(tileState(bob, "Ann")).doesNotContain("reconnecting");
        assertThat((Boolean) ann.evaluate("() => window.plenumNoReload === window.plenumPeerConnection"))
                .as("the same page and PeerConnection, not a reload").isTrue();
        assertThat(iceUfragOffered(ann)).as("the server restarted ICE with fresh credentials").isNotEqualTo(ufragBefore);
        assertThat(seconds).as("seconds from link restore to decoding again").isLessThan(10);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> selectedPair(Page page) {
        return (Map<String, Object>) page.evaluate("""
                async () => {
                  const stats = await window.plenumPeerConnection.getStats();
                  let id = null;
                  stats.forEach(s => { if (s.type === 'transport' && s.selectedCandidatePairId) id = s.selectedCandidatePairId; });
                  const pair = id && stats.get(id);
                  if (!pair) return null;
                  const local = stats.get(pair.localCandidateId), remote = stats.get(pair.remoteCandidateId);
                  return { local: local.protocol, remote: remote.protocol, remoteAddress: remote.address || remote.ip };
                }""");
    }

    @Test
    void aParticipantWithUdpBlockedJoinsOverIceTcp() throws Exception {
        tcpNet.blockUdp();
        Page cid = joinFrom(tcpNet, "net-tcp", "Cid");
        Page dan = joinWithCamera(harness.open("net-tcp"), "Dan");
        long deadline = System.nanoTime() + 25_000_000_000L;
        awaitDecoding(dan, 10, deadline);
        awaitDecoding(cid, 10, deadline);

        Map<String, Object> pair = selectedPair(cid);
        assertThat(pair).as("selected candidate pair").isNotNull();
        assertThat(pair.get("local")).as("local candidate protocol").isEqualTo("tcp");
        assertThat(pair.get("remote")).as("remote candidate protocol").isEqualTo("tcp");
        assertThat(pair.get("remoteAddress")).isEqualTo(tcpNet.hostAddress);

        String offer = (String) cid.evaluate("() => window.plenumPeerConnection.remoteDescription.sdp");
        int tcpPort = harness.node.tcpPort();
        for (String address : List.of("127.0.0.1", resumeNet.hostAddress, tcpNet.hostAddress)) {
            assertThat(offer).as("passive ICE-TCP candidate for " + address)
                    .containsPattern("a=candidate:\\S+ 1 tcp \\d+ " + address.replace(".", "\\.") + " " + tcpPort
                            + " typ host tcptype passive");
        }
        assertThat(BrowserHarness.axeViolations(cid)).isEmpty();
    }

    @Test
    void aPageOnAVeryPoorLinkFallsBackToAudioOnlyByItselfAndSaysSo() throws Exception {
        Page eve = joinFrom(poorNet, "net-poor", "Eve");
        joinWithCamera(harness.open("net-poor"), "Fay");
        awaitDecoding(eve, 10, System.nanoTime() + 20_000_000_000L);

        // A weak, lossy line: 100 kbit/s is below what video needs (sound, about 40 kbit/s, fits), and 15% of what
        // arrives is lost at random besides, so every window of the page's judgement sees the loss.
        poorNet.limitDownlink(100);
        poorNet.dropIncoming(15);
        Locator note = eve.locator("#audio-only-note");
        note.waitFor(new Locator.WaitForOptions().setTimeout(20_000));
        assertThat(note.textContent()).startsWith("Your connection is very weak, so other people's video is paused.");
        assertThat(eve.locator("#toggle-audio-only").getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(BrowserHarness.axeViolations(eve)).as("axe with the note shown").isEmpty();
        eve.locator("#simple-mode").click();
        assertThat(eve.locator("#toggle-audio-only").isVisible()).as("the button the note names stays in simple view")
                .isTrue();

        Thread.sleep(1000); // what was queued before the switch drains
        long video = BrowserTest.inboundTotal(eve, "video", "packetsReceived");
        Thread.sleep(2000);
        assertThat(BrowserTest.inboundTotal(eve, "video", "packetsReceived")).as("no video reaches the page after the fall-back")
                .isEqualTo(video);
    }
}
