package dev.plenum.control.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plenum.control.room.RoomName;
import dev.plenum.control.signal.SignalingServiceTest.FakeConnection;
import dev.plenum.control.token.JoinToken;
import dev.plenum.control.token.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Roles in a planned room, all enforced by the server: a webinar's attendees may not publish; a host invites one to
 * speak, it accepts and becomes a presenter who may; a host demotes it again. Whoever is not a host and tries any
 * of these (or stopping someone's video) is refused, and nothing changes.
 */
class PromotionTest extends PlannedRoomSignaling {

    @Test
    void aWebinarAttendeeIsToldItMayNotPublishAndIsOfferedItsOwnSlotsInactive() throws Exception {
        withMedia();
        FakeConnection host = join("webinar", "h", Role.HOST);
        FakeConnection att = join("webinar", "a", Role.ATTENDEE);

        assertThat(ofType(host, "publishRights")).as("publishing is the default").isEmpty();
        assertThat(ofType(att, "publishRights").getLast().get("mayPublish").asBoolean()).isFalse();
        String offer = ofType(att, "offer").getLast().get("sdp").asText();
        String ownAudio = offer.substring(offer.indexOf("m=audio"), offer.indexOf("m=video"));
        assertThat(ownAudio).contains("a=mid:0").contains("a=inactive");
        assertThat(ofType(host, "offer").getLast().get("sdp").asText()).contains("a=recvonly");
    }

    @Test
    void aMeetingAttendeeMayPublish() {
        join("meeting", "h", Role.HOST);
        FakeConnection att = join("meeting", "a", Role.ATTENDEE);
        assertThat(ofType(att, "publishRights")).isEmpty();
    }

    @Test
    void aHostInvitesAnAttendeeWhoAcceptsAndPresentsThenIsDemoted() {
        FakeConnection host = join("webinar", "h", Role.HOST);
        FakeConnection att = join("webinar", "a", Role.ATTENDEE);
        FakeConnection other = join("webinar", "o", Role.ATTENDEE);

        send(host, "{\"type\":\"promote\",\"participantId\":\"a\"}");
        assertThat(ofType(att, "promotionOffered").getLast().get("by").asText()).isEqualTo("h");
        assertThat(ofType(other, "promotionOffered")).as("only the invited attendee is asked").isEmpty();
        assertThat(roleOf("webinar", "a")).as("nothing changes before the attendee accepts").isEqualTo(Role.ATTENDEE);

        send(att, "{\"type\":\"promotion\",\"accepted\":true}");
        assertThat(roleOf("webinar", "a")).isEqualTo(Role.PRESENTER);
        assertThat(ofType(att, "publishRights").getLast().get("mayPublish").asBoolean()).isTrue();
        for (FakeConnection c : List.of(host, att, other)) {
            JsonNode changed = ofType(c, "roleChanged").getLast();
            assertThat(changed.get("participantId").asText()).isEqualTo("a");
            assertThat(changed.get("role").asText()).isEqualTo("presenter");
        }
        send(att, "{\"type\":\"promotion\",\"accepted\":true}");
        assertRefused(att, "forbidden"); // an invitation is answered once

        send(host, "{\"type\":\"demote\",\"participantId\":\"a\"}");
        assertThat(roleOf("webinar", "a")).isEqualTo(Role.ATTENDEE);
        assertThat(ofType(att, "publishRights").getLast().get("mayPublish").asBoolean()).isFalse();
        assertThat(ofType(other, "roleChanged").getLast().get("role").asText()).isEqualTo("attendee");
    }

    @Test
    void aDeclinedInvitationTellsTheHostsAndChangesNothing() {
        FakeConnection host = join("webinar", "h", Role.HOST);
        FakeConnection att = join("webinar", "a", Role.ATTENDEE);
        send(host, "{\"type\":\"promote\",\"participantId\":\"a\"}");
        send(att, "{\"type\":\"promotion\",\"accepted\":false}");
        assertThat(ofType(host, "promotionDeclined").getLast().get("participantId").asText()).isEqualTo("a");
        assertThat(roleOf("webinar", "a")).isEqualTo(Role.ATTENDEE);
        assertThat(ofType(att, "roleChanged")).isEmpty();
    }

    @Test
    void anAttendeeCannotPromoteDemoteAcceptUninvitedOrStopSomeonesVideo() {
        FakeConnection host = join("webinar", "h", Role.HOST);
        FakeConnection att = join("webinar", "a", Role.ATTENDEE);
        FakeConnection other = join("webinar", "o", Role.ATTENDEE);
        send(host, "{\"type\":\"promote\",\"participantId\":\"o\"}");
        send(other, "{\"type\":\"promotion\",\"accepted\":true}");
        int hostMessages = host.received.size();

        send(att, "{\"type\":\"promote\",\"participantId\":\"a\"}");
        assertRefused(att, "forbidden");
        send(att, "{\"type\":\"promotion\",\"accepted\":true}");
        assertRefused(att, "forbidden");
        send(att, "{\"type\":\"demote\",\"participantId\":\"o\"}");
        assertRefused(att, "forbidden");
        send(att, "{\"type\":\"muteParticipant\",\"participantId\":\"o\",\"kind\":\"video\"}");
        assertRefused(att, "forbidden");

        assertThat(roleOf("webinar", "a")).isEqualTo(Role.ATTENDEE);
        assertThat(roleOf("webinar", "o")).isEqualTo(Role.PRESENTER);
        assertThat(rooms.find(new RoomName("webinar")).orElseThrow().participant("o").orElseThrow().videoMuted()).isFalse();
        assertThat(ofType(other, "mutedByHost")).isEmpty();
        assertThat(host.received).as("the host heard of none of it").hasSize(hostMessages);
    }

    @Test
    void aPresenterHasNoHostRightsEither() {
        FakeConnection host = join("webinar", "h", Role.HOST);
        FakeConnection presenter = join("webinar", "p", Role.PRESENTER);
        join("webinar", "a", Role.ATTENDEE);
        send(presenter, "{\"type\":\"promote\",\"participantId\":\"a\"}");
        assertRefused(presenter, "forbidden");
        send(presenter, "{\"type\":\"demote\",\"participantId\":\"p\"}");
        assertRefused(presenter, "forbidden");
        assertThat(roleOf("webinar", "a")).isEqualTo(Role.ATTENDEE);
        assertThat(roleOf("webinar", "p")).isEqualTo(Role.PRESENTER);
        assertThat(ofType(host, "roleChanged")).isEmpty();
    }

    @Test
    void aHostStopsSomeonesVideo() {
        FakeConnection host = join("webinar", "h", Role.HOST);
        FakeConnection presenter = join("webinar", "p", Role.PRESENTER);
        send(host, "{\"type\":\"muteParticipant\",\"participantId\":\"p\",\"kind\":\"video\"}");
        assertThat(ofType(presenter, "mutedByHost").getLast().get("kind").asText()).isEqualTo("video");
        assertThat(rooms.find(new RoomName("webinar")).orElseThrow().participant("p").orElseThrow().videoMuted()).isTrue();
    }

    @Test
    void onlyAttendeesAreInvitedAndHostsAreNotDemoted() {
        FakeConnection host = join("webinar", "h", Role.HOST);
        join("webinar", "k", Role.HOST);
        join("webinar", "p", Role.PRESENTER);
        send(host, "{\"type\":\"promote\",\"participantId\":\"p\"}");
        assertRefused(host, "invalid-field");
        send(host, "{\"type\":\"demote\",\"participantId\":\"k\"}");
        assertRefused(host, "invalid-field");
        send(host, "{\"type\":\"promote\",\"participantId\":\"nobody\"}");
        assertRefused(host, "not-found");
        assertThat(roleOf("webinar", "k")).isEqualTo(Role.HOST);
    }

    @Test
    void aPromotionOutlivesAReconnect() {
        FakeConnection host = join("webinar", "h", Role.HOST);
        FakeConnection att = join("webinar", "a", Role.ATTENDEE);
        send(host, "{\"type\":\"promote\",\"participantId\":\"a\"}");
        send(att, "{\"type\":\"promotion\",\"accepted\":true}");
        String resume = att.received.getFirst().get("resumeToken").asText();
        service.onClose(att, 1006);

        FakeConnection again = new FakeConnection();
        assertThat(service.open(again, null, resume)).isEmpty();
        assertThat(again.received.getFirst().get("role").asText()).isEqualTo("presenter");
        assertThat(ofType(again, "publishRights")).as("a presenter publishes: nothing to say").isEmpty();
        send(again, "{\"type\":\"promote\",\"participantId\":\"h\"}");
        assertRefused(again, "forbidden");
    }

    @Test
    void aFreeNameIsNoRoomWithoutAdHocRoomsButAConferencesRoomIs() {
        FakeConnection c = new FakeConnection();
        String token = signer.sign(new JoinToken("free", "x", "X", Role.HOST, clock.instant().plusSeconds(60)));
        assertThat(service.open(c, token, null)).hasValueSatisfying(r -> assertThat(r.closeCode()).isEqualTo(4404));
        join("meeting", "y", Role.ATTENDEE);
    }

    @Test
    void aConferenceWithItsLobbyOnMakesAttendeesWaitAndLetsHostsIn() {
        FakeConnection host = join("waiting-room", "h", Role.HOST);
        FakeConnection att = new FakeConnection();
        String token = signer.sign(new JoinToken("waiting-room", "a", "A", Role.ATTENDEE, clock.instant().plusSeconds(60)));
        assertThat(service.open(att, token, null)).isEmpty();
        assertThat(att.types()).containsExactly("lobby");
        assertThat(ofType(host, "lobbyState").getLast().get("enabled").asBoolean()).isTrue();
        assertThat(ofType(host, "lobbyState").getLast().get("waiting")).hasSize(1);
    }
}
