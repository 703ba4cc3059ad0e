package dev.plenum.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** At most one keyframe request per publisher per 300 ms, however many subscribers ask. */
class KeyframeRequestThrottleTest {
    private static final long MS = 1_000_000L;
    private final KeyframeRequestThrottle throttle = new KeyframeRequestThrottle(KeyframeRequestThrottle.DEFAULT_INTERVAL_NANOS);

    @Test
    void oneRequestPer300Milliseconds() {
        assertThat(throttle.tryRequest(1_000 * MS)).isTrue();
        assertThat(throttle.tryRequest(1_001 * MS)).isFalse();
        assertThat(throttle.tryRequest(1_299 * MS)).isFalse();
        assertThat(throttle.tryRequest(1_300 * MS)).isTrue();
        assertThat(throttle.tryRequest(1_400 * MS)).isFalse();
    }

    @Test
    void theFirstRequestPassesWhateverTheClocksOrigin() {
        assertThat(throttle.tryRequest(Long.MIN_VALUE + 5)).isTrue();
        assertThat(new KeyframeRequestThrottle(300 * MS).tryRequest(0)).isTrue();
    }

    @Test
    void manySubscribersAskingAtOnceMakeOneRequest() {
        int passed = 0;
        for (int subscriber = 0; subscriber < 30; subscriber++) if (throttle.tryRequest((5 + subscriber) * MS)) passed++;
        assertThat(passed).isEqualTo(1);
    }
}
