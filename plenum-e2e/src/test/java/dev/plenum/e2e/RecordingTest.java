package dev.plenum.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A host records a meeting: everyone sees that it is recorded while it lasts; each camera and the shared screen get a
 * file; afterwards the organiser downloads the host's recording through the REST API and it plays in Chromium, real
 * video from the fake camera.
 */
class RecordingTest extends BrowserTest {
    private static Organiser owner;

    @AfterAll
    static void forgetOwner() {
        owner = null;
    }

    @Test
    void aHostRecordsAboutFiveSecondsTheGuestSeesItAndTheDownloadedFilePlays() throws Exception {
        owner = Organiser.signUp(harness);
        String room = owner.conference(Map.of("name", "Recorded class", "roomType", "meeting", "permanentRoom", true,
                "accessType", "open", "lobbyEnabled", false));
        long conferenceId = owner.conferenceId(room);
        Page host = BrowserHarness.join(owner.signedInPage(room), "Hana");
        Page guest = harness.join(room, "Adam");
        waitUntil(() -> inboundTotal(guest, "video", "framesDecoded") > 10, 15_000); // the host's camera flows

        button(host, "Host controls").click();
        button(host, "Record").click();
        assertThat(guest.locator("#recording-indicator")).isVisible();
        assertThat(guest.locator("#recording-indicator")).hasText("Recording: this meeting is being recorded.");
        assertThat(guest.locator("#recording-indicator")).hasAttribute("role", "status");
        assertThat(host.locator("#recording-indicator")).isVisible();
        assertThat(button(host, "Stop recording")).hasAttribute("aria-pressed", "true");
        assertThat(BrowserHarness.axeViolations(guest)).isEmpty();
        assertThat(BrowserHarness.axeViolations(host)).isEmpty();
        assertThat(guest.locator("#record")).isHidden(); // only hosts have the button
        button(guest, "Share screen").click(); // a shared screen is recorded into a file of its own

        Thread.sleep(5_500);
        button(host, "Stop recording").click();
        assertThat(guest.locator("#recording-indicator")).isHidden();
        assertThat(button(host, "Record")).hasAttribute("aria-pressed", "false");

        String list = "/api/v1/conferences/" + conferenceId + "/recordings";
        JsonNode[] hana = new JsonNode[1];
        waitUntil(() -> {
            try {
                for (JsonNode r : JSON.readTree(owner.get(list).body()).get("data")) {
                    if (r.get("participantName").asText().equals("Hana") && r.get("source").asText().equals("camera")) hana[0] = r;
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return hana[0] != null;
        }, 10_000);
        assertThat(hana[0]).as("the host's recording is listed").isNotNull();
        waitUntil(() -> {
            try {
                return JSON.readTree(owner.get(list).body()).get("data").size() == 3;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, 10_000);
        JsonNode all = JSON.readTree(owner.get(list).body()).get("data");
        assertThat(all).extracting(r -> r.get("participantName").asText() + " " + r.get("source").asText())
                .containsExactlyInAnyOrder("Hana camera", "Adam camera", "Adam screen");
        for (JsonNode r : all) assertThat(r.get("durationMs").asLong()).as(r.toString()).isPositive();
        assertThat(hana[0].get("durationMs").asLong()).isGreaterThanOrEqualTo(3_000);

        HttpResponse<byte[]> file = owner.get(hana[0].get("file").asText());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type").orElseThrow()).startsWith("video/webm");
        assertThat(file.body().length).isEqualTo(hana[0].get("size").asInt());

        Page player = host.context().newPage();
        player.navigate(harness.url("/static/plenum.css")); // any page of the node's origin
        @SuppressWarnings("unchecked")
        Map<String, Object> played = (Map<String, Object>) player.evaluate("""
                async b64 => {
                  const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
                  const video = document.createElement('video');
                  video.muted = true;
                  video.src = URL.createObjectURL(new Blob([bytes], { type: 'video/webm' }));
                  document.body.append(video);
                  await new Promise((ok, fail) => {
                    video.onloadedmetadata = ok;
                    video.onerror = () => fail(new Error('cannot load: ' + (video.error && video.error.message)));
                  });
                  let frames = 0;
                  const counted = () => { frames++; video.requestVideoFrameCallback(counted); };
                  video.requestVideoFrameCallback(counted);
                  await video.play();
                  await new Promise(r => setTimeout(r, 2000));
                  return { width: video.videoWidth, height: video.videoHeight, duration: video.duration, frames,
                           time: video.currentTime, error: video.error ? video.error.message : null };
                }""", Base64.getEncoder().encodeToString(file.body()));
        System.out.println("played the host's recording: " + played + ", " + file.body().length + " bytes");
        assertThat(played.get("error")).isNull();
        assertThat(((Number) played.get("width")).intValue()).isPositive();
        assertThat(((Number) played.get("duration")).doubleValue()).isGreaterThanOrEqualTo(3.0);
        assertThat(((Number) played.get("frames")).intValue()).as("frames presented").isGreaterThan(10);

        // The organiser's page of the session lists its recordings, each with a download link.
        player.navigate(harness.url("/organiser/rooms/" + conferenceId + "/sessions/" + hana[0].get("sessionId").asLong()));
        player.locator("html[data-ready=true]").waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
                .setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
        com.microsoft.playwright.Locator link = player.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
                new Page.GetByRoleOptions().setName("Download Hana's recording"));
        assertThat(link).isVisible();
        assertThat(link).hasAttribute("href", hana[0].get("file").asText());
        assertThat(player.locator("#recordings tbody tr")).hasCount(3);
        assertThat(BrowserHarness.axeViolations(player)).isEmpty();
    }
}
