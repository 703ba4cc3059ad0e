package dev.plenum.control.http;

import dev.plenum.control.chat.MemoryChatLog;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plenum.control.ControlConfig;
import dev.plenum.control.IceServer;
import dev.plenum.control.metrics.LimitCounters;
import dev.plenum.control.room.RoomDirectory;
import dev.plenum.control.signal.SignalingService;
import dev.plenum.control.signal.SignalingWebSocket;
import dev.plenum.control.tls.PemIdentity;
import dev.plenum.control.tls.TestCertificates;
import dev.plenum.control.token.JoinTokenSigner;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control server speaks HTTPS and WSS with a PEM certificate and key made by the test. */
class ControlServerTlsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<IceServer> ICE = List.of(IceServer.stun("stun:stun.example.org:3478"),
            IceServer.turn("turn:turn.example.org:3478?transport=udp", "ann", "s3cret"));
    @TempDir
    static Path dir;
    private static ScheduledExecutorService timers;
    private static ControlServer server;
    private static HttpClient client;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        TestCertificates.Pair pair = TestCertificates.generate("EC");
        Path[] files = pair.write(dir, true);
        ControlConfig config = ControlConfig.defaults().withPort(0).withIceServers(ICE)
                .withTls(PemIdentity.load(files[0], files[1]));
        Clock clock = Clock.systemUTC();
        JoinTokenSigner signer = JoinTokenSigner.withRandomSecret(clock);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        timers = Executors.newSingleThreadScheduledExecutor();
        SignalingService signaling = new SignalingService(config, signer, new RoomDirectory(10, true), timers,
                System::nanoTime, null, new LimitCounters(metrics), new MemoryChatLog(10), Clock.systemUTC());
        server = new ControlServer(config, signer, new SignalingWebSocket(signaling, config.maxSignalingMessageBytes()),
                metrics, () -> { }, clock);
        client = HttpClient.newBuilder().sslContext(TestCertificates.trusting(pair.certificate()))
                .connectTimeout(Duration.ofSeconds(30)).build();
        base = "https://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
        timers.shutdownNow();
    }

    @Test
    void healthIsServedOverHttps() throws Exception {
        assertThat(server.scheme()).isEqualTo("https");
        HttpResponse<String> res = client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.sslSession()).isPresent();
        assertThat(JSON.readTree(res.body()).get("status").asText()).isEqualTo("up");
    }

    @Test
    void aPlainHttpRequestGetsNoPage() {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int status;
        try {
            status = plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (Exception e) {
            status = -1; // the TLS connector may simply drop a plain-text request
        }
        assertThat(status).isNotEqualTo(200);
    }

    @Test
    void theJoinReplyAndTheWelcomeCarryTheIceServersAndTheSocketWorksOverWss() throws Exception {
        HttpResponse<String> res = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/rooms/secure/join"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ann\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(200);
        JsonNode reply = JSON.readTree(res.body());
        assertThat(reply.get("iceServers")).hasSize(2);
        assertThat(reply.get("iceServers").get(0).get("urls").asText()).isEqualTo("stun:stun.example.org:3478");
        assertThat(reply.get("iceServers").get(0).has("username")).isFalse();
        assertThat(reply.get("iceServers").get(1).get("urls").asText()).isEqualTo("turn:turn.example.org:3478?transport=udp");
        assertThat(reply.get("iceServers").get(1).get("username").asText()).isEqualTo("ann");
        assertThat(reply.get("iceServers").get(1).get("credential").asText()).isEqualTo("s3cret");

        LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
        WebSocket ws = client.newWebSocketBuilder().header("Origin", base)
                .buildAsync(URI.create(base.replace("https", "wss") + "/ws?token=" + reply.get("token").asText()),
                        new WebSocket.Listener() {
                            @Override public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                                try {
                                    inbox.add(JSON.readTree(data.toString()));
                                } catch (Exception e) {
                                    throw new AssertionError(e);
                                }
                                w.request(1);
                                return null;
                            }
                        }).get(5, TimeUnit.SECONDS);
        JsonNode welcome = inbox.poll(5, TimeUnit.SECONDS);
        assertThat(welcome).isNotNull();
        assertThat(welcome.get("type").asText()).isEqualTo("welcome");
        assertThat(welcome.get("iceServers")).isEqualTo(reply.get("iceServers"));
        assertThat(inbox.poll(5, TimeUnit.SECONDS).get("type").asText()).isEqualTo("questions");
        assertThat(inbox.poll(5, TimeUnit.SECONDS).get("type").asText()).isEqualTo("polls");
        assertThat(inbox.poll(5, TimeUnit.SECONDS).get("type").asText()).isEqualTo("slides");
        assertThat(inbox.poll(5, TimeUnit.SECONDS).get("type").asText()).isEqualTo("files");
        assertThat(inbox.poll(5, TimeUnit.SECONDS).get("type").asText()).isEqualTo("lobbyState"); // a host's

        ws.sendText("{\"type\":\"answer\",\"sdp\":\"" + "v=0\\r\\n".repeat(8000) + "\"}", true).get(5, TimeUnit.SECONDS);
        JsonNode error = inbox.poll(5, TimeUnit.SECONDS);
        assertThat(error.get("code").asText()).isEqualTo("too-large");
        assertThat(error.get("field").asText()).isEqualTo("sdp");
        String metrics = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("plenum_limit_refusals_total{limit=\"sdp-size\"} 1.0")
                .contains("plenum_limit_refusals_total{limit=\"tracks-per-participant\"} 0.0");
        ws.sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
    }
}
