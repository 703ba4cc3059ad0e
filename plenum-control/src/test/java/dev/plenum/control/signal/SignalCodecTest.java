package dev.plenum.control.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignalCodecTest {
    private final SignalCodec codec = new SignalCodec();

    @Test
    void decodesEachMessageType() throws SignalException {
        assertThat(codec.decode("{\"type\":\"leave\"}")).isEqualTo(new ClientMessage.Leave());
        assertThat(codec.decode("{\"type\":\"ping\"}")).isEqualTo(new ClientMessage.Ping());
        assertThat(codec.decode("{\"type\":\"mute\",\"kind\":\"audio\",\"muted\":true}"))
                .isEqualTo(new ClientMessage.Mute("audio", true));
        assertThat(codec.decode("{\"type\":\"hand\",\"raised\":true}")).isEqualTo(new ClientMessage.Hand(true, null));
        assertThat(codec.decode("{\"type\":\"audioOnly\",\"on\":true}")).isEqualTo(new ClientMessage.AudioOnly(true));
        assertThat(codec.decode("{\"type\":\"tileSizes\",\"tiles\":[{\"participantId\":\"b\",\"width\":640,\"height\":360},"
                + "{\"participantId\":\"c\",\"width\":0,\"height\":0},"
                + "{\"participantId\":\"b\",\"source\":\"screen\",\"width\":1280,\"height\":720}]}"))
                .isEqualTo(new ClientMessage.TileSizes(java.util.List.of(new ClientMessage.TileSize("b", false, 640, 360),
                        new ClientMessage.TileSize("c", false, 0, 0), new ClientMessage.TileSize("b", true, 1280, 720))));
        assertThat(codec.decode("{\"type\":\"shareScreen\",\"on\":true}")).isEqualTo(new ClientMessage.ShareScreen(true));
        assertThat(codec.decode("{\"type\":\"hand\",\"raised\":false,\"participantId\":\"b\"}"))
                .isEqualTo(new ClientMessage.Hand(false, "b"));
        assertThat(codec.decode("{\"type\":\"reaction\",\"reaction\":\"clap\"}"))
                .isEqualTo(new ClientMessage.React(dev.plenum.control.room.Reaction.CLAP));
        assertThat(codec.decode("{\"type\":\"chat\",\"text\":\" line one\\nline two \"}"))
                .isEqualTo(new ClientMessage.Chat("line one\nline two", new dev.plenum.control.chat.ChatAudience.Everyone()));
        assertThat(codec.decode("{\"type\":\"chat\",\"text\":\"x\",\"to\":\"hosts\"}"))
                .isEqualTo(new ClientMessage.Chat("x", new dev.plenum.control.chat.ChatAudience.Hosts()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json|malformed|",
            "[1,2]|malformed|",
            "{}|invalid-field|type",
            "{\"type\":7}|invalid-field|type",
            "{\"type\":\"dance\"}|unknown-type|type",
            "{\"type\":\"mute\",\"kind\":\"smell\",\"muted\":true}|invalid-field|kind",
            "{\"type\":\"mute\",\"kind\":\"video\",\"muted\":\"yes\"}|invalid-field|muted",
            "{\"type\":\"hand\"}|invalid-field|raised",
            "{\"type\":\"shareScreen\"}|invalid-field|on",
            "{\"type\":\"shareScreen\",\"on\":\"yes\"}|invalid-field|on",
            "{\"type\":\"tileSizes\",\"tiles\":[{\"participantId\":\"b\",\"source\":\"window\",\"width\":1,\"height\":1}]}|invalid-field|source",
            "{\"type\":\"hand\",\"raised\":true,\"participantId\":5}|invalid-field|participantId",
            "{\"type\":\"reaction\",\"reaction\":\"<script>\"}|invalid-field|reaction",
            "{\"type\":\"reaction\"}|invalid-field|reaction",
            "{\"type\":\"chat\"}|invalid-field|text",
            "{\"type\":\"audioOnly\"}|invalid-field|on",
            "{\"type\":\"tileSizes\"}|invalid-field|tiles",
            "{\"type\":\"tileSizes\",\"tiles\":[7]}|invalid-field|tiles",
            "{\"type\":\"tileSizes\",\"tiles\":[{\"width\":1,\"height\":1}]}|invalid-field|participantId",
            "{\"type\":\"tileSizes\",\"tiles\":[{\"participantId\":\"b\",\"width\":-1,\"height\":1}]}|invalid-field|width",
            "{\"type\":\"tileSizes\",\"tiles\":[{\"participantId\":\"b\",\"width\":1,\"height\":99999}]}|invalid-field|height",
            "{\"type\":\"tileSizes\",\"tiles\":[{\"participantId\":\"b\",\"width\":1.5,\"height\":1}]}|invalid-field|width",
            "{\"type\":\"ask\",\"text\":\"\"}|invalid-field|text",
            "{\"type\":\"createPoll\",\"question\":\"q\",\"options\":[\"only one\"]}|invalid-field|options",
            "{\"type\":\"createPoll\",\"question\":\"q\",\"options\":[\"a\",7]}|invalid-field|options",
            "{\"type\":\"createPoll\",\"options\":[\"a\",\"b\"]}|invalid-field|question",
            "{\"type\":\"vote\",\"pollId\":1,\"choices\":[]}|invalid-field|choices",
            "{\"type\":\"vote\",\"pollId\":1,\"choices\":[\"0\"]}|invalid-field|choices",
            "{\"type\":\"upvote\",\"questionId\":\"7\"}|invalid-field|questionId",
            "{\"type\":\"upvote\",\"questionId\":-1}|invalid-field|questionId",
            "{\"type\":\"upvote\",\"questionId\":1.5}|invalid-field|questionId",
            "{\"type\":\"questionStatus\",\"questionId\":1,\"status\":\"gone\"}|invalid-field|status",
            "{\"type\":\"chat\",\"text\":\" \"}|invalid-field|text",
            "{\"type\":\"chat\",\"text\":\"hi\",\"to\":[]}|invalid-field|to",
    })
    void badMessagesNameTheirField(String text, String code, String field) {
        assertThatThrownBy(() -> codec.decode(text)).isInstanceOfSatisfying(SignalException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.field()).isEqualTo(field);
        });
    }

    @Test
    void deeplyNestedJsonIsRefused() {
        String deep = "{\"type\":\"ping\",\"x\":" + "[".repeat(1000) + "]".repeat(1000) + "}";
        assertThatThrownBy(() -> codec.decode(deep)).isInstanceOf(SignalException.class);
    }

    @Test
    void randomTextNeverEscapesAsAnythingButSignalException() {
        Random random = new Random(20261124);
        String alphabet = "{}[]\":,typeleavmuk0123456789 \\tnfrsl";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(60);
            for (int j = 0; j < n; j++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            decodeOrSignalException(sb.toString());
        }
    }

    @FuzzTest(maxDuration = "10s")
    void fuzzDecode(byte[] input) {
        decodeOrSignalException(new String(input, StandardCharsets.UTF_8));
    }

    private void decodeOrSignalException(String text) {
        try {
            assertThat(codec.decode(text)).isNotNull();
        } catch (SignalException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
