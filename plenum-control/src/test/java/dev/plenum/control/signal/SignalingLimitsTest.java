package dev.plenum.control.signal;

import dev.plenum.control.chat.MemoryChatLog;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.plenum.control.ControlConfig;
import dev.plenum.control.metrics.LimitCounters;
import dev.plenum.control.metrics.LimitCounters.Limit;
import dev.plenum.control.room.RoomDirectory;
import dev.plenum.control.room.RoomName;
import dev.plenum.control.signal.SignalingServiceTest.FakeConnection;
import dev.plenum.control.token.JoinToken;
import dev.plenum.control.token.JoinTokenSigner;
import dev.plenum.control.token.Role;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every limit refuses with an error naming it, counts the refusal at {@code /metrics}, and leaves the rest of the
 * room alone: the offender stays connected and the others hear nothing.
 */
class SignalingLimitsTest {
    static final String CHROME_ANSWER = resource("chrome-answer-audio-video-send.sdp");
    private final Clock clock = Clock.systemUTC();
    private final JoinTokenSigner signer = JoinTokenSigner.withRandomSecret(clock);
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final LimitCounters counters = new LimitCounters(metrics);
    private RoomDirectory rooms;
    private SignalingService service;
    private long now;

    private void start(ControlConfig config) {
        rooms = new RoomDirectory(config.maxParticipantsPerRoom(), true);
        service = new SignalingService(config, signer, rooms, timers, () -> now, null, counters,
                new MemoryChatLog(10), Clock.systemUTC());
    }

    private static ControlConfig config() {
        return new ControlConfig("127.0.0.1", 0, true, 3, Duration.ofMinutes(1), Duration.ofSeconds(5), 16384, 5)
                .withMaxSdpBytes(4096);
    }

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    private FakeConnection join(String id) {
        FakeConnection c = new FakeConnection();
        assertThat(service.open(c, signer.sign(new JoinToken("r", id, id, Role.HOST, clock.instant().plusSeconds(60))), null))
                .isEmpty();
        return c;
    }

    private static String answer(String sdp) {
        return JsonNodeFactory.instance.objectNode().put("type", "answer").put("sdp", sdp).toString();
    }

    /** Chrome's answer sending a second video, on an m-section with this mid. */
    private static String withSecondVideo(String mid) {
        String video = CHROME_ANSWER.substring(CHROME_ANSWER.indexOf("m=video"));
        return CHROME_ANSWER.replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0 1 " + mid)
                + video.replace("a=mid:1", "a=mid:" + mid);
    }

    /** Sends {@code message} from Bob and checks the refusal reached Bob only, who stays in the room. */
    private JsonNode refusedForBobOnly(String message) {
        FakeConnection ann = join("ann");
        FakeConnection bob = join("bob");
        int annBefore = ann.received.size();

        service.onText(bob, message);

        JsonNode error = bob.last();
        assertThat(error.get("type").asText()).isEqualTo("error");
        assertThat(ann.received).hasSize(annBefore);
        assertThat(bob.closedWith).isNull();
        assertThat(rooms.find(new RoomName("r")).orElseThrow().participants()).hasSize(2);
        now += 1_000_000_000L;
        service.onText(bob, "{\"type\":\"ping\"}");
        assertThat(bob.last().get("type").asText()).as("Bob's connection still works").isEqualTo("pong");
        return error;
    }

    @Test
    void anSdpLongerThanTheLimitIsRefusedNamingTheFieldAndTheLimit() {
        start(config());

        JsonNode error = refusedForBobOnly(answer(CHROME_ANSWER + "a=x-padding:" + "x".repeat(4096) + "\r\n"));

        assertThat(error.get("code").asText()).isEqualTo("too-large");
        assertThat(error.get("field").asText()).isEqualTo("sdp");
        assertThat(error.get("message").asText()).contains("4096 bytes", "maxSdpBytes");
        assertThat(counters.count(Limit.SDP_SIZE)).isEqualTo(1);
        assertThat(metrics.scrape()).contains("plenum_limit_refusals_total{limit=\"sdp-size\"} 1.0");
    }

    @Test
    void theSdpLimitCountsUtf8Bytes() {
        start(config());
        String padded = CHROME_ANSWER + "a=x-name:" + "é".repeat(4096 - CHROME_ANSWER.length() - 12) + "\r\n";
        assertThat(padded.length()).isLessThanOrEqualTo(4096);

        JsonNode error = refusedForBobOnly(answer(padded));

        assertThat(error.get("code").asText()).isEqualTo("too-large");
        assertThat(counters.count(Limit.SDP_SIZE)).isEqualTo(1);
    }

    @Test
    void anAnswerSendingMoreVideoTracksThanAllowedIsRefused() {
        start(config());

        JsonNode error = refusedForBobOnly(answer(withSecondVideo("2")));

        assertThat(error.get("code").asText()).isEqualTo("too-many-tracks");
        assertThat(error.get("field").asText()).isEqualTo("sdp");
        assertThat(error.get("message").asText()).contains("2 video", "at most 1 audio", "1 video",
                "maxVideoTracksPerParticipant");
        assertThat(counters.count(Limit.TRACKS_PER_PARTICIPANT)).isEqualTo(1);
        assertThat(metrics.scrape()).contains("plenum_limit_refusals_total{limit=\"tracks-per-participant\"} 1.0");
    }

    @Test
    void theScreenSlotIsNotCountedAsASecondCamera() {
        start(config());

        JsonNode error = refusedForBobOnly(answer(withSecondVideo("screen")));

        assertThat(error.get("code").asText()).as("past the limits; this test server carries no media").isEqualTo("no-media");
        assertThat(counters.count(Limit.TRACKS_PER_PARTICIPANT)).isZero();
    }

    @Test
    void anAudioOnlyConfigurationRefusesACamera() {
        start(config().withTrackLimits(1, 0));

        JsonNode error = refusedForBobOnly(answer(CHROME_ANSWER));

        assertThat(error.get("code").asText()).isEqualTo("too-many-tracks");
        assertThat(error.get("message").asText()).contains("at most 1 audio", "0 video");
        assertThat(counters.count(Limit.TRACKS_PER_PARTICIPANT)).isEqualTo(1);
    }

    @Test
    void anAnswerWithinTheLimitsPassesThem() {
        start(config());
        JsonNode error = refusedForBobOnly(answer(CHROME_ANSWER));
        assertThat(error.get("code").asText()).as("past the limits; this test server carries no media").isEqualTo("no-media");
        assertThat(counters.count(Limit.SDP_SIZE)).isZero();
        assertThat(counters.count(Limit.TRACKS_PER_PARTICIPANT)).isZero();
    }

    @Test
    void anAnswerThatIsNotSdpIsRefusedAsInvalid() {
        start(config());
        JsonNode error = refusedForBobOnly(answer("hello"));
        assertThat(error.get("code").asText()).isEqualTo("invalid-sdp");
        assertThat(error.get("field").asText()).isEqualTo("sdp");
    }

    @Test
    void theSignalingLimitsAreCountedToo() {
        start(config());
        FakeConnection bob = join("bob");
        service.onText(bob, "{\"type\":\"ping\",\"pad\":\"" + "x".repeat(17000) + "\"}");
        for (int i = 0; i < 11; i++) service.onText(bob, "{\"type\":\"ping\"}");
        join("cid");
        join("dan");
        assertThat(service.open(new FakeConnection(), signer.sign(new JoinToken("r", "eve", "Eve", Role.HOST,
                clock.instant().plusSeconds(60))), null)).hasValueSatisfying(r -> assertThat(r.closeCode()).isEqualTo(4429));

        assertThat(counters.count(Limit.SIGNALING_MESSAGE_SIZE)).isEqualTo(1);
        assertThat(counters.count(Limit.SIGNALING_MESSAGE_RATE)).isEqualTo(1);
        assertThat(counters.count(Limit.PARTICIPANTS_PER_ROOM)).isEqualTo(1);
    }

    static String resource(String name) {
        try (InputStream in = SignalingLimitsTest.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing test resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
