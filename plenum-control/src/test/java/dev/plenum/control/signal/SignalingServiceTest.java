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
    private final dev.plenum.control.chat.MemoryChatLog chat = new dev.plenum.control.chat.MemoryChatLog(100);
    private final SignalingService service = new SignalingService(config, signer, rooms, timers, () -> now, null,
            new dev.plenum.control.metrics.LimitCounters(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()), chat, clock);

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

    private String token(String room, String id, String name, Role role) {
        return signer.sign(new JoinToken(room, id, name, role, clock.instant().plusSeconds(60)));
    }

    private FakeConnection join(String room, String id, String name) {
        return join(room, id, name, Role.HOST);
    }

    private FakeConnection join(String room, String id, String name, Role role) {
        FakeConnection c = new FakeConnection();
        assertThat(service.open(c, token(room, id, name, role), null)).isEmpty();
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
        assertThat(ann.types()).containsExactly("welcome", "questions", "polls", "slides", "files", "lobbyState");
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
        assertThat(service.open(new FakeConnection(), token("r", "d", "D", Role.HOST), null))
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
            SignalingService withMedia = new SignalingService(config, signer, rooms, timers, () -> now, media,
                    new dev.plenum.control.metrics.LimitCounters(new SimpleMeterRegistry()), chat, clock);
            FakeConnection ann = new FakeConnection();
            assertThat(withMedia.open(ann, token("m", "a", "Ann", Role.HOST), null)).isEmpty();
            assertThat(ann.types()).containsExactly("welcome", "questions", "polls", "slides", "files", "lobbyState", "offer");
            String resumeToken = ann.received.getFirst().get("resumeToken").asText();
            withMedia.onClose(ann, 1006); // the offer may have been lost with the connection

            FakeConnection annAgain = new FakeConnection();
            assertThat(withMedia.open(annAgain, null, resumeToken)).isEmpty();
            assertThat(annAgain.types()).containsExactly("welcome", "questions", "polls", "slides", "files", "offer");
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

    private static java.util.List<JsonNode> ofType(FakeConnection c, String type) {
        return c.received.stream().filter(n -> n.get("type").asText().equals(type)).toList();
    }

    @Test
    void raisedHandsQueueInTheOrderTheyWentUpAndEveryoneIsTold() {
        FakeConnection host = join("r", "h", "Hal");
        FakeConnection ann = join("r", "a", "Ann", Role.ATTENDEE);
        FakeConnection bob = join("r", "b", "Bob", Role.ATTENDEE);

        service.onText(bob, "{\"type\":\"hand\",\"raised\":true}");
        service.onText(ann, "{\"type\":\"hand\",\"raised\":true}");
        service.onText(bob, "{\"type\":\"hand\",\"raised\":true}"); // already up: keeps its place, no news

        java.util.List<JsonNode> seenByHost = ofType(host, "hand");
        assertThat(seenByHost).extracting(n -> n.get("participantId").asText()).containsExactly("b", "a");
        assertThat(seenByHost.get(0).get("raisedAt").asLong()).isLessThan(seenByHost.get(1).get("raisedAt").asLong());
        assertThat(ofType(bob, "hand")).hasSize(2); // the raiser learns its own place too

        service.onText(host, "{\"type\":\"leave\"}"); // the room holds three in this configuration
        FakeConnection cid = join("r", "c", "Cid", Role.ATTENDEE);
        JsonNode welcome = cid.received.getFirst();
        assertThat(welcome.get("role").asText()).isEqualTo("attendee");
        assertThat(welcome.get("participants")).filteredOn(p -> p.get("handRaisedAt").asLong() > 0)
                .extracting(p -> p.get("name").asText()).containsExactlyInAnyOrder("Ann", "Bob");
    }

    @Test
    void onlyAHostLowersSomeoneElsesHand() {
        FakeConnection host = join("r", "h", "Hal");
        FakeConnection ann = join("r", "a", "Ann", Role.ATTENDEE);
        FakeConnection bob = join("r", "b", "Bob", Role.ATTENDEE);
        service.onText(bob, "{\"type\":\"hand\",\"raised\":true}");

        service.onText(ann, "{\"type\":\"hand\",\"raised\":false,\"participantId\":\"b\"}");
        assertThat(ann.last().get("type").asText()).isEqualTo("error");
        assertThat(ann.last().get("code").asText()).isEqualTo("forbidden");
        assertThat(ann.last().get("field").asText()).isEqualTo("participantId");
        assertThat(rooms.find(new RoomName("r")).orElseThrow().participant("b").orElseThrow().handRaised()).isTrue();

        service.onText(host, "{\"type\":\"hand\",\"raised\":false,\"participantId\":\"b\"}");
        JsonNode lowered = ofType(bob, "hand").getLast();
        assertThat(lowered.get("raised").asBoolean()).isFalse();
        assertThat(lowered.get("by").asText()).isEqualTo("h");
        assertThat(rooms.find(new RoomName("r")).orElseThrow().participant("b").orElseThrow().handRaised()).isFalse();

        service.onText(host, "{\"type\":\"hand\",\"raised\":false,\"participantId\":\"nobody\"}");
        assertThat(host.last().get("code").asText()).isEqualTo("not-found");
    }

    @Test
    void reactionsReachEveryoneButAreLimitedToOneASecond() {
        FakeConnection ann = join("r", "a", "Ann", Role.ATTENDEE);
        FakeConnection bob = join("r", "b", "Bob", Role.ATTENDEE);
        for (int i = 0; i < 5; i++) service.onText(bob, "{\"type\":\"reaction\",\"reaction\":\"clap\"}");

        assertThat(ofType(ann, "reaction")).hasSize(2) // a burst of two, then the limit
                .allSatisfy(n -> assertThat(n.get("reaction").asText()).isEqualTo("clap"));
        assertThat(ofType(bob, "reaction")).hasSize(2);
        assertThat(ofType(bob, "error")).hasSize(3).allSatisfy(n -> assertThat(n.get("field").asText()).isEqualTo("reaction"));

        now += 1_000_000_000L;
        service.onText(bob, "{\"type\":\"reaction\",\"reaction\":\"heart\"}");
        assertThat(ofType(ann, "reaction").getLast().get("reaction").asText()).isEqualTo("heart");
    }

    @Test
    void aChatMessageReachesExactlyItsAudienceAndIsKeptAsPlainText() {
        FakeConnection host = join("r", "h", "Hal");
        FakeConnection ann = join("r", "a", "Ann", Role.ATTENDEE);
        FakeConnection bob = join("r", "b", "Bob", Role.ATTENDEE);

        service.onText(ann, "{\"type\":\"chat\",\"text\":\"  <b>Hello</b> all  \"}");
        service.onText(ann, "{\"type\":\"chat\",\"text\":\"psst Bob\",\"to\":\"b\"}");
        service.onText(bob, "{\"type\":\"chat\",\"text\":\"question for the hosts\",\"to\":\"hosts\"}");

        assertThat(ofType(host, "chat")).extracting(n -> n.get("text").asText())
                .containsExactly("<b>Hello</b> all", "question for the hosts");
        assertThat(ofType(ann, "chat")).extracting(n -> n.get("text").asText())
                .containsExactly("<b>Hello</b> all", "psst Bob");
        assertThat(ofType(bob, "chat")).extracting(n -> n.get("text").asText())
                .containsExactly("<b>Hello</b> all", "psst Bob", "question for the hosts");
        JsonNode privateOne = ofType(bob, "chat").get(1);
        assertThat(privateOne.get("from").asText()).isEqualTo("a");
        assertThat(privateOne.get("fromName").asText()).isEqualTo("Ann");
        assertThat(privateOne.get("to").asText()).isEqualTo("b");
    }

    @Test
    void newcomersSeeTheHistoryTheyMayRead() {
        FakeConnection host = join("r", "h", "Hal");
        FakeConnection ann = join("r", "a", "Ann", Role.ATTENDEE);
        service.onText(ann, "{\"type\":\"chat\",\"text\":\"hello\"}");
        service.onText(ann, "{\"type\":\"chat\",\"text\":\"for hosts\",\"to\":\"hosts\"}");
        service.onText(host, "{\"type\":\"chat\",\"text\":\"for Ann\",\"to\":\"a\"}");

        FakeConnection cid = join("r", "c", "Cid", Role.ATTENDEE);
        assertThat(cid.received.getFirst().get("chat")).extracting(n -> n.get("text").asText()).containsExactly("hello");
        service.onText(cid, "{\"type\":\"leave\"}");
        FakeConnection hostTwo = join("r", "h2", "Hed");
        assertThat(hostTwo.received.getFirst().get("chat")).extracting(n -> n.get("text").asText())
                .containsExactly("hello", "for hosts");
    }

    @Test
    void badChatIsRefusedNamingTheFieldAndReachesNobody() {
        FakeConnection ann = join("r", "a", "Ann", Role.ATTENDEE);
        FakeConnection bob = join("r", "b", "Bob", Role.ATTENDEE);
        service.onText(ann, "{\"type\":\"chat\",\"text\":\"   \"}");
        assertThat(ann.last().get("field").asText()).isEqualTo("text");
        service.onText(ann, "{\"type\":\"chat\",\"text\":\"" + "x".repeat(2001) + "\"}");
        assertThat(ann.last().get("code").asText()).isEqualTo("too-large");
        service.onText(ann, "{\"type\":\"chat\",\"text\":\"bell\\u0007\"}");
        assertThat(ann.last().get("field").asText()).isEqualTo("text");
        service.onText(ann, "{\"type\":\"chat\",\"text\":\"hi\",\"to\":\"nobody\"}");
        assertThat(ann.last().get("code").asText()).isEqualTo("not-found");
        assertThat(ann.last().get("field").asText()).isEqualTo("to");
        assertThat(ofType(bob, "chat")).isEmpty();
        assertThat(chat.history("r", "b", Role.HOST, 100)).isEmpty();
    }

    @Test
    void chatIsLimitedToTwoMessagesASecond() {
        FakeConnection ann = join("r", "a", "Ann", Role.ATTENDEE);
        FakeConnection bob = join("r", "b", "Bob", Role.ATTENDEE);
        for (int i = 0; i < 6; i++) service.onText(ann, "{\"type\":\"chat\",\"text\":\"spam " + i + "\"}");
        assertThat(ofType(bob, "chat")).hasSize(4); // the burst
        assertThat(ofType(ann, "error")).hasSize(2).allSatisfy(n -> assertThat(n.get("code").asText()).isEqualTo("rate-limited"));
        now += 1_000_000_000L;
        service.onText(ann, "{\"type\":\"chat\",\"text\":\"later\"}");
        assertThat(ofType(bob, "chat").getLast().get("text").asText()).isEqualTo("later");
    }

    private FakeConnection joinFrom(String browser, String room, String id, String name, Role role) {
        FakeConnection c = new FakeConnection();
        assertThat(service.open(c, token(room, id, name, role), null, browser)).isEmpty();
        return c;
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "{\"type\":\"muteParticipant\",\"participantId\":\"b\",\"kind\":\"audio\"}",
            "{\"type\":\"muteParticipant\",\"participantId\":\"b\",\"kind\":\"video\"}",
            "{\"type\":\"muteEveryone\"}",
            "{\"type\":\"removeParticipant\",\"participantId\":\"b\"}",
            "{\"type\":\"lockRoom\",\"locked\":true}",
            "{\"type\":\"hand\",\"raised\":true,\"participantId\":\"b\"}"})
    void anAttendeeTryingAHostActionIsRefusedAndNothingChanges(String hostAction) {
        FakeConnection ann = join("r", "a", "Ann", Role.ATTENDEE);
        FakeConnection bob = join("r", "b", "Bob", Role.ATTENDEE);
        int bobHad = bob.received.size();

        service.onText(ann, hostAction);

        assertThat(ann.last().get("type").asText()).isEqualTo("error");
        assertThat(ann.last().get("code").asText()).isEqualTo("forbidden");
        assertThat(bob.received).hasSize(bobHad);
        assertThat(bob.closedWith).isNull();
        var room = rooms.find(new RoomName("r")).orElseThrow();
        assertThat(room.participants()).extracting(p -> p.id()).containsExactly("a", "b");
        assertThat(room.participant("b").orElseThrow()).satisfies(b -> {
            assertThat(b.audioMuted()).isFalse();
            assertThat(b.videoMuted()).isFalse();
            assertThat(b.handRaised()).isFalse();
        });
        assertThat(room.locked()).isFalse();
    }

    @Test
    void aHostMutesOneOrEveryoneElseAndTheMutedAreAskedToStopSending() {
        FakeConnection host = join("r", "h", "Hal");
        FakeConnection ann = join("r", "a", "Ann", Role.ATTENDEE);
        FakeConnection bob = join("r", "b", "Bob", Role.ATTENDEE);

        service.onText(host, "{\"type\":\"muteParticipant\",\"participantId\":\"a\",\"kind\":\"video\"}");
        assertThat(ofType(ann, "mutedByHost")).singleElement().satisfies(n -> {
            assertThat(n.get("kind").asText()).isEqualTo("video");
            assertThat(n.get("by").asText()).isEqualTo("h");
        });
        assertThat(ofType(bob, "muted").getLast().get("participantId").asText()).isEqualTo("a");
        assertThat(ofType(bob, "mutedByHost")).isEmpty();

        service.onText(host, "{\"type\":\"muteEveryone\"}");
        var room = rooms.find(new RoomName("r")).orElseThrow();
        assertThat(room.participants()).filteredOn(p -> p.audioMuted()).extracting(p -> p.id()).containsExactlyInAnyOrder("a", "b");
        assertThat(room.participant("h").orElseThrow().audioMuted()).isFalse();
    }

    @Test
    void aRemovedParticipantsTokenAndBrowserAreRefusedForTheRestOfTheSession() {
        FakeConnection host = join("r", "h", "Hal");
        FakeConnection bob = joinFrom("browser-of-bob", "r", "b", "Bob", Role.ATTENDEE);

        service.onText(host, "{\"type\":\"removeParticipant\",\"participantId\":\"b\"}");
        assertThat(bob.closedWith).isEqualTo(4403);
        assertThat(ofType(host, "participantLeft")).extracting(n -> n.get("participantId").asText()).containsExactly("b");

        assertThat(service.open(new FakeConnection(), token("r", "b", "Bob", Role.ATTENDEE), null, "another-browser"))
                .hasValueSatisfying(r -> assertThat(r.closeCode()).isEqualTo(4403));
        assertThat(service.open(new FakeConnection(), token("r", "b2", "Robert", Role.ATTENDEE), null, "browser-of-bob"))
                .hasValueSatisfying(r -> assertThat(r.closeCode()).isEqualTo(4403));
        joinFrom("browser-of-cid", "r", "c", "Cid", Role.ATTENDEE); // others still come in
    }

    @Test
    void aLockedRoomTurnsNewcomersAwayUntilAHostUnlocksIt() {
        FakeConnection host = join("r", "h", "Hal");
        FakeConnection ann = join("r", "a", "Ann", Role.ATTENDEE);
        service.onText(host, "{\"type\":\"lockRoom\",\"locked\":true}");
        assertThat(ofType(ann, "roomLocked").getLast().get("locked").asBoolean()).isTrue();
        assertThat(ofType(host, "roomLocked")).hasSize(1);

        assertThat(service.open(new FakeConnection(), token("r", "c", "Cid", Role.ATTENDEE), null, null))
                .hasValueSatisfying(r -> assertThat(r.closeCode()).isEqualTo(4423));
        service.onText(host, "{\"type\":\"lockRoom\",\"locked\":false}");
        join("r", "c", "Cid", Role.ATTENDEE);
    }

    @Test
    void questionsAreAskedUpvotedAndAnsweredWithAnonymityAndPrivateAnswersKept() {
        FakeConnection host = join("r", "h", "Hal");
        FakeConnection ann = join("r", "a", "Ann", Role.ATTENDEE);
        FakeConnection bob = join("r", "b", "Bob", Role.ATTENDEE);

        service.onText(ann, "{\"type\":\"ask\",\"text\":\"Will there be homework?\",\"anonymous\":true}");
        JsonNode seenByHost = ofType(host, "question").getLast().get("question");
        assertThat(seenByHost.get("askerName").isNull()).isTrue(); // anonymous even to the hosts
        assertThat(ofType(ann, "question").getLast().get("question").get("mine").asBoolean()).isTrue();
        long id = seenByHost.get("id").asLong();

        service.onText(bob, "{\"type\":\"upvote\",\"questionId\":" + id + "}");
        assertThat(ofType(ann, "question").getLast().get("question").get("votes").asInt()).isEqualTo(1);
        assertThat(ofType(bob, "question").getLast().get("question").get("votedByMe").asBoolean()).isTrue();

        service.onText(bob, "{\"type\":\"answerQuestion\",\"questionId\":" + id + ",\"text\":\"no\"}");
        assertThat(bob.last().get("code").asText()).isEqualTo("forbidden");

        service.onText(host, "{\"type\":\"answerQuestion\",\"questionId\":" + id + ",\"text\":\"Only reading.\",\"privately\":true}");
        JsonNode forAnn = ofType(ann, "question").getLast().get("question");
        assertThat(forAnn.get("status").asText()).isEqualTo("answered");
        assertThat(forAnn.get("answer").get("text").asText()).isEqualTo("Only reading.");
        assertThat(forAnn.get("answer").get("private").asBoolean()).isTrue();
        assertThat(ofType(bob, "question").getLast().get("question").has("answer")).isFalse();
    }

    @Test
    void aDismissedQuestionLeavesTheAttendeesListsButNotTheHostsOrTheAskers() {
        FakeConnection host = join("r", "h", "Hal");
        FakeConnection ann = join("r", "a", "Ann", Role.ATTENDEE);
        FakeConnection bob = join("r", "b", "Bob", Role.ATTENDEE);
        service.onText(ann, "{\"type\":\"ask\",\"text\":\"off topic\"}");
        long id = ofType(host, "question").getLast().get("question").get("id").asLong();
        assertThat(ofType(bob, "question").getLast().get("question").get("askerName").asText()).isEqualTo("Ann");

        service.onText(host, "{\"type\":\"questionStatus\",\"questionId\":" + id + ",\"status\":\"dismissed\"}");
        assertThat(ofType(bob, "questionHidden").getLast().get("id").asLong()).isEqualTo(id);
        assertThat(ofType(ann, "question").getLast().get("question").get("status").asText()).isEqualTo("dismissed");
        assertThat(ofType(host, "question").getLast().get("question").get("status").asText()).isEqualTo("dismissed");

        service.onText(bob, "{\"type\":\"leave\"}");
        FakeConnection cid = join("r", "c", "Cid", Role.ATTENDEE);
        assertThat(ofType(cid, "questions").getFirst().get("questions")).isEmpty();
        service.onText(host, "{\"type\":\"questionStatus\",\"questionId\":99,\"status\":\"answered\"}");
        assertThat(host.last().get("code").asText()).isEqualTo("not-found");
    }

    @Test
    void hostsPollAndSeeResultsLiveWhileOthersSeeThemOnceShared() {
        FakeConnection host = join("r", "h", "Hal");
        FakeConnection ann = join("r", "a", "Ann", Role.ATTENDEE);
        FakeConnection bob = join("r", "b", "Bob", Role.ATTENDEE);

        service.onText(ann, "{\"type\":\"createPoll\",\"question\":\"Mine?\",\"options\":[\"a\",\"b\"]}");
        assertThat(ann.last().get("code").asText()).isEqualTo("forbidden");

        service.onText(host, "{\"type\":\"createPoll\",\"question\":\"Pizza or pasta?\",\"options\":[\"Pizza\",\"Pasta\"]}");
        long id = ofType(ann, "poll").getLast().get("poll").get("id").asLong();
        service.onText(ann, "{\"type\":\"vote\",\"pollId\":" + id + ",\"choices\":[0]}");
        service.onText(bob, "{\"type\":\"vote\",\"pollId\":" + id + ",\"choices\":[0,1]}");
        assertThat(bob.last().get("field").asText()).isEqualTo("choices"); // one choice only
        service.onText(bob, "{\"type\":\"vote\",\"pollId\":" + id + ",\"choices\":[1]}");
        service.onText(bob, "{\"type\":\"vote\",\"pollId\":" + id + ",\"choices\":[0]}"); // changed his mind

        JsonNode forHost = ofType(host, "poll").getLast().get("poll");
        assertThat(forHost.get("counts")).extracting(JsonNode::asInt).containsExactly(2, 0);
        assertThat(forHost.get("votersByOption").get(0)).extracting(JsonNode::asText).containsExactlyInAnyOrder("a", "b");
        JsonNode forAnn = ofType(ann, "poll").getLast().get("poll");
        assertThat(forAnn.has("counts")).isFalse();
        assertThat(forAnn.get("myChoices")).extracting(JsonNode::asInt).containsExactly(0);

        service.onText(host, "{\"type\":\"closePoll\",\"pollId\":" + id + "}");
        service.onText(ann, "{\"type\":\"vote\",\"pollId\":" + id + ",\"choices\":[1]}");
        assertThat(ann.last().get("code").asText()).isEqualTo("poll-closed");
        service.onText(host, "{\"type\":\"sharePollResults\",\"pollId\":" + id + "}");
        JsonNode shared = ofType(bob, "poll").getLast().get("poll");
        assertThat(shared.get("counts")).extracting(JsonNode::asInt).containsExactly(2, 0);
        assertThat(shared.get("status").asText()).isEqualTo("closed");
        assertThat(shared.has("votersByOption")).isFalse();
    }

    @Test
    void anAnonymousPollShowsNobodyWhoChoseWhatAndAMultipleChoicePollTakesSeveral() {
        FakeConnection host = join("r", "h", "Hal");
        FakeConnection ann = join("r", "a", "Ann", Role.ATTENDEE);
        service.onText(host, "{\"type\":\"createPoll\",\"question\":\"Which days?\",\"options\":[\"Mon\",\"Tue\",\"Wed\"],"
                + "\"multiple\":true,\"anonymous\":true}");
        long id = ofType(ann, "poll").getLast().get("poll").get("id").asLong();
        service.onText(ann, "{\"type\":\"vote\",\"pollId\":" + id + ",\"choices\":[0,2]}");
        JsonNode forHost = ofType(host, "poll").getLast().get("poll");
        assertThat(forHost.get("counts")).extracting(JsonNode::asInt).containsExactly(1, 0, 1);
        assertThat(forHost.has("votersByOption")).isFalse();
        service.onText(ann, "{\"type\":\"vote\",\"pollId\":" + id + ",\"choices\":[3]}");
        assertThat(ann.last().get("field").asText()).isEqualTo("choices");
    }

    @Test
    void withTheLobbyOnNewcomersWaitUntilAHostLetsThemInOrTurnsThemAway() {
        FakeConnection host = join("r", "h", "Hal");
        service.onText(host, "{\"type\":\"setLobby\",\"enabled\":true}");
        assertThat(ofType(host, "lobbyState").getLast().get("enabled").asBoolean()).isTrue();

        FakeConnection ann = join("r", "a", "Ann", Role.ATTENDEE);
        assertThat(ann.types()).containsExactly("lobby"); // no welcome, nobody told yet
        assertThat(ofType(host, "participantJoined")).isEmpty();
        assertThat(ofType(host, "lobbyState").getLast().get("waiting")).extracting(n -> n.get("name").asText())
                .containsExactly("Ann");

        service.onText(ann, "{\"type\":\"chat\",\"text\":\"let me in\"}");
        assertThat(ann.last().get("code").asText()).isEqualTo("waiting");
        assertThat(ofType(host, "chat")).isEmpty();

        service.onText(host, "{\"type\":\"admit\",\"participantId\":\"a\",\"admitted\":true}");
        assertThat(ann.types()).contains("welcome");
        assertThat(ofType(host, "participantJoined").getLast().get("participant").get("name").asText()).isEqualTo("Ann");
        assertThat(ofType(host, "lobbyState").getLast().get("waiting")).isEmpty();
        service.onText(ann, "{\"type\":\"chat\",\"text\":\"thanks\"}");
        assertThat(ofType(host, "chat")).hasSize(1);

        FakeConnection bob = join("r", "b", "Bob", Role.ATTENDEE);
        service.onText(host, "{\"type\":\"admit\",\"participantId\":\"b\",\"admitted\":false}");
        assertThat(bob.closedWith).isEqualTo(4406);
        assertThat(rooms.find(new RoomName("r")).orElseThrow().participants()).extracting(p -> p.id())
                .containsExactly("h", "a");
    }

    @Test
    void onlyHostsRunTheLobbyAndAWaiterWhoLeavesIsForgotten() {
        FakeConnection host = join("r", "h", "Hal");
        FakeConnection ann = join("r", "a", "Ann", Role.ATTENDEE);
        service.onText(ann, "{\"type\":\"setLobby\",\"enabled\":true}");
        assertThat(ann.last().get("code").asText()).isEqualTo("forbidden");
        service.onText(host, "{\"type\":\"setLobby\",\"enabled\":true}");

        FakeConnection bob = join("r", "b", "Bob", Role.ATTENDEE);
        service.onText(ann, "{\"type\":\"admit\",\"participantId\":\"b\",\"admitted\":true}");
        assertThat(ann.last().get("code").asText()).isEqualTo("forbidden");
        assertThat(bob.types()).containsExactly("lobby");

        service.onClose(bob, 1001);
        assertThat(ofType(host, "lobbyState").getLast().get("waiting")).isEmpty();
        service.onText(host, "{\"type\":\"admit\",\"participantId\":\"b\",\"admitted\":true}");
        assertThat(host.last().get("code").asText()).isEqualTo("not-found");

        FakeConnection otherHost = join("r", "h2", "Hed"); // hosts never wait
        assertThat(otherHost.types()).contains("welcome", "lobbyState");
    }
}
