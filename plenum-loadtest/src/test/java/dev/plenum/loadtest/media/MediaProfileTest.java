package dev.plenum.loadtest.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Frame sizes that average to the configured bitrate over a keyframe interval, keyframes five times larger. */
class MediaProfileTest {

    @Test
    void aKeyframeIntervalAveragesToTheBitrate() {
        MediaProfile p = MediaProfile.defaults(); // 500 kbit/s, 30 fps, keyframe every 2 s
        assertThat(p.groupOfPictures()).isEqualTo(60);
        assertThat(p.keyFrameBytes()).isEqualTo(MediaProfile.KEYFRAME_FACTOR * p.deltaFrameBytes());
        double bitsPerInterval = 8.0 * (p.keyFrameBytes() + 59L * p.deltaFrameBytes());
        assertThat(bitsPerInterval / 2).isCloseTo(500_000, within(500_000 * 0.01));
    }

    @Test
    void aTinyBitrateStillCarriesTheHeaders() {
        MediaProfile p = MediaProfile.defaults().withVideo(1_000, 30, 1);
        assertThat(p.deltaFrameBytes()).isGreaterThanOrEqualTo(32);
    }

    @Test
    void impossibleSettingsAreRefused() {
        assertThatThrownBy(() -> MediaProfile.defaults().withVideo(500_000, 0, 2)).hasMessageContaining("frame rate");
        assertThatThrownBy(() -> MediaProfile.defaults().withVideo(500_000, 30, 0)).hasMessageContaining("keyframe");
        assertThatThrownBy(() -> MediaProfile.defaults().withVideo(-1, 30, 2)).hasMessageContaining("bitrate");
    }
}
