package dev.plenum.media.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ActiveSpeakerDetectorTest {
    private final ActiveSpeakerDetector detector = new ActiveSpeakerDetector();

    /** Loudness 0..127: 127 - level in -dBov; speech around -30 dBov is 97, silence 0. */
    private String tick(int ann, int bob) {
        return detector.tick(Map.of("ann", ann, "bob", bob));
    }

    @Test
    void theOneWhoSpeaksTakesTheFloorWithinOneSecondAndSilenceKeepsIt() {
        assertThat(tick(0, 0)).isNull();
        assertThat(tick(97, 0)).isNull();       // one loud tick is not yet speech
        assertThat(tick(97, 0)).isNull();
        assertThat(tick(97, 0)).isEqualTo("ann"); // after 0.6 s of speech
        assertThat(tick(97, 0)).isNull();       // no news while she keeps speaking
        for (int i = 0; i < 10; i++) assertThat(tick(0, 0)).isNull();
        assertThat(detector.speaker()).isEqualTo("ann"); // silence does not take the floor away
    }

    @Test
    void aLouderSpeakerTakesOverWithinOneSecondButACoughDoesNot() {
        for (int i = 0; i < 3; i++) tick(97, 0);
        assertThat(detector.speaker()).isEqualTo("ann");

        assertThat(tick(40, 110)).isNull(); // a cough from Bob
        assertThat(tick(97, 0)).isNull();
        assertThat(detector.speaker()).isEqualTo("ann");

        int ticks = 0;
        String changed = null;
        while (changed == null && ticks < 5) {
            changed = tick(20, 100);
            ticks++;
        }
        assertThat(changed).isEqualTo("bob");
        assertThat(ticks * ActiveSpeakerDetector.TICK_MILLIS).isLessThanOrEqualTo(1000);
    }

    @Test
    void backgroundNoiseNeverTakesTheFloorAndALeaverGivesItUp() {
        for (int i = 0; i < 10; i++) assertThat(tick(40, 30)).isNull(); // -87 and -97 dBov
        for (int i = 0; i < 3; i++) tick(97, 0);
        assertThat(detector.speaker()).isEqualTo("ann");
        assertThat(detector.tick(Map.of("bob", 0))).isNull();
        assertThat(detector.speaker()).isNull();
    }

    @Test
    void audioLevelsAverageThePacketsSinceTheLastRead() {
        AudioLevels levels = new AudioLevels();
        levels.record(30);
        levels.record(50);
        assertThat(levels.takeMeanLoudness()).isEqualTo(87);
        assertThat(levels.takeMeanLoudness()).isZero();
    }
}
