package dev.plenum.control.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plenum.control.conference.PlannedRoom;
import dev.plenum.control.recording.RecordingControl;
import dev.plenum.control.signal.SignalingServiceTest.FakeConnection;
import dev.plenum.control.token.Role;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Recording over signaling: only hosts start and stop it; everyone, and everyone who joins while it lasts, is told
 * that the room is recorded; it stops when a host stops it or when the session ends.
 */
class RecordingSignalingTest extends PlannedRoomSignaling {
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<String> names = new CopyOnWriteArrayList<>();

    @BeforeEach
    void recordWithAFakeMediaNode() {
        withRecording(new RecordingControl() {
            @Override public boolean start(String roomName, PlannedRoom plan, long sessionId, Function<String, String> n) {
                calls.add("start " + roomName + " conference " + plan.conferenceId());
                names.add(n.apply("a"));
                return true;
            }

            @Override public void stop(String roomName) {
                calls.add("stop " + roomName);
            }
        });
    }

    private static JsonNode lastRecording(FakeConnection c) {
        List<JsonNode> events = ofType(c, "recording");
        assertThat(events).as("recording events").isNotEmpty();
        return events.getLast();
    }

    @Test
    void anAttendeeOrPresenterCannotStartOrStopARecordingAndNobodyHearsOfTheAttempt() {
        FakeConnection host = join("meeting", "h", Role.HOST);
        FakeConnection att = join("meeting", "a", Role.ATTENDEE);
        send(att, "{\"type\":\"record\",\"on\":true}");
        JsonNode error = ofType(att, "error").getLast();
        assertThat(error.get("code").asText()).isEqualTo("forbidden");
        assertThat(error.get("field").asText()).isEqualTo("type");
        assertThat(ofType(host, "recording")).isEmpty();
        assertThat(ofType(att, "recording")).isEmpty();
        assertThat(calls).isEmpty();

        send(host, "{\"type\":\"record\",\"on\":true}");
        send(att, "{\"type\":\"record\",\"on\":false}");
        assertThat(ofType(att, "error").getLast().get("code").asText()).isEqualTo("forbidden");
        assertThat(lastRecording(att).get("on").asBoolean()).as("still recording").isTrue();
        assertThat(calls).containsExactly("start meeting conference 2");
    }

    @Test
    void aHostsRecordingIsAnnouncedToEveryoneAndToNewcomersUntilAHostStopsIt() {
        FakeConnection host = join("meeting", "h", Role.HOST);
        FakeConnection att = join("meeting", "a", Role.ATTENDEE);
        send(host, "{\"type\":\"record\",\"on\":true}");
        for (FakeConnection c : List.of(host, att)) {
            assertThat(lastRecording(c).get("on").asBoolean()).isTrue();
            assertThat(lastRecording(c).get("by").asText()).isEqualTo("h");
        }
        assertThat(names).containsExactly("A"); // the display name the row will carry
        send(host, "{\"type\":\"record\",\"on\":true}"); // already on: nothing changes
        assertThat(calls).hasSize(1);

        FakeConnection late = join("meeting", "l", Role.ATTENDEE);
        assertThat(lastRecording(late).get("on").asBoolean()).as("a newcomer is told at once").isTrue();

        send(host, "{\"type\":\"record\",\"on\":false}");
        for (FakeConnection c : List.of(host, att, late)) assertThat(lastRecording(c).get("on").asBoolean()).isFalse();
        assertThat(calls).containsExactly("start meeting conference 2", "stop meeting");
        FakeConnection later = join("meeting", "m", Role.ATTENDEE);
        assertThat(ofType(later, "recording")).isEmpty();
    }

    @Test
    void theRecordingStopsWhenTheSessionEnds() {
        FakeConnection host = join("meeting", "h", Role.HOST);
        send(host, "{\"type\":\"record\",\"on\":true}");
        send(host, "{\"type\":\"leave\"}");
        assertThat(calls).containsExactly("start meeting conference 2", "stop meeting");

        FakeConnection again = join("meeting", "h2", Role.HOST);
        assertThat(ofType(again, "recording")).as("the next session is not recorded").isEmpty();
    }

    @Test
    void aRoomTheMediaNodeCannotRecordIsRefusedAndNobodyIsToldItRecords() {
        withRecording(RecordingControl.NONE);
        FakeConnection host = join("meeting", "h", Role.HOST);
        send(host, "{\"type\":\"record\",\"on\":true}");
        assertThat(ofType(host, "error").getLast().get("code").asText()).isEqualTo("no-media");
        assertThat(ofType(host, "recording")).isEmpty();
    }
}
