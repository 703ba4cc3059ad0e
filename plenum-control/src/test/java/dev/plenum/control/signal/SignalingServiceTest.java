package dev.plenum.control.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plenum.control.ControlConfig;
import dev.plenum.control.room.RoomDirectory;
import dev.plenum.control.room.RoomName;
import dev.plenum.control.token.JoinToken;
import dev.plenum.control.token.JoinTokenSigner;
import dev.plenum.control.token.Role;
import dev.plenum.media.session.MediaNode;
import dev.plenum.media.transport.MediaTransportConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SignalingServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ControlConfig config = new ControlConfig("127.0.0.1", 0, true, 3, Duration.ofMinutes(1),
            Duration.ofMillis(300), 4096, 5);
    private final Clock clock = Clock.systemUTC();
    private final JoinTokenSigner signer = JoinTokenSigner.withRandomSecret(clock);
    private final RoomDirectory rooms = new RoomDirectory(config.maxParticipantsPerRoom(), true);
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private long now = 0;
    private final SignalingService service = new SignalingService(config, signer, rooms, timers, () -> now, null);

    static final class FakeConnection implements SignalingConnection {
        final List<JsonNode> received = new CopyOnWriteArrayList<>();
        volatile Integer closedWith;

        @Override public void send(String json) {
            try {
                received.add(JSON.readTree(json));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        @Override public void close(int statusCode, String reason) {
            closedWith = statusCode;
        }

        List<String> types() {
            return received.stream().map(n -> n.get("type").asText()).toList();
        }

        JsonNode last() {
            return received.getLast();
        }
    }

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    private String token(String room, String id, String name) {
        return signer.sign(new JoinToken(room, id, name, Role.HOST, clock.instant().plusSeconds(60)));
    }

    private FakeConnection join(String room, String id, String name) {
        FakeConnection c = new FakeConnection();
        assertThat(service.open(c, token(room, id, name), null)).isEmpty();
        return c;
    }

    @Test
    void aNewcomerIsWelcomedWithWhoIsThereAndTheOthersAreTold() {
        FakeConnection ann = join("r", "a", "Ann");
        FakeConnection bob = join("r", "b", "Bob");

        JsonNode welcome = bob.received.getFirst();
        assertThat(welcome.get("type").asText()).isEqualTo("welcome");
        assertThat(welcome.get("v").asInt()).isEqualTo(1);
        assertThat(welcome.get("participants").get(0).get("name").asText()).isEqualTo("Ann");
        assertThat(welcome.get("iceServers").isArray()).isTrue();
        assertThat(ann.last().get("type").asText()).isEqualTo("participantJoined");
        assertThat(ann.last().get("participant").get("name").asText()).isEqualTo("Bob");
    }

    @Test
    void anInvalidTokenIsRefusedAndNobodyIsTold() {
        FakeConnection ann = join("r", "a", "Ann");
        FakeConnection intruder = new FakeConnection();
        assertThat(service.open(intruder, "forged.token", null)).hasValueSatisfying(r -> assertThat(r.closeCode()).isEqualTo(4401));
        assertThat(ann.types()).containsExactly("welcome");
    }

    @Test
    void leavingOrANormalCloseRemovesAtOnce() {
        FakeConnection ann = join("r", "a", "Ann");
        FakeConnection bob = join("r", "b", "Bob");
        FakeConnection cid = join("r", "c", "Cid");

        service.onText(bob, "{\"type\":\"leave\"}");
        assertThat(bob.closedWith).isEqualTo(1000);
        service.onClose(cid, 1001);

        assertThat(ann.types()).containsSubsequence("participantLeft", "participantLeft");
        assertThat(rooms.find(new RoomName("r")).orElseThrow().participants()).extracting(p -> p.id()).containsExactly("a");
    }

    @Test
    void anAbnormalDropIsReconnectingThenRemovedAfterTheGracePeriod() throws InterruptedException {
        FakeConnection ann = join("r", "a", "Ann");
        FakeConnection bob = join("r", "b", "Bob");
        service.onClose(bob, 1006);
        assertThat(ann.last().get("type").asText()).isEqualTo("participantReconnecting");

        Thread.sleep(config.reconnectGrace().toMillis() + 300);
        assertThat(ann.last().get("type").asText()).isEqualTo("participantLeft");
        assertThat(ann.last().get("participantId").asText()).isEqualTo("b");
    }

    @Test
    void theSameParticipantResumesWithinTheGracePeriod() throws InterruptedException {
        FakeConnection ann = join("r", "a", "Ann");
        FakeConnection bob = join("r", "b", "Bob");
        String resumeToken = bob.received.getFirst().get("resumeToken").asText();
        service.onClose(bob, 1006);

        FakeConnection bobAgain = new FakeConnection();
        assertThat(service.open(bobAgain, null, resumeToken)).isEmpty();
        assertThat(bobAgain.received.getFirst().get("participantId").asText()).isEqualTo("b");
        assertThat(ann.last().get("type").asText()).isEqualTo("participantResumed");

        Thread.sleep(config.reconnectGrace().toMillis() + 300);
        assertThat(ann.types()).doesNotContain("participantLeft");
    }

    @Test
    void aResumeTokenIsWorthlessAfterTheGracePeriod() throws InterruptedException {
        join("r", "a", "Ann");
        FakeConnection bob = join("r", "b", "Bob");
        String resumeToken = bob.received.getFirst().get("resumeToken").asText();
        service.onClose(bob, 1006);
        Thread.sleep(config.reconnectGrace().toMillis() + 300);
        assertThat(service.open(new FakeConnection(), null, resumeToken))
                .hasValueSatisfying(r -> assertThat(r.closeCode()).isEqualTo(4410));
    }

    @Test
    void aMalformedMessageGetsAnErrorAndAffectsNoOneElse() {
        FakeConnection ann = join("r", "a", "Ann");
        FakeConnection bob = join("r", "b", "Bob");
        int annBefore = ann.received.size();

        service.onText(bob, "{\"type\":\"mute\",\"kind\":\"smell\",\"muted\":true}");

        assertThat(bob.last().get("type").asText()).isEqualTo("error");
        assertThat(bob.last().get("field").asText()).isEqualTo("kind");
        assertThat(ann.received).hasSize(annBefore);
        assertThat(bob.closedWith).isNull();
    }

    @Test
    void oversizeAndTooFrequentMessagesAreRefused() {
        FakeConnection bob = join("r", "b", "Bob");
        service.onText(bob, "{\"type\":\"ping\",\"pad\":\"" + "x".repeat(5000) + "\"}");
        assertThat(bob.last().get("code").asText()).isEqualTo("too-large");

        for (int i = 0; i < 10; i++) service.onText(bob, "{\"type\":\"ping\"}"); // burst of 2 x 5/s allowed
        assertThat(bob.types().stream().filter("pong"::equals)).hasSize(10);
        service.onText(bob, "{\"type\":\"ping\"}");
        assertThat(bob.last().get("code").asText()).isEqualTo("rate-limited");
        now += 1_000_000_000L;
        service.onText(bob, "{\"type\":\"ping\"}");
        assertThat(bob.last().get("type").asText()).isEqualTo("pong");
    }

    @Test
    void aFullRoomRefusesTheNextParticipant() {
        join("r", "a", "A");
        join("r", "b", "B");
        join("r", "c", "C");
        assertThat(service.open(new FakeConnection(), token("r", "d", "D"), null))
                .hasValueSatisfying(r -> assertThat(r.closeCode()).isEqualTo(4429));
    }

    @Test
    void muteIsAnnouncedToTheOthers() {
        FakeConnection ann = join("r", "a", "Ann");
        FakeConnection bob = join("r", "b", "Bob");
        service.onText(bob, "{\"type\":\"mute\",\"kind\":\"audio\",\"muted\":true}");
        assertThat(ann.last().get("type").asText()).isEqualTo("muted");
        assertThat(ann.last().get("muted").asBoolean()).isTrue();
    }

    @Test
    void aConnectionSilentForTooLongIsTakenForADropAndMayResume() {
        FakeConnection ann = join("r", "a", "Ann");
        FakeConnection bob = join("r", "b", "Bob");
        String resumeToken = bob.received.getFirst().get("resumeToken").asText();
        now += SignalingService.SILENCE_LIMIT_NANOS / 2;
        service.onText(ann, "{\"type\":\"ping\"}");
        now += SignalingService.SILENCE_LIMIT_NANOS / 2 + 1_000_000;
        service.closeSilent();

        assertThat(bob.closedWith).as("Bob has been silent too long").isEqualTo(4408);
        assertThat(ann.closedWith).as("Ann pinged in time").isNull();
        assertThat(ann.last().get("type").asText()).isEqualTo("participantReconnecting");
        FakeConnection bobAgain = new FakeConnection();
        assertThat(service.open(bobAgain, null, resumeToken)).isEmpty();
        assertThat(ann.last().get("type").asText()).isEqualTo("participantResumed");
    }

    @Test
    void aResumeRestartsIceWithAFreshOffer() throws Exception {
        try (MediaNode media = new MediaNode(MediaTransportConfig.defaults().withPorts(0, 0), new SimpleMeterRegistry())) {
            SignalingService withMedia = new SignalingService(config, signer, rooms, timers, () -> now, media);
            FakeConnection ann = new FakeConnection();
            assertThat(withMedia.open(ann, token("m", "a", "Ann"), null)).isEmpty();
            assertThat(ann.types()).containsExactly("welcome", "offer");
            String resumeToken = ann.received.getFirst().get("resumeToken").asText();
            withMedia.onClose(ann, 1006); // the offer may have been lost with the connection

            FakeConnection annAgain = new FakeConnection();
            assertThat(withMedia.open(annAgain, null, resumeToken)).isEmpty();
            assertThat(annAgain.types()).containsExactly("welcome", "offer");
            assertThat(ufrag(annAgain.last())).as("fresh ICE credentials (RFC 8445 §9)").isNotEqualTo(ufrag(ann.last()));
        }
    }

    private static String ufrag(JsonNode offer) {
        return offer.get("sdp").asText().lines().filter(l -> l.startsWith("a=ice-ufrag:")).findFirst().orElseThrow();
    }

    @Test
    void originMustBeThisServer() {
        assertThat(SignalingWebSocket.sameOrigin("http://10.77.1.1:8080", "10.77.1.1:8080")).isTrue();
        assertThat(SignalingWebSocket.sameOrigin("http://[::1]:8080", "[::1]:8080")).isTrue();
        assertThat(SignalingWebSocket.sameOrigin("http://127.0.0.1:8080", "127.0.0.1:8080")).isTrue();
        assertThat(SignalingWebSocket.sameOrigin("https://meet.example.org", "meet.example.org")).isTrue();
        assertThat(SignalingWebSocket.sameOrigin("http://evil.example", "127.0.0.1:8080")).isFalse();
        assertThat(SignalingWebSocket.sameOrigin(null, "127.0.0.1:8080")).isFalse();
        assertThat(SignalingWebSocket.sameOrigin("null", "127.0.0.1:8080")).isFalse();
    }
}
