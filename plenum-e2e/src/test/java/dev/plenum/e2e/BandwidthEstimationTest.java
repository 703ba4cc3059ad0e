package dev.plenum.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import dev.plenum.control.ControlConfig;
import dev.plenum.media.transport.MediaTransportConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SFU's send-side bandwidth estimate toward each subscriber, with real Chromium answering with transport-cc
 * feedback: on an open link the probe padding (padding-only packets on the legs' RTX SSRCs) is acknowledged by
 * Chromium, so probes are measured and raise the estimate, and it disturbs nothing; on a downlink limited to 100 kbit/s the SFU pauses video toward that subscriber by itself,
 * before the page has to fall back to audio only, and resumes it once the link is open again.
 */
class BandwidthEstimationTest {
    private static final int WEAK_NET = 211;

    private static NetworkNamespace weakNet;
    private static BrowserHarness harness;
    private static Browser weakBrowser;

    @BeforeAll
    static void start() throws IOException {
        weakNet = NetworkNamespace.create(WEAK_NET);
        harness = new BrowserHarness(ControlConfig.defaults().withPort(0).withHost("0.0.0.0"),
                MediaTransportConfig.defaults().withPorts(0, 0).withAdvertisedAddresses(List.of(
                        InetAddress.ofLiteral("127.0.0.1"), InetAddress.ofLiteral(weakNet.hostAddress))));
    }

    @AfterAll
    static void stop() {
        try {
            if (weakBrowser != null) weakBrowser.close();
            if (harness != null) harness.close();
        } finally {
            if (weakNet != null) weakNet.close();
        }
    }

    /** Joins from a Chromium of its own running inside the weak namespace. */
    private static Page joinFromWeakNet(String room, String name) throws IOException {
        String origin = "http://" + weakNet.hostAddress + ":" + harness.node.httpPort();
        weakBrowser = weakNet.launchChromium(harness.playwright, origin);
        return BrowserHarness.joinOnceCameraShows(harness.open(weakBrowser, origin, room), name);
    }

    /** The sum of the node's samples of one line at /metrics (e.g. {@code plenum_media_bwe_video_paused_total}). */
    private static double metric(String name) throws Exception {
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            String metrics = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(harness.url("/metrics"))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            return metrics.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        }
    }

    /** The audio packets the page counts as lost (inbound-rtp packetsLost, RFC 3550 §6.4.1 cumulative). */
    private static long audioPacketsLost(Page page) {
        return ((Number) page.evaluate("""
                async () => {
                  let lost = 0;
                  (await window.plenumPeerConnection.getStats()).forEach(s => {
                    if (s.type === 'inbound-rtp' && s.kind === 'audio') lost += s.packetsLost || 0;
                  });
                  return lost;
                }""")).longValue();
    }

    private static long framesDecoded(Page page) {
        return BrowserTest.inboundTotal(page, "video", "framesDecoded");
    }

    private static void awaitFrames(Page page, long moreThan, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (framesDecoded(page) <= moreThan && System.nanoTime() < deadline) Thread.sleep(200);
        assertThat(framesDecoded(page)).as("video frames decoded").isGreaterThan(moreThan);
    }

    private static void awaitMetric(String name, double atLeast, long seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (metric(name) < atLeast && System.nanoTime() < deadline) Thread.sleep(200);
        assertThat(metric(name)).as(name).isGreaterThanOrEqualTo(atLeast);
    }

    @Test
    void onAnOpenLinkChromiumAcknowledgesTheProbePaddingWhichDisturbsNothing() throws Exception {
        double pausedBefore = metric("plenum_media_bwe_video_paused_total"); // the node is shared with the other test
        double resultsBefore = metric("plenum_media_bwe_probe_results_total");
        Page ada = BrowserHarness.joinOnceCameraShows(harness.open("bwe-open"), "Ada");
        Page ben = BrowserHarness.joinOnceCameraShows(harness.open("bwe-open"), "Ben");
        awaitFrames(ben, 20, 25);
        awaitFrames(ada, 20, 25);
        // Chromium counts the padding-only RTX packets in its transport-cc feedback: the probes come back measured.
        awaitMetric("plenum_media_bwe_probe_results_total", resultsBefore + 1, 30); // the start probe, or the next (5 s)
        assertThat(metric("plenum_media_bwe_probe_clusters_total")).isPositive();
        awaitMetric("plenum_media_bwe_estimate_bits_max", 600_000, 15); // twice the start, within seconds

        long benFrames = framesDecoded(ben);
        long adaFrames = framesDecoded(ada);
        Thread.sleep(3000);
        assertThat(framesDecoded(ben) - benFrames).as("Ben keeps decoding").isGreaterThan(20);
        assertThat(framesDecoded(ada) - adaFrames).as("Ada keeps decoding").isGreaterThan(20);
        assertThat(metric("plenum_media_bwe_video_paused_total")).isEqualTo(pausedBefore);
        assertThat(BrowserHarness.axeViolations(ben)).isEmpty();
    }

    @Test
    void onAWeakDownlinkTheSfuPausesVideoBeforeThePageMustAndResumesItWhenTheLinkRecovers() throws Exception {
        Page sol = joinFromWeakNet("bwe-weak", "Sol");
        BrowserHarness.joinOnceCameraShows(harness.open("bwe-weak"), "Pia");
        awaitFrames(sol, 20, 25);
        double pausedBefore = metric("plenum_media_bwe_video_paused_total");
        double resumedBefore = metric("plenum_media_bwe_video_resumed_total");

        weakNet.limitDownlink(100);
        try {
            awaitMetric("plenum_media_bwe_video_paused_total", pausedBefore + 1, 15);
            Thread.sleep(1500); // what was queued before the pause drains
            long frames = framesDecoded(sol);
            long audio = BrowserTest.inboundTotal(sol, "audio", "packetsReceived");
            long audioLost = audioPacketsLost(sol);
            Thread.sleep(3000);
            assertThat(framesDecoded(sol)).as("no video while paused").isEqualTo(frames);
            long received = BrowserTest.inboundTotal(sol, "audio", "packetsReceived") - audio;
            long lost = audioPacketsLost(sol) - audioLost;
            System.out.printf("bandwidth: at 100 kbit/s, video paused; audio in 3 s: %d packets received, %d lost%n",
                    received, lost);
            assertThat(received).as("sound keeps coming").isGreaterThan(100);
            assertThat(lost).as("audio lost of %d while video is paused", received + lost)
                    .isLessThanOrEqualTo((received + lost) / 100);
            assertThat(sol.locator("#audio-only-note").isHidden()).as("the page did not have to fall back").isTrue();
        } finally {
            weakNet.unlimitDownlink();
        }
        awaitMetric("plenum_media_bwe_video_resumed_total", resumedBefore + 1, 20);
        long frames = framesDecoded(sol);
        awaitFrames(sol, frames + 10, 10);
        assertThat(BrowserHarness.axeViolations(sol)).isEmpty();
    }
}
