package dev.plenum.control.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plenum.control.room.RoomName;
import dev.plenum.control.signal.SignalingServiceTest.FakeConnection;
import dev.plenum.control.token.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Screen sharing over signaling: whoever may publish may share, and everyone (the sharer included) is told whose
 * screen it is and the stream it arrives under; one screen at a time, a newer share replacing the older one; the share
 * ends when its sharer stops, leaves, or loses the right to publish. An attendee in a webinar is refused by the server.
 */
class ScreenShareSignalingTest extends PlannedRoomSignaling {

    /** The latest {@code screenShare} a connection received: whose screen (null for nobody's). */
    private static String sharer(FakeConnection c) {
        List<JsonNode> events = ofType(c, "screenShare");
        assertThat(events).as("screenShare events").isNotEmpty();
        JsonNode last = events.getLast();
        return last.get("participantId").isNull() ? null : last.get("participantId").asText();
    }

    private String roomSharer(String room) {
        return rooms.find(new RoomName(room)).orElseThrow().screenSharer().orElse(null);
    }

    @Test
    void aShareIsAnnouncedToEveryoneWithTheStreamItArrivesUnderAndItsStopToo() throws Exception {
        withMedia();
        FakeConnection host = join("meeting", "h", Role.HOST);
        FakeConnection att = join("meeting", "a", Role.ATTENDEE);

        send(att, "{\"type\":\"shareScreen\",\"on\":true}"); // in a meeting attendees publish, and so share
        for (FakeConnection c : List.of(host, att)) {
            JsonNode event = ofType(c, "screenShare").getLast();
            assertThat(event.get("participantId").asText()).isEqualTo("a");
            assertThat(event.get("streamId").asText()).isEqualTo("screen-a");
        }
        assertThat(roomSharer("meeting")).isEqualTo("a");

        send(host, "{\"type\":\"shareScreen\",\"on\":false}"); // not the sharer: nothing to stop
        assertThat(roomSharer("meeting")).isEqualTo("a");

        send(att, "{\"type\":\"shareScreen\",\"on\":false}");
        for (FakeConnection c : List.of(host, att)) {
            assertThat(sharer(c)).isNull();
            assertThat(ofType(c, "screenShare").getLast().get("streamId").isNull()).isTrue();
        }
        assertThat(roomSharer("meeting")).isNull();
    }

    @Test
    void aNewerShareReplacesTheOlderOneAndItsSharerIsToldByTheSameEvent() throws Exception {
        withMedia();
        FakeConnection host = join("meeting", "h", Role.HOST);
        FakeConnection att = join("meeting", "a", Role.ATTENDEE);
        send(host, "{\"type\":\"shareScreen\",\"on\":true}");
        send(att, "{\"type\":\"shareScreen\",\"on\":true}");

        assertThat(sharer(host)).as("the host's share gave way").isEqualTo("a");
        assertThat(sharer(att)).isEqualTo("a");
        assertThat(ofType(host, "screenShare")).hasSize(2);
        send(host, "{\"type\":\"shareScreen\",\"on\":false}"); // its page stops: the newer share stays
        assertThat(roomSharer("meeting")).isEqualTo("a");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2, 3})
    void twoPeoplePressingAtOnceLeaveOneShareThatEveryoneAgreesOn(int seed) throws Exception {
        withMedia();
        FakeConnection host = join("meeting", "h", Role.HOST);
        FakeConnection att = join("meeting", "a", Role.ATTENDEE);
        java.util.Random random = new java.util.Random(seed);
        var start = new java.util.concurrent.CountDownLatch(1);
        List<Thread> pressing = List.of(host, att).stream().map(c -> Thread.ofVirtual().start(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                return;
            }
            for (int i = 0; i < 5; i++) send(c, "{\"type\":\"shareScreen\",\"on\":" + (i % 2 == 0) + "}");
            send(c, "{\"type\":\"shareScreen\",\"on\":true}");
        })).toList();
        if (random.nextBoolean()) Thread.sleep(random.nextInt(3));
        start.countDown();
        for (Thread t : pressing) t.join();

        String sharer = roomSharer("meeting");
        assertThat(sharer).isIn("h", "a");
        assertThat(sharer(host)).isEqualTo(sharer);
        assertThat(sharer(att)).isEqualTo(sharer);
    }

    @Test
    void aNewcomerLearnsOfTheShareRightAfterTheFilesAndItEndsWhenTheSharerLeaves() throws Exception {
        withMedia();
        FakeConnection host = join("meeting", "h", Role.HOST);
        send(host, "{\"type\":\"shareScreen\",\"on\":true}");
        FakeConnection late = join("meeting", "l", Role.ATTENDEE);
        List<String> types = late.types();
        assertThat(types.get(types.indexOf("files") + 1)).isEqualTo("screenShare");
        assertThat(sharer(late)).isEqualTo("h");

        send(host, "{\"type\":\"leave\"}");
        assertThat(sharer(late)).isNull();
        assertThat(late.types().indexOf("participantLeft")).isGreaterThan(late.types().lastIndexOf("screenShare"));
    }

    @Test
    void anAttendeeInAWebinarIsRefusedAndNobodyHearsOfIt() throws Exception {
        withMedia();
        FakeConnection host = join("webinar", "h", Role.HOST);
        FakeConnection att = join("webinar", "a", Role.ATTENDEE);

        send(att, "{\"type\":\"shareScreen\",\"on\":true}");

        assertRefused(att, "forbidden");
        assertThat(att.last().get("field").asText()).isEqualTo("type");
        assertThat(ofType(host, "screenShare")).isEmpty();
        assertThat(roomSharer("webinar")).isNull();
    }

    @Test
    void aPresenterSharesUntilDemoted() throws Exception {
        withMedia();
        FakeConnection host = join("webinar", "h", Role.HOST);
        FakeConnection att = join("webinar", "a", Role.ATTENDEE);
        send(host, "{\"type\":\"promote\",\"participantId\":\"a\"}");
        send(att, "{\"type\":\"promotion\",\"accepted\":true}");

        send(att, "{\"type\":\"shareScreen\",\"on\":true}");
        assertThat(sharer(host)).isEqualTo("a");

        send(host, "{\"type\":\"demote\",\"participantId\":\"a\"}");
        assertThat(sharer(host)).as("the demoted presenter's share ends").isNull();
        send(att, "{\"type\":\"shareScreen\",\"on\":true}");
        assertRefused(att, "forbidden");
    }

    @Test
    void withoutAMediaPlaneThereIsNothingToShare() {
        FakeConnection host = join("meeting", "h", Role.HOST);
        send(host, "{\"type\":\"shareScreen\",\"on\":true}");
        assertRefused(host, "no-media");
        assertThat(ofType(host, "screenShare")).isEmpty();
    }
}
