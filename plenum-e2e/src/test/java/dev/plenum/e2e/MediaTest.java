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

    @org.junit.jupiter.api.AfterEach
    void closePages() {
        harness.closePages();
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

    /** The round-trip time a publisher derived from the SFU's receiver reports (LSR/DLSR, RFC 3550 §6.4.1). */
    static double roundTripSeconds(Page page) {
        return ((Number) page.evaluate("""
                async () => {
                  let rtt = 0;
                  (await window.plenumPeerConnection.getStats()).forEach(s => {
                    if (s.type === 'remote-inbound-rtp' && s.kind === 'video' && s.roundTripTime) rtt = s.roundTripTime;
                  });
                  return rtt;
                }""")).doubleValue();
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
            long until = System.nanoTime() + 8_000_000_000L;
            while (roundTripSeconds(p) <= 0 && System.nanoTime() < until) Thread.sleep(250);
            assertThat(roundTripSeconds(p)).as("round trip the publisher computed from the SFU's receiver reports")
                    .isGreaterThan(0).isLessThan(1);
        }
        for (Page p : List.of(ann, bob, cid)) {
            var before = inbound(p);
            assertThat(count(before, "video", "framesDecoded")).as("videos decoded").isEqualTo(2);
            assertThat(count(before, "audio", "totalAudioEnergy")).as("audios heard").isEqualTo(2);
        }
    }

    private static void awaitDecoding(List<Page> pages, int videos) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (Page p : pages) all &= count(inbound(p), "video", "framesDecoded") >= videos;
            if (all) return;
            Thread.sleep(300);
        }
    }

    private static long receivingVideoTransceivers(Page page) {
        return ((Number) page.evaluate("""
                () => window.plenumPeerConnection.getTransceivers().filter(t =>
                  t.receiver.track.kind === 'video' && t.currentDirection === 'recvonly').length""")).longValue();
    }

    @Test
    void aFourthJoinsAndEveryoneDecodesThreeVideosAndALeaversVideoEndsWithinTwoSeconds() throws InterruptedException {
        List<Page> three = List.of(harness.join("media-4", "Ann"), harness.join("media-4", "Bob"), harness.join("media-4", "Cid"));
        awaitDecoding(three, 2);

        Page dan = harness.join("media-4", "Dan");
        awaitDecoding(List.of(dan), 3);
        awaitDecoding(three, 3);
        Thread.sleep(2000);
        for (Page p : three) assertThat(count(inbound(p), "video", "framesDecoded")).isEqualTo(3);

        dan.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Leave")).click();
        long left = System.nanoTime();
        for (Page p : three) {
            while (receivingVideoTransceivers(p) > 2 && System.nanoTime() - left < 5_000_000_000L) Thread.sleep(50);
        }
        assertThat((System.nanoTime() - left) / 1e9).as("seconds until the leaver's video ended everywhere").isLessThan(2.0);
    }

    @Test
    void anotherRoomReceivesNothingFromThisOne() throws InterruptedException {
        Page one = harness.join("media-a", "Uma");
        Page two = harness.join("media-a", "Vic");
        Page alone = harness.join("media-b", "Tom");
        awaitDecoding(List.of(one, two), 1);
        Thread.sleep(1000);
        assertThat(inbound(alone)).isEmpty();
        assertThat(count(inbound(one), "video", "framesDecoded")).isEqualTo(1);
    }
}
