package dev.plenum.control.signal;

import dev.plenum.control.metrics.LimitCounters;
import dev.plenum.control.chat.MemoryChatLog;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.plenum.control.ControlConfig;
import dev.plenum.control.room.RoomDirectory;
import dev.plenum.control.signal.SignalingServiceTest.FakeConnection;
import dev.plenum.control.token.JoinToken;
import dev.plenum.control.token.JoinTokenSigner;
import dev.plenum.control.token.Role;
import dev.plenum.media.session.MediaNode;
import dev.plenum.media.transport.MediaTransportConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A browser's answer reaches the real media plane through signaling: one without BUNDLE, rtcp-mux or a DTLS
 * fingerprint gets an {@code invalid-sdp} error naming what is missing, the offer stays open, and a good answer
 * to it is then accepted.
 */
class AnswerOverSignalingTest {
    private final Clock clock = Clock.systemUTC();
    private final JoinTokenSigner signer = JoinTokenSigner.withRandomSecret(clock);
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private MediaNode media;
    private SignalingService service;

    @BeforeEach
    void start() throws Exception {
        media = new MediaNode(MediaTransportConfig.defaults().withBindAddress(InetAddress.ofLiteral("127.0.0.1"))
                .withPorts(0, 0), new SimpleMeterRegistry());
        ControlConfig config = ControlConfig.defaults();
        service = new SignalingService(config, signer, new RoomDirectory(10, true), timers, System::nanoTime, media,
                new LimitCounters(new SimpleMeterRegistry()), new MemoryChatLog(10), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        media.close();
        timers.shutdownNow();
    }

    private FakeConnection joinAndAwaitOffer(String id) throws InterruptedException {
        FakeConnection c = new FakeConnection();
        assertThat(service.open(c, signer.sign(new JoinToken("r", id, id, Role.HOST, clock.instant().plusSeconds(60))), null))
                .isEmpty();
        for (int i = 0; i < 50 && !c.types().contains("offer"); i++) Thread.sleep(20);
        assertThat(c.types()).contains("offer");
        return c;
    }

    private JsonNode answerWith(FakeConnection c, UnaryOperator<String> mutation) {
        int before = c.received.size();
        service.onText(c, JsonNodeFactory.instance.objectNode().put("type", "answer")
                .put("sdp", mutation.apply(SignalingLimitsTest.CHROME_ANSWER)).toString());
        return c.received.size() > before ? c.last() : null;
    }

    @Test
    void answersWithoutBundleRtcpMuxOrFingerprintAreRefusedByNameThenAGoodOneIsAccepted() throws Exception {
        FakeConnection ann = joinAndAwaitOffer("ann");

        JsonNode noBundle = answerWith(ann, s -> s.replace("a=group:BUNDLE 0 1\r\n", ""));
        assertThat(noBundle.get("code").asText()).isEqualTo("invalid-sdp");
        assertThat(noBundle.get("field").asText()).isEqualTo("sdp");
        assertThat(noBundle.get("message").asText()).contains("no a=group:BUNDLE");

        JsonNode noMux = answerWith(ann, s -> s.replaceFirst("a=rtcp-mux\r\n", ""));
        assertThat(noMux.get("message").asText()).contains("lacks a=rtcp-mux");

        JsonNode noDtls = answerWith(ann, s -> s.replaceAll("a=fingerprint:[^\r]*\r\n", ""));
        assertThat(noDtls.get("message").asText()).contains("no a=fingerprint");

        assertThat(answerWith(ann, UnaryOperator.identity())).as("no error for a good answer").isNull();
    }
}
