package dev.plenum.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every packet between the pages goes through Plenum's SFU: each page decodes the others' video and audio. */
class MediaTest {
    private static BrowserHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = new BrowserHarness();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    /** Per remote track: kind, framesDecoded (video), packetsReceived, totalAudioEnergy (audio). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> inbound(Page page) {
        return (List<Map<String, Object>>) page.evaluate("""
                async () => {
                  const pc = window.plenumPeerConnection;
                  if (!pc) return [];
                  const out = [];
                  (await pc.getStats()).forEach(s => {
                    if (s.type === 'inbound-rtp') out.push({ kind: s.kind, ssrc: s.ssrc,
                      framesDecoded: s.framesDecoded || 0, packetsReceived: s.packetsReceived || 0,
                      totalAudioEnergy: s.totalAudioEnergy || 0 });
                  });
                  return out;
                }""");
    }

    static long count(List<Map<String, Object>> stats, String kind, String field) {
        return stats.stream().filter(s -> kind.equals(s.get("kind")) && ((Number) s.get(field)).doubleValue() > 0).count();
    }

    @Test
    void threePeopleDecodeEachOthersVideoAndHearEachOther() throws InterruptedException {
        Page ann = harness.join("media-3", "Ann");
        Page bob = harness.join("media-3", "Bob");
        Page cid = harness.join("media-3", "Cid");
        long deadline = System.nanoTime() + 20_000_000_000L;
        boolean allDecoding = false;
        while (!allDecoding && System.nanoTime() < deadline) {
            Thread.sleep(500);
            allDecoding = true;
            for (Page p : List.of(ann, bob, cid)) {
                var stats = inbound(p);
                allDecoding &= count(stats, "video", "framesDecoded") >= 2 && count(stats, "audio", "packetsReceived") >= 2;
            }
        }
        for (Page p : List.of(ann, bob, cid)) {
            var before = inbound(p);
            assertThat(count(before, "video", "framesDecoded")).as("videos decoded").isEqualTo(2);
            assertThat(count(before, "audio", "totalAudioEnergy")).as("audios heard").isEqualTo(2);
        }
    }
}
