package dev.plenum.media.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.media.record.PublisherRecorder.SenderClock;
import dev.plenum.media.record.PublisherRecorder.Timeline;
import dev.plenum.media.record.PublisherRecorder.TrackClock;
import org.junit.jupiter.api.Test;

/** Where a publisher's frames go on the file's timeline: by first arrival, then by its sender reports. */
class TimelineTest {
    private static final long MS = 1_000_000L;
    /** NTP 32.32 of a time in milliseconds. */
    private static long ntp(long millis) {
        return ((millis / 1000) << 32) | (((millis % 1000) << 32) / 1000);
    }

    @Test
    void beforeAnySenderReportATrackStartsAtItsArrivalAndGoesOnByItsTimestamps() {
        TrackClock video = new Timeline().track(90);
        assertThat(video.millis(0xFFFF_FF00L, 120 * MS)).isEqualTo(120);
        assertThat(video.millis(0xFFFF_FF00L + 9000 & 0xFFFF_FFFFL, 200 * MS)).as("wraps").isEqualTo(220);
    }

    @Test
    void senderReportsLineAudioAndVideoUpAsCapturedThoughAudioArrivedLate() {
        Timeline timeline = new Timeline();
        TrackClock video = timeline.track(90);
        TrackClock audio = timeline.track(48);
        long base = 3_900_000_000_000L; // NTP ms, any
        // At NTP base the video's RTP was 1000 and the audio's 50_000 (random starts, RFC 3550 §5.1).
        video.senderReport(SenderClock.of(ntp(base), 1000));
        audio.senderReport(SenderClock.of(ntp(base), 50_000));
        long videoAt = video.millis(1000 + 90 * 500, 600 * MS); // captured at base + 500 ms, arrived 600 ms in
        long audioAt = audio.millis(50_000 + 48 * 500, 900 * MS); // captured with it, arrived 300 ms later
        assertThat(videoAt).isEqualTo(600);
        assertThat(audioAt).as("placed with the video captured at the same moment").isEqualTo(600);
        assertThat(audio.millis(50_000 + 48 * 520, 901 * MS)).isEqualTo(620);
    }

    @Test
    void aLaterReportCorrectsAnAudioClockThatDrifts() {
        Timeline timeline = new Timeline();
        TrackClock audio = timeline.track(48);
        long base = 3_900_000_000_000L;
        audio.senderReport(SenderClock.of(ntp(base), 0));
        assertThat(audio.millis(0, 0)).isZero();
        // The sound card runs 1% fast: after 10 s of wall clock it counted 10.1 s of samples.
        audio.senderReport(SenderClock.of(ntp(base + 10_000), 48 * 10_100));
        assertThat(audio.millis(48 * 10_100, 10_000 * MS)).isEqualTo(10_000);
    }
}
