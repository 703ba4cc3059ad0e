package dev.plenum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plenum.control.ControlConfig;
import dev.plenum.media.transport.MediaTransportConfig;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Joining and leaving, over the public HTTP API and signaling WebSocket, leaves nothing behind. */
class JoinLeaveCyclesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static PlenumNode node;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        node = new PlenumNode(ControlConfig.defaults().withPort(0), MediaTransportConfig.defaults().withPorts(0, 0));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static final class Inbox implements WebSocket.Listener {
        final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        JsonNode next() throws InterruptedException {
            JsonNode n = messages.poll(5, TimeUnit.SECONDS);
            assertThat(n).as("a message within 5 s").isNotNull();
            return n;
        }
    }

    private record Joined(WebSocket socket, Inbox inbox) {}

    private static Joined join(String room, String name, String origin) throws Exception {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(node.url() + "/api/v1/rooms/" + room + "/join"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(200);
        String token = JSON.readTree(res.body()).get("token").asText();
        Inbox inbox = new Inbox();
        WebSocket ws = http.newWebSocketBuilder().header("Origin", origin)
                .buildAsync(URI.create(node.url().replace("http", "ws") + "/ws?token=" + token), inbox).get(5, TimeUnit.SECONDS);
        return new Joined(ws, inbox);
    }

    @Test
    void aForeignOriginIsRefused() throws Exception {
        Joined j = join("origin-check", "Eve", "http://evil.example");
        assertThat(j.inbox().closed.get(5, TimeUnit.SECONDS)).isEqualTo(4403);
    }

    @Test
    void threadsAndHeapReturnToTheirStartingLevelAfterAHundredJoinLeaveCycles() throws Exception {
        Joined host = join("cycles", "Host", node.url());
        assertThat(host.inbox().next().get("type").asText()).isEqualTo("welcome");
        cycle(host, 10); // warm up: JIT, Jetty's pools, virtual-thread carriers
        long threadsBefore = liveThreads();
        long heapBefore = usedHeapAfterGc();

        cycle(host, 100);

        assertThat(liveThreads()).isLessThanOrEqualTo(threadsBefore + 2);
        assertThat(usedHeapAfterGc()).isLessThan(heapBefore + 8L * 1024 * 1024);
        host.socket().sendClose(1000, "bye").get(5, TimeUnit.SECONDS);
    }

    private void cycle(Joined host, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            // A page pings every second; a connection silent for 4 s is taken for a network drop (docs/signaling.md).
            host.socket().sendText("{\"type\":\"ping\"}", true).get(5, TimeUnit.SECONDS);
            Joined guest = join("cycles", "Guest " + i, node.url());
            assertThat(guest.inbox().next().get("type").asText()).isEqualTo("welcome");
            guest.socket().sendText("{\"type\":\"leave\"}", true).get(5, TimeUnit.SECONDS);
            assertThat(guest.inbox().closed.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
            guest.socket().abort();
        }
    }

    private static long liveThreads() throws InterruptedException {
        Thread.sleep(500);
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
