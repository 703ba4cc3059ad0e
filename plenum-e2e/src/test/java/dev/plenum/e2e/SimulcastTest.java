package dev.plenum.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The camera goes out in simulcast layers and each viewer gets the one that suits the size of its tile: a small tile
 * the quarter-size layer, an enlarged one the top layer the publisher sends now.
 */
class SimulcastTest extends BrowserTest {
    @Test
    void aSmallTileGetsTheSmallLayerAndAnEnlargedOneTheTopLayerWithinThreeSeconds() throws InterruptedException {
        Page ann = harness.join(harness.open("simulcast", harness.contextOptions(), BrowserHarness.HD_CAMERA), "Ann");
        Page bob = harness.join(harness.open("simulcast", harness.contextOptions().setViewportSize(240, 480), null), "Bob");

        // The browser adds its top layer once its bandwidth estimate (and its CPU) allows: on a busy machine it may not.
        waitUntil(() -> activeLayers(ann) == 3, 20_000);
        System.out.println("simulcast: Ann sends " + outbound(ann));
        assertThat(activeLayers(ann)).as("Ann's camera goes out in layers: %s", outbound(ann)).isGreaterThanOrEqualTo(2);
        waitUntil(() -> receivedWidth(bob) > 0, 10_000);
        int tileHeight = tileHeight(bob);
        Thread.sleep(1500); // the tile size reaches the server, which switches at the next key frame
        assertThat(receivedWidth(bob)).as("Bob's tile is %d device pixels high", tileHeight).isLessThanOrEqualTo(320);

        Map<String, Object> before = inboundVideo(bob);
        bob.setViewportSize(1280, 900);
        button(bob, "Pin Ann").click();
        long enlarged = System.nanoTime();
        waitUntil(() -> receivedWidth(bob) > 0 && receivedWidth(bob) == topLayerWidth(ann), 3000);
        double seconds = (System.nanoTime() - enlarged) / 1e9;
        Map<String, Object> after = inboundVideo(bob);
        System.out.printf("simulcast: tile %d px high -> %d wide; enlarged to %d px high -> %d wide (top layer %d) "
                        + "after %.2f s; freezes during the switch %s (%s s)%n", tileHeight, 320, tileHeight(bob),
                receivedWidth(bob), topLayerWidth(ann), seconds,
                number(after, "freezeCount") - number(before, "freezeCount"),
                number(after, "totalFreezesDuration") - number(before, "totalFreezesDuration"));
        assertThat(receivedWidth(bob)).as("within 3 s of enlarging, Bob receives Ann's top layer: %s", outbound(ann))
                .isEqualTo(topLayerWidth(ann));
        assertThat(number(after, "freezeCount") - number(before, "freezeCount")).as("no freeze on the switch").isZero();
        assertThat(BrowserHarness.axeViolations(bob)).isEmpty();
    }

    /** Device pixels of the height at which Bob shows Ann's video. */
    private static int tileHeight(Page page) {
        return ((Number) page.evaluate("() => { const v = document.querySelector('li.tile:has(button.pin) video'); "
                + "return v ? Math.round(v.clientHeight * (window.devicePixelRatio || 1)) : -1; }")).intValue();
    }

    private static Map<String, Object> inboundVideo(Page page) {
        @SuppressWarnings("unchecked")
        Map<String, Object> stats = (Map<String, Object>) page.evaluate("""
                async () => {
                  let out = { frameWidth: 0, freezeCount: 0, totalFreezesDuration: 0 };
                  (await window.plenumPeerConnection.getStats()).forEach(s => {
                    if (s.type === 'inbound-rtp' && s.kind === 'video') out = { frameWidth: s.frameWidth || 0,
                      freezeCount: s.freezeCount || 0, totalFreezesDuration: s.totalFreezesDuration || 0 };
                  });
                  return out;
                }""");
        return stats;
    }

    private static int receivedWidth(Page page) {
        return (int) number(inboundVideo(page), "frameWidth");
    }

    private static double number(Map<String, Object> stats, String field) {
        return ((Number) stats.get(field)).doubleValue();
    }

    /** The publisher's video outbound-rtp entries: rid, frameWidth, framesEncoded. */
    @SuppressWarnings("unchecked")
    private static java.util.List<Map<String, Object>> outbound(Page page) {
        return (java.util.List<Map<String, Object>>) page.evaluate("""
                async () => {
                  const out = [];
                  (await window.plenumPeerConnection.getStats()).forEach(s => {
                    if (s.type === 'outbound-rtp' && s.kind === 'video') out.push({ rid: s.rid ?? '',
                      frameWidth: s.frameWidth || 0, framesEncoded: s.framesEncoded || 0,
                      limitation: s.qualityLimitationReason ?? '', targetBitrate: s.targetBitrate ?? 0 });
                  });
                  return out;
                }""");
    }

    private static long activeLayers(Page page) {
        return outbound(page).stream().filter(s -> ((Number) s.get("frameWidth")).intValue() > 0).count();
    }

    /** The width of the largest layer the publisher encodes now (it may hold the top one back at first). */
    private static int topLayerWidth(Page page) {
        return outbound(page).stream().mapToInt(s -> ((Number) s.get("frameWidth")).intValue()).max().orElse(0);
    }
}
