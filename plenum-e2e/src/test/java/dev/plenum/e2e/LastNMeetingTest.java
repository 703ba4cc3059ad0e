package dev.plenum.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node started with {@code --last-n 2}: in a meeting of four, each page decodes the cameras of only two others and
 * hears all three; the third shows the person's initial and a note in place of a frozen frame. When someone else
 * becomes the active speaker, their camera takes the place of the least relevant one; a pinned camera comes first.
 */
class LastNMeetingTest extends BrowserTest {
    @BeforeAll
    static void limitCameras() {
        harness.node.media().lastN(2); // as --last-n 2; sessions take it when they join
    }

    /** Small cameras (four publishing pages on two cores, as in MediaTest) and WebAudio tones as microphones. */
    private static Page join(String name) {
        // A tall window, so that a pinned tile (full width, 16:9) leaves the others on screen: a tile scrolled away
        // takes no place in last-N, which would change the counts below.
        return BrowserHarness.join(harness.open("last-n", harness.contextOptions().setViewportSize(900, 1600),
                MediaTest.SMALL_CAMERA + "\n" + ActiveSpeakerTest.TONE_MICROPHONE), name);
    }

    /**
     * Per remote participant (the msid stream id of the m-section), what its receivers got so far: {@code video} frames
     * decoded and {@code audio} packets received (0 when nothing arrived, so no inbound-rtp exists yet).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Number>> received(Page page) {
        return (Map<String, Map<String, Number>>) page.evaluate("""
                async () => {
                  const pc = window.plenumPeerConnection;
                  const owners = {};
                  for (const section of pc.remoteDescription.sdp.split('\\r\\nm=')) {
                    const mid = /a=mid:(\\S+)/.exec(section), msid = /a=msid:(\\S+)/.exec(section);
                    if (mid && msid && !msid[1].startsWith('screen-')) owners[mid[1]] = msid[1];
                  }
                  const out = {};
                  for (const tr of pc.getTransceivers()) {
                    const owner = owners[tr.mid];
                    if (!owner || tr.currentDirection !== 'recvonly') continue;
                    const kind = tr.receiver.track.kind;
                    let value = 0;
                    (await tr.receiver.getStats()).forEach(s => {
                      if (s.type === 'inbound-rtp') value = kind === 'video' ? (s.framesDecoded || 0) : (s.packetsReceived || 0);
                    });
                    (out[owner] ??= {})[kind] = value;
                  }
                  return out;
                }""");
    }

    /** The participants whose received {@code kind} counter grew between the two samples. */
    private static Set<String> growing(Map<String, Map<String, Number>> before, Map<String, Map<String, Number>> after,
                                       String kind) {
        return after.entrySet().stream().filter(e -> {
            Number was = before.getOrDefault(e.getKey(), Map.of()).getOrDefault(kind, 0);
            return e.getValue().getOrDefault(kind, 0).longValue() > was.longValue() + (kind.equals("video") ? 5 : 50);
        }).map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /** The participant ids of the tiles that show the last-N placeholder. */
    @SuppressWarnings("unchecked")
    private static Set<String> held(Page page) {
        return Set.copyOf((List<String>) page.evaluate(
                "() => [...document.querySelectorAll('#tiles > li.held')].map(li => li.dataset.participant)"));
    }

    private static String id(Page page) {
        return (String) page.evaluate("() => [...document.querySelectorAll('#tiles > li')]"
                + ".find(li => !li.querySelector('button.pin'))?.dataset.participant");
    }

    /**
     * Waits until the page shows the placeholder for {@code held}'s camera alone, then checks that it decodes exactly
     * the {@code decoding} cameras.
     */
    private static void awaitChoice(Page page, String why, String held, String... decoding) throws InterruptedException {
        waitUntil(() -> held(page).equals(Set.of(held)), 10_000);
        assertThat(held(page)).as("%s: the camera held", why).containsExactly(held);
        Thread.sleep(2000); // the entering camera's keyframe
        Map<String, Map<String, Number>> before = received(page);
        Thread.sleep(2000);
        assertThat(growing(before, received(page), "video")).as("%s: the cameras decoded", why)
                .containsExactlyInAnyOrder(decoding);
    }

    private static void loudness(Page page, double gain) {
        page.evaluate("g => window.plenumTestGain.gain.value = g", gain);
    }

    @Test
    void eachPageDecodesTwoCamerasHearsAllThreeAndTheCamerasFollowTheSpeakerAndThePin() throws InterruptedException {
        List<Page> pages = List.of(join("Ann"), join("Bob"), join("Cid"), join("Dan"));
        Map<Page, String> ids = new HashMap<>();
        for (Page p : pages) ids.put(p, id(p));
        for (Page p : pages) waitUntil(() -> held(p).size() == 1, 20_000);
        Thread.sleep(3000); // past the first keyframes

        Map<Page, Map<String, Map<String, Number>>> before = new HashMap<>();
        for (Page p : pages) before.put(p, received(p));
        Thread.sleep(3000);
        for (Page p : pages) {
            Map<String, Map<String, Number>> after = received(p);
            Set<String> others = Set.copyOf(after.keySet());
            assertThat(others).as("three others on %s's page", ids.get(p)).hasSize(3);
            Set<String> held = held(p);
            assertThat(held).as("one placeholder").hasSize(1);
            assertThat(growing(before.get(p), after, "video")).as("cameras decoded on %s's page", ids.get(p))
                    .hasSize(2).doesNotContainAnyElementsOf(held);
            assertThat(growing(before.get(p), after, "audio")).as("everyone is heard").isEqualTo(others);
        }
        Page ann = pages.get(0);
        assertThat(held(ann)).as("nobody spoke: Ann receives the first two to join after her")
                .containsExactly(ids.get(pages.get(3)));
        assertThat(ann.locator("#tiles > li.held .note").textContent())
                .isEqualTo("Dan's video is paused to spare the connection; pin Dan to see it");
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(ann.locator("#tiles > li.held .note"))
                .isVisible();
        assertThat(BrowserHarness.axeViolations(ann)).isEmpty();

        String bob = ids.get(pages.get(1)), cid = ids.get(pages.get(2)), dan = ids.get(pages.get(3));
        // Dan speaks: on Ann's page his camera comes in, and the last to join of the others (Cid) leaves.
        long spoke = System.nanoTime();
        Map<String, Map<String, Number>> start = received(ann);
        loudness(pages.get(3), 0.5);
        waitUntil(() -> growing(start, received(ann), "video").contains(dan), 10_000);
        System.out.printf("LastNMeetingTest: Dan's camera decoding on Ann's page %.2f s after he started speaking%n",
                (System.nanoTime() - spoke) / 1e9);
        awaitChoice(ann, "Dan speaks", cid, dan, bob);

        // Cid speaks after Dan: Cid and Dan are the latest speakers, so Bob leaves Ann's two.
        loudness(pages.get(3), 0);
        loudness(pages.get(2), 0.5);
        awaitChoice(ann, "Cid speaks after Dan", bob, cid, dan);

        // Ann pins Bob, as the placeholder suggests: his tile is the largest, so he comes first, then Cid who spoke last.
        button(ann, "Pin Bob").click();
        awaitChoice(ann, "Ann pinned Bob", dan, bob, cid);
        assertThat(BrowserHarness.axeViolations(ann)).isEmpty();
    }
}
