package dev.plenum.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.plenum.loadtest.measure.Sampling;
import dev.plenum.loadtest.measure.TrackStats;
import dev.plenum.loadtest.measure.RoomEventDelays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTableTest {

    private static TrackStats track(boolean video, int packets, int skip) {
        TrackStats t = new TrackStats(video ? 2 : 1, video, Sampling.all());
        int clock = video ? 3000 : 960;
        for (int i = 0; i < packets; i++) {
            if (i == skip) continue;
            long arrival = i * 20_000_000L;
            t.arrived(i, (long) clock * i, 1000, arrival);
            t.delay(arrival - 1_000_000, arrival);
        }
        return t;
    }

    @Test
    void summariesAddUpTracksAndTheTableShowsThem() {
        StreamSummary audio = StreamSummary.of("audio", List.of(track(false, 101, 50), track(false, 101, -1)));
        assertThat(audio.tracks()).isEqualTo(2);
        assertThat(audio.expected()).isEqualTo(202);
        assertThat(audio.lost()).isEqualTo(1);
        assertThat(audio.lossPercent()).isCloseTo(100.0 / 202, within(1e-9));
        assertThat(audio.delayP50Millis()).isBetween(0.97, 1.03);
        StreamSummary none = StreamSummary.of("video", List.of());
        LoadTestReport r = new LoadTestReport("http://x", 1, 1, 1, 5, 1.5, 2, 2, Map.of("DTLS: handshake timeout", 1),
                100, 100_000, 1, 0, 300, 400, 100, 200, 5, audio, none, audio, null, Double.NaN, null,
                new LoadTestReport.LossRecovery(50, 60, 48, 47), List.of());
        String table = ReportTable.format(r);
        assertThat(table).contains("audio").contains("failed ×1: DTLS: handshake timeout")
                .contains("loss recovery: 50 packets dropped on purpose (--loss), 60 sequence numbers NACKed, "
                        + "48 RTX received, 47 lost packets repaired")
                .contains("server: no CPU or memory figures").doesNotContain("NaN");
    }

    @Test
    void aControlPlaneRunShowsItsJoinsAndEventDeliveriesAndNoPerPacketFigure() {
        StreamSummary none = StreamSummary.of("audio", List.of());
        SignalingSummary signaling = new SignalingSummary(1000, 998, 40, 180, List.of(
                new RoomEventDelays.Summary("chat", 10, 9980, 12.5, 80.25, 120),
                new RoomEventDelays.Summary("poll", 0, 0, 0, 0, 0)));
        ServerUsage idle = new ServerUsage(3.5, 0, 0, Double.NaN, 0, 64 << 20, 8 << 20);
        LoadTestReport r = new LoadTestReport("http://x", 0, 0, 1, 30, 12, 0, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0, 0, 5,
                none, none, none, idle, Double.NaN, signaling, new LoadTestReport.LossRecovery(0, 0, 0, 0), List.of());
        String table = ReportTable.format(r);
        assertThat(table).contains("signaling-only participants welcomed 998/1000")
                .contains("room event chat sent 10, received 9980 times; send to receipt p50 12.50 ms, p99 80.25 ms")
                .doesNotContain("room event poll").contains("no media forwarded").doesNotContain("NaN")
                .doesNotContain("loss recovery");
    }
}
