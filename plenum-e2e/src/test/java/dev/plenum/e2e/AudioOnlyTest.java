package dev.plenum.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/** Someone on a poor link chooses audio only: the SFU stops sending them video, they keep hearing everyone. */
class AudioOnlyTest extends BrowserTest {
    @Test
    void audioOnlyStopsTheVideoNotTheSoundAndTurningItOffBringsThePictureBack() throws InterruptedException {
        Page ann = harness.join("audio-only", "Ann");
        Page bob = harness.join("audio-only", "Bob");
        waitUntil(() -> inboundTotal(bob, "video", "framesDecoded") > 0, 20_000);
        assertThat(inboundTotal(bob, "video", "framesDecoded")).as("Bob sees Ann first").isPositive();

        button(bob, "Audio only").click();
        assertThat(bob.getByText("Audio only: other people's video is paused")).isVisible();
        Thread.sleep(1000); // what was already on its way
        long videoPackets = inboundTotal(bob, "video", "packetsReceived");
        long audioPackets = inboundTotal(bob, "audio", "packetsReceived");
        Thread.sleep(2000);
        assertThat(inboundTotal(bob, "video", "packetsReceived")).as("video packets after 2 s of audio only")
                .isEqualTo(videoPackets);
        assertThat(inboundTotal(bob, "audio", "packetsReceived")).as("audio keeps flowing").isGreaterThan(audioPackets + 50);
        assertThat(BrowserHarness.axeViolations(bob)).isEmpty();

        long frames = inboundTotal(bob, "video", "framesDecoded");
        button(bob, "Audio only").click();
        assertThat(bob.locator("#audio-only-note")).isHidden();
        waitUntil(() -> inboundTotal(bob, "video", "framesDecoded") > frames + 10, 3000);
        assertThat(inboundTotal(bob, "video", "framesDecoded")).as("frames decoded within 3 s of turning audio only off")
                .isGreaterThan(frames + 10);
        assertThat(inboundTotal(ann, "video", "framesDecoded")).as("Ann never stopped seeing Bob").isPositive();
    }
}
