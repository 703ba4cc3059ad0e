package dev.plenum.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import dev.plenum.control.ControlConfig;
import dev.plenum.media.transport.MediaTransportConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loss recovery through the SFU in real Chromium: a subscriber on a network of its own (a namespace, its own
 * Chromium) loses 5% of what reaches it, at random. It asks for the lost packets by NACK (RFC 4585 §6.2.1); the SFU
 * answers from the packet history of that leg with RTX retransmissions (RFC 4588), so the video keeps decoding with
 * few freezes. Without the SFU's answers the page counts NACKs but no retransmissions, and freezes on every loss
 * until the next keyframe. The other way, a publisher losing 5% of what it sends is asked by the SFU for the lost
 * packets; its RTX retransmissions are unwrapped and forwarded, so its subscriber decodes smoothly.
 */
class LossRecoveryTest {
    private static final int LOSSY_NET = 203;
    private static final int LOSS_PERCENT = 5;
    private static final long MEASURE_NANOS = 30_000_000_000L;

    private static NetworkNamespace lossyNet;
    private static BrowserHarness harness;
    private static Browser lossyBrowser;

    @BeforeAll
    static void start() throws IOException {
        lossyNet = NetworkNamespace.create(LOSSY_NET);
        harness = new BrowserHarness(ControlConfig.defaults().withPort(0).withHost("0.0.0.0"),
                MediaTransportConfig.defaults().withPorts(0, 0).withAdvertisedAddresses(List.of(
                        InetAddress.ofLiteral("127.0.0.1"), InetAddress.ofLiteral(lossyNet.hostAddress))));
    }

    @AfterAll
    static void stop() {
        try {
            if (lossyBrowser != null) lossyBrowser.close();
            if (harness != null) harness.close();
        } finally {
            if (lossyNet != null) lossyNet.close();
        }
    }

    /** Joins from a Chromium of its own running inside the lossy namespace. */
    private static Page joinFromLossyNet(String room, String name) throws IOException {
        String origin = "http://" + lossyNet.hostAddress + ":" + harness.node.httpPort();
        lossyBrowser = lossyNet.launchChromium(harness.playwright, origin);
        return BrowserHarness.joinOnceCameraShows(harness.open(lossyBrowser, origin, room), name);
    }

    /** The page's remote video as its inbound-rtp reports it (summed over remote videos; there is one here). */
    @SuppressWarnings("unchecked")
    private static Map<String, Number> inboundVideo(Page page) {
        return (Map<String, Number>) page.evaluate("""
                async () => {
                  const pc = window.plenumPeerConnection;
                  const sum = { framesDecoded: 0, nackCount: 0, retransmittedPacketsReceived: 0, packetsLost: 0,
                                packetsReceived: 0, freezeCount: 0, totalFreezesDuration: 0, pliCount: 0 };
                  if (pc) (await pc.getStats()).forEach(s => {
                    if (s.type === 'inbound-rtp' && s.kind === 'video') for (const k in sum) sum[k] += s[k] || 0;
                  });
                  return sum;
                }""");
    }

    private static long value(Map<String, Number> stats, String name) {
        return stats.get(name).longValue();
    }

    /** The node's loss recovery counters at /metrics. */
    private static List<String> lossRecoveryMetrics() throws Exception {
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            String metrics = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(harness.url("/metrics"))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            return metrics.lines().filter(l -> l.matches("plenum_media_(nack|retransmissions|rtx)_.*")).toList();
        }
    }

    /** Retransmissions the SFU sent, over both formats. */
    private static double serverRetransmissions() throws Exception {
        return lossRecoveryMetrics().stream().filter(l -> l.startsWith("plenum_media_retransmissions_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** What one measurement under loss saw on the subscriber, and the node's counters of it. */
    private record Run(long nacks, long retransmitted, double serverResent, long frames, long freezes, double freezeSeconds,
                       double nacksToPublisher, double repairsForwarded) {
    }

    private static double metric(String name) throws Exception {
        return lossRecoveryMetrics().stream().filter(l -> l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /**
     * One participant on loopback, the other in the lossy namespace, with {@link #LOSS_PERCENT}% loss for
     * {@link #MEASURE_NANOS} on the lossy one's downlink (it subscribes) or uplink (it publishes); measured on the
     * subscriber.
     */
    private static Run measure(String room, boolean lossyUplink) throws Exception {
        Page onLoopback = BrowserHarness.joinOnceCameraShows(harness.open(room), "Pia");
        Page lossy = joinFromLossyNet(room, "Sol");
        Page subscriber = lossyUplink ? onLoopback : lossy;
        Page publisher = lossyUplink ? lossy : onLoopback;
        try {
            long deadline = System.nanoTime() + 25_000_000_000L;
            while (value(inboundVideo(subscriber), "framesDecoded") < 20 && System.nanoTime() < deadline) Thread.sleep(200);
            assertThat(value(inboundVideo(subscriber), "framesDecoded")).as("decoding before the loss starts")
                    .isGreaterThanOrEqualTo(20);

            if (lossyUplink) lossyNet.dropOutgoing(LOSS_PERCENT);
            else lossyNet.dropIncoming(LOSS_PERCENT);
            Map<String, Number> before = inboundVideo(subscriber);
            double serverBefore = serverRetransmissions();
            double nacksBefore = metric("plenum_media_nack_sent_total");
            double repairsBefore = metric("plenum_media_rtx_repaired_total");
            Thread.sleep(MEASURE_NANOS / 1_000_000);
            Map<String, Number> after = inboundVideo(subscriber);
            double serverResent = serverRetransmissions() - serverBefore;
            lossyNet.restore();

            Run run = new Run(value(after, "nackCount") - value(before, "nackCount"),
                    value(after, "retransmittedPacketsReceived") - value(before, "retransmittedPacketsReceived"),
                    serverResent, value(after, "framesDecoded") - value(before, "framesDecoded"),
                    value(after, "freezeCount") - value(before, "freezeCount"),
                    after.get("totalFreezesDuration").doubleValue() - before.get("totalFreezesDuration").doubleValue(),
                    metric("plenum_media_nack_sent_total") - nacksBefore,
                    metric("plenum_media_rtx_repaired_total") - repairsBefore);
            System.out.printf("LossRecoveryTest %s: %d%% loss for %d s: %d packets received, %d lost on the link, %d NACKs, "
                            + "%d retransmissions received (%.0f sent by the SFU), %d frames decoded, %d freezes (%.2f s), "
                            + "%d PLIs%n%s%n", room, LOSS_PERCENT, MEASURE_NANOS / 1_000_000_000L,
                    value(after, "packetsReceived") - value(before, "packetsReceived"),
                    value(after, "packetsLost") - value(before, "packetsLost"), run.nacks, run.retransmitted, serverResent,
                    run.frames, run.freezes, run.freezeSeconds, value(after, "pliCount") - value(before, "pliCount"),
                    String.join("\n", lossRecoveryMetrics()));
            assertThat(BrowserHarness.axeViolations(subscriber)).isEmpty();
            assertThat(BrowserHarness.axeViolations(publisher)).isEmpty();
            return run;
        } finally {
            lossyBrowser.close();
            lossyBrowser = null;
            harness.closePages();
        }
    }

    @Test
    void aSubscriberLosingFivePercentOfItsPacketsGetsThemResentAndKeepsDecoding() throws Exception {
        harness.node.media().answerNacks(true);
        Run run = measure("loss-recovery", false);
        assertThat(run.nacks).as("NACKs the subscriber sent").isPositive();
        assertThat(run.serverResent).as("retransmissions the SFU sent").isPositive();
        assertThat(run.retransmitted).as("retransmissions the subscriber received").isPositive();
        assertThat(run.frames).as("frames decoded under loss (20 fps for 30 s)").isGreaterThan(300);
        // The link also loses 5% of the retransmissions: a packet lost twice waits for a second NACK and can cost a
        // short freeze. Measured in four quiet runs: 1, 1, 1 and 3 freezes, 0.21 to 0.77 s in all; without the SFU's
        // answers 6 to 8 freezes and 23 to 31 s (the next test).
        assertThat(run.freezes).as("freezes in 30 s").isLessThanOrEqualTo(4);
        assertThat(run.freezeSeconds).as("seconds frozen in 30 s").isLessThanOrEqualTo(2.0);
    }

    @Test
    void withoutTheSfusAnswersTheSameLossFreezesTheVideo() throws Exception {
        harness.node.media().answerNacks(false);
        try {
            Run run = measure("loss-unanswered", false);
            assertThat(run.nacks).as("NACKs the subscriber sent").isPositive();
            assertThat(run.retransmitted).as("retransmissions the subscriber received").isZero();
            assertThat(run.freezes).as("freezes in 30 s without retransmissions").isGreaterThan(2);
        } finally {
            harness.node.media().answerNacks(true);
        }
    }

    @Test
    void aPublisherLosingFivePercentOfWhatItSendsIsAskedForTheLostPackets() throws Exception {
        Run run = measure("loss-uplink", true);
        assertThat(run.nacksToPublisher).as("sequence numbers the SFU requested from the publisher").isPositive();
        assertThat(run.repairsForwarded).as("the publisher's RTX packets unwrapped and forwarded").isPositive();
        assertThat(run.frames).as("frames the subscriber decoded (20 fps for 30 s)").isGreaterThan(300);
        assertThat(run.freezes).as("freezes in 30 s").isLessThanOrEqualTo(2);
        assertThat(run.freezeSeconds).as("seconds frozen in 30 s").isLessThanOrEqualTo(1.0);
    }
}
