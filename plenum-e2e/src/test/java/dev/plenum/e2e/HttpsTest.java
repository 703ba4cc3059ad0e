package dev.plenum.e2e;

import dev.plenum.media.transport.MediaTransportConfig;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import dev.plenum.control.ControlConfig;
import dev.plenum.control.IceServer;
import dev.plenum.control.tls.SelfSignedIdentity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pages served over HTTPS (here with a self-signed certificate the browser is told to accept) are secure contexts,
 * signal over WSS, hand the server's ICE servers to their PeerConnection, and receive each other's video.
 */
class HttpsTest {
    /** Nothing listens there; Chromium's STUN requests to it stay on this machine. */
    private static final String STUN = "stun:127.0.0.1:3478";
    private static BrowserHarness harness;

    @BeforeAll
    static void start() throws Exception {
        harness = new BrowserHarness(ControlConfig.defaults().withPort(0)
                .withTls(SelfSignedIdentity.generate(List.of("127.0.0.1"), Instant.now()))
                .withIceServers(List.of(IceServer.stun(STUN))), MediaTransportConfig.defaults().withPorts(0, 0));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void twoPeopleMeetOverHttpsAndWss() {
        org.assertj.core.api.Assertions.assertThat(harness.url("/")).startsWith("https://127.0.0.1:");
        Page ann = harness.join("secure-room", "Ann");
        Page bob = harness.join("secure-room", "Bob");

        for (Page p : List.of(ann, bob)) {
            assertThat(p.locator("#tiles > li")).hasCount(2);
            org.assertj.core.api.Assertions.assertThat(p.evaluate("() => window.isSecureContext")).isEqualTo(true);
            p.waitForFunction("() => window.plenumPeerConnection");
            org.assertj.core.api.Assertions.assertThat(p.evaluate(
                    "() => JSON.stringify(window.plenumPeerConnection.getConfiguration().iceServers.flatMap(s => [].concat(s.urls)))"))
                    .isEqualTo("[\"" + STUN + "\"]");
        }
        bob.waitForFunction("""
                async () => {
                  const stats = await window.plenumPeerConnection.getStats();
                  return [...stats.values()].some(s => s.type === 'inbound-rtp' && s.kind === 'video' && s.framesDecoded > 5);
                }""", null, new Page.WaitForFunctionOptions().setTimeout(15000).setPollingInterval(250));
        org.assertj.core.api.Assertions.assertThat(BrowserHarness.axeViolations(ann)).isEmpty();
    }
}
