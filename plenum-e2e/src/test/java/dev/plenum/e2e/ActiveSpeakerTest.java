package dev.plenum.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The SFU names who speaks, from the audio levels browsers put on their packets; every page highlights them. */
class ActiveSpeakerTest extends BrowserTest {
    /** Each page speaks through a WebAudio tone whose loudness the test sets (every fake microphone beeps the same). */
    static final String TONE_MICROPHONE = """
            { const gum = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
              navigator.mediaDevices.getUserMedia = async c => {
                const stream = await gum(c);
                if (!c || !c.audio) return stream;
                const ctx = new AudioContext();
                const tone = ctx.createOscillator();
                const gain = ctx.createGain();
                gain.gain.value = 0;
                const out = ctx.createMediaStreamDestination();
                tone.connect(gain).connect(out);
                tone.start();
                window.plenumTestGain = gain;
                stream.getAudioTracks().forEach(t => { stream.removeTrack(t); t.stop(); });
                stream.addTrack(out.stream.getAudioTracks()[0]);
                return stream;
              }; }""";

    private static Page joinSpeaking(String room, String name) {
        return BrowserHarness.join(harness.open(room, harness.contextOptions(), TONE_MICROPHONE), name);
    }

    private static void loudness(Page page, double gain) {
        page.evaluate("g => window.plenumTestGain.gain.value = g", gain);
    }

    private static Locator tileOf(Page page, String name) {
        return page.locator("#tiles > li").filter(new Locator.FilterOptions().setHasText(name));
    }

    @Test
    void theOneWhoSpeaksIsHighlightedEverywhereAndAChangeShowsWithinOneSecond() {
        Page ann = joinSpeaking("speakers", "Ann");
        Page bob = joinSpeaking("speakers", "Bob");

        loudness(ann, 0.5);
        assertThat(tileOf(bob, "Ann")).hasClass(Pattern.compile("speaking"),
                new com.microsoft.playwright.assertions.LocatorAssertions.HasClassOptions().setTimeout(10_000));
        assertThat(tileOf(ann, "Ann (you)")).hasClass(Pattern.compile("speaking"));

        long switched = System.nanoTime();
        loudness(ann, 0);
        loudness(bob, 0.5);
        assertThat(tileOf(ann, "Bob")).hasClass(Pattern.compile("speaking"),
                new com.microsoft.playwright.assertions.LocatorAssertions.HasClassOptions().setTimeout(5_000));
        double seconds = (System.nanoTime() - switched) / 1e9;
        System.out.printf("ActiveSpeakerTest: the change of speaker showed after %.2f s%n", seconds);
        org.assertj.core.api.Assertions.assertThat(seconds).as("seconds until the new speaker is highlighted")
                .isLessThan(1.5);
        assertThat(tileOf(ann, "Ann (you)")).not().hasClass(Pattern.compile("speaking"));
        org.assertj.core.api.Assertions.assertThat(BrowserHarness.axeViolations(ann)).isEmpty();
    }
}
