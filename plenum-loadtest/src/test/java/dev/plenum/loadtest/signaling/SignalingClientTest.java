package dev.plenum.loadtest.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A participant in a big room reads the type of each server message without parsing the rest. */
class SignalingClientTest {

    @Test
    void theTypeIsReadFromTheFrontOfAServerMessage() {
        assertThat(SignalingClient.typeOf("{\"type\":\"participantJoined\",\"participant\":{\"id\":\"a\"}}"))
                .isEqualTo("participantJoined");
        assertThat(SignalingClient.typeOf("{\"type\":\"pong\"}")).isEqualTo("pong");
    }

    @Test
    void aMessageOfAnotherShapeIsLeftToTheParser() {
        assertThat(SignalingClient.typeOf("{\"sdp\":\"v=0\",\"type\":\"offer\"}")).isNull();
        assertThat(SignalingClient.typeOf("{ \"type\": \"chat\"}")).isNull();
        assertThat(SignalingClient.typeOf("{\"type\":\"unterminated")).isNull();
        assertThat(SignalingClient.typeOf("")).isNull();
    }
}
