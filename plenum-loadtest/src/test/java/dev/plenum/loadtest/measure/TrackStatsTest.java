package dev.plenum.loadtest.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrackStatsTest {

    @Test
    void oneInEveryNPacketsIsPickedForDecryptionStartingWithTheFirst() {
        TrackStats t = new TrackStats(7, true, new Sampling(20, Long.MIN_VALUE));
        int picked = 0;
        for (int i = 0; i < 200; i++) {
            if (t.arrived(i, 3000L * i, 1000, i * 1_000_000L)) picked++;
        }
        assertThat(picked).isEqualTo(10);
        TrackStats all = new TrackStats(7, false, Sampling.all());
        assertThat(all.arrived(0, 0, 100, 0)).isTrue();
        assertThat(all.arrived(1, 960, 100, 20_000_000)).isTrue();
    }

    @Test
    void delaysAreRecordedInMicroseconds() {
        TrackStats t = new TrackStats(7, false, Sampling.all());
        t.delay(1_000_000, 1_000_000 + 1_500_000);
        assertThat(t.delayMicros().percentile(0.5)).isBetween(1450L, 1550L);
        assertThat(t.decrypted()).isEqualTo(1);
    }

    @Test
    void delaysDuringTheWarmUpAreNotRecorded() {
        TrackStats t = new TrackStats(7, false, new Sampling(1, 10_000_000));
        t.delay(0, 9_000_000);
        t.delay(10_000_000, 12_000_000);
        assertThat(t.decrypted()).isEqualTo(2);
        assertThat(t.delayMicros().count()).isEqualTo(1);
        assertThat(t.delayMicros().max()).isEqualTo(2000);
    }

    @Test
    void aVideoPacketWithANewTimestampStartsAFrameWhoseKeyFrameSizeIsKept() {
        TrackStats t = new TrackStats(7, true, new Sampling(20, Long.MIN_VALUE));
        t.arrived(0, 3000, 1000, 0);
        assertThat(t.startedFrame()).isTrue();
        t.arrived(1, 3000, 1000, 1);
        assertThat(t.startedFrame()).isFalse();
        t.arrived(2, 6000, 1000, 2);
        assertThat(t.startedFrame()).isTrue();
        assertThat(t.width()).isZero();
        t.pictureSize(1280, 720);
        assertThat(t.width()).isEqualTo(1280);
        assertThat(t.height()).isEqualTo(720);
        TrackStats audio = new TrackStats(8, false, Sampling.all());
        audio.arrived(0, 960, 100, 0);
        assertThat(audio.startedFrame()).isFalse();
    }
}
