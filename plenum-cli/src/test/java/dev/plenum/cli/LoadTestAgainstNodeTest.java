package dev.plenum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.control.ControlConfig;
import dev.plenum.loadtest.LoadTest;
import dev.plenum.loadtest.LoadTestOptions;
import dev.plenum.loadtest.measure.RoomEventDelays;
import dev.plenum.loadtest.media.MediaProfile;
import dev.plenum.loadtest.report.LoadTestReport;
import dev.plenum.loadtest.report.StreamSummary;
import dev.plenum.media.transport.MediaTransportConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The load tester against a real node on loopback, through the public join API, signaling, ICE, DTLS and SRTP:
 * one publisher and two subscribers for six seconds. Both subscribers receive and decrypt the
 * publisher's audio and video with (almost) no loss, and the delay through the SFU is measured.
 */
class LoadTestAgainstNodeTest {

    @Test
    void onePublisherTwoSubscribersReceiveDecryptAndMeasure() throws Exception {
        try (PlenumNode node = new PlenumNode(ControlConfig.defaults().withPort(0), MediaTransportConfig.defaults().withPorts(0, 0))) {
            // The publisher sends three simulcast layers; the subscribers' 360-pixel tiles choose the middle one.
            LoadTestOptions options = new LoadTestOptions(URI.create(node.url()), 1, 2, 0, 1, Duration.ofSeconds(6), 10, Duration.ofMillis(500), 20,
                    MediaProfile.defaults(), 1, null, "it", Duration.ofSeconds(2), 0, 360);
            ByteArrayOutputStream progress = new ByteArrayOutputStream();
            LoadTestReport report = new LoadTest(options, new PrintStream(progress, true)).run();

            assertThat(report.connected()).as("failures: %s", report.failures()).isEqualTo(3);
            assertThat(report.publishersSentPackets()).isGreaterThan(200);
            assertThat(report.keyframesSent()).isGreaterThanOrEqualTo(1);
            for (StreamSummary kind : new StreamSummary[] {report.audio(), report.video()}) {
                assertThat(kind.tracks()).as(kind.kind()).isEqualTo(2); // one per subscriber
                assertThat(kind.packets()).as(kind.kind()).isGreaterThan(100);
                assertThat(kind.decrypted()).as(kind.kind()).isGreaterThan(10);
                assertThat(kind.decryptFailures()).as(kind.kind()).isZero();
                assertThat(kind.lossPercent()).as(kind.kind()).isLessThan(1.0);
                assertThat(kind.delayP50Millis()).as(kind.kind()).isGreaterThan(0).isLessThan(1000);
            }
            assertThat(report.video().kbpsPerTrack()).isBetween(250.0, 1000.0);
            assertThat(report.receivedVideoSizes()).as("the layer each subscriber received").containsExactly(java.util.Map.entry("640x360", 2));
            assertThat(report.audio().packetsPerSecondPerTrack()).isBetween(35.0, 65.0);
            assertThat(report.serverUsage()).isNotNull();
            assertThat(report.measuredFromSeconds()).as("steady state began").isPositive();
            assertThat(report.serverUsage().packetsSent()).isPositive();
            assertThat(report.serverUsage().cpuMicrosPerPacketSent()).isPositive();
            assertThat(report.serverUsage().directBytes()).as("Netty's packet memory is counted").isPositive();
            assertThat(progress.toString()).contains("connected 3");
        }
    }

    @Test
    void onALossyDownlinkSubscribersNackAndTheSfuRepairsTheirVideoWithRtx() throws Exception {
        try (PlenumNode node = new PlenumNode(ControlConfig.defaults().withPort(0), MediaTransportConfig.defaults().withPorts(0, 0))) {
            LoadTestOptions options = new LoadTestOptions(URI.create(node.url()), 1, 2, 0, 1, Duration.ofSeconds(8), 10,
                    Duration.ofMillis(500), 20, MediaProfile.defaults(), 1, null, "it", Duration.ofSeconds(2), 5);
            LoadTestReport report = new LoadTest(options, new PrintStream(new ByteArrayOutputStream(), true)).run();

            assertThat(report.connected()).as("failures: %s", report.failures()).isEqualTo(3);
            LoadTestReport.LossRecovery recovery = report.lossRecovery();
            assertThat(recovery.dropped()).as("packets dropped on purpose").isPositive();
            assertThat(recovery.nackedSequences()).as("sequence numbers NACKed").isPositive();
            assertThat(recovery.repaired()).as("lost video packets repaired by RTX").isPositive();
            assertThat(node.media().lossRecovery().retransmissions()).as("RTX packets the SFU sent").isPositive();
            // Audio has no retransmissions, so it keeps the drop rate; video is repaired (a repair itself may be lost).
            assertThat(report.audio().lossPercent()).isGreaterThan(2.0);
            assertThat(report.video().lossPercent()).isLessThan(1.0);
        }
    }

    @Test
    void signalingOnlyParticipantsJoinWithoutMediaAndEveryoneTimesTheRoomEvents() throws Exception {
        try (PlenumNode node = new PlenumNode(ControlConfig.defaults().withPort(0), MediaTransportConfig.defaults().withPorts(0, 0))) {
            LoadTestOptions options = new LoadTestOptions(URI.create(node.url()), 0, 1, 30, 1, Duration.ofSeconds(7), 50,
                    Duration.ofMillis(500), 20, MediaProfile.defaults(), 1, null, "it", Duration.ofSeconds(1), 0);
            LoadTestReport report = new LoadTest(options, new PrintStream(new ByteArrayOutputStream(), true)).run();

            assertThat(report.failures()).isEmpty();
            assertThat(report.connected()).as("the subscriber with media").isEqualTo(1);
            assertThat(report.signaling().welcomed()).isEqualTo(30);
            assertThat(report.signaling().welcomeP50Millis()).isPositive();
            for (RoomEventDelays.Summary kind : report.signaling().events()) {
                assertThat(kind.sent()).as(kind.kind()).isGreaterThanOrEqualTo(2);
                // Everyone in the room, the announcer and the media subscriber included, receives each event; the
                // last one may still be on its way when the run ends.
                assertThat(kind.deliveries()).as(kind.kind()).isBetween((kind.sent() - 1) * 31, kind.sent() * 31);
                assertThat(kind.p99Millis()).as(kind.kind()).isPositive().isLessThan(1000);
            }
        }
    }
}
