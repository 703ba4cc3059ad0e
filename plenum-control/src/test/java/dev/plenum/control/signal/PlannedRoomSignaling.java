package dev.plenum.control.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plenum.control.ControlConfig;
import dev.plenum.control.attendance.AttendanceLog;
import dev.plenum.control.chat.MemoryChatLog;
import dev.plenum.control.conference.PlannedRoom;
import dev.plenum.control.metrics.LimitCounters;
import dev.plenum.control.room.Participant;
import dev.plenum.control.room.RoomDirectory;
import dev.plenum.control.room.RoomName;
import dev.plenum.control.signal.SignalingServiceTest.FakeConnection;
import dev.plenum.control.token.JoinToken;
import dev.plenum.control.token.JoinTokenSigner;
import dev.plenum.control.token.Role;
import dev.plenum.media.session.MediaNode;
import dev.plenum.media.transport.MediaTransportConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;

/**
 * What the signaling tests of planned rooms share: a service whose rooms "webinar", "meeting" and "waiting-room" are
 * conferences of those kinds (no other name is a room), participants joining with signed tokens of a role, and the
 * messages each connection received. Without media unless a test calls {@link #withMedia}.
 */
abstract class PlannedRoomSignaling {
    final ControlConfig config = new ControlConfig("127.0.0.1", 0, false, 10, Duration.ofMinutes(1),
            Duration.ofMillis(300), 4096, 50);
    final Clock clock = Clock.systemUTC();
    final JoinTokenSigner signer = JoinTokenSigner.withRandomSecret(clock);
    final RoomDirectory rooms = new RoomDirectory(config.maxParticipantsPerRoom(), config.adHocRooms());
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final dev.plenum.control.conference.PlannedRooms planned = name -> switch (name) {
        case "webinar" -> Optional.of(new PlannedRoom(1, 1, name, true, "open", null, false));
        case "meeting" -> Optional.of(new PlannedRoom(2, 1, name, false, "open", null, false));
        case "waiting-room" -> Optional.of(new PlannedRoom(3, 1, name, false, "open", null, true));
        default -> Optional.empty();
    };
    MediaNode media;
    dev.plenum.control.recording.RecordingControl recordings = dev.plenum.control.recording.RecordingControl.NONE;
    SignalingService service = service(null);

    private SignalingService service(MediaNode node) {
        return new SignalingService(config, signer, rooms, timers, System::nanoTime, node,
                new LimitCounters(new SimpleMeterRegistry()), new MemoryChatLog(10), clock,
                dev.plenum.control.files.RoomFiles.none(), planned, AttendanceLog.NONE, recordings);
    }

    /** From now on rooms are recorded through {@code control} (no media node needed). */
    void withRecording(dev.plenum.control.recording.RecordingControl control) {
        recordings = control;
        service = service(media);
    }

    /** From now on participants join with a media session on a real node (no sockets are used). */
    void withMedia() throws java.io.IOException {
        media = new MediaNode(MediaTransportConfig.defaults().withPorts(0, 0), new SimpleMeterRegistry());
        service = service(media);
    }

    @AfterEach
    void stop() {
        timers.shutdownNow();
        if (media != null) media.close();
    }

    FakeConnection join(String room, String id, Role role) {
        FakeConnection c = new FakeConnection();
        String token = signer.sign(new JoinToken(room, id, id.toUpperCase(), role, clock.instant().plusSeconds(60)));
        assertThat(service.open(c, token, null)).isEmpty();
        return c;
    }

    void send(FakeConnection c, String json) {
        service.onText(c, json);
    }

    static List<JsonNode> ofType(FakeConnection c, String type) {
        return c.received.stream().filter(n -> n.get("type").asText().equals(type)).toList();
    }

    Role roleOf(String room, String id) {
        return rooms.find(new RoomName(room)).orElseThrow().participant(id).map(Participant::role).orElseThrow();
    }

    static void assertRefused(FakeConnection c, String code) {
        assertThat(c.last().get("type").asText()).isEqualTo("error");
        assertThat(c.last().get("code").asText()).isEqualTo(code);
    }
}
