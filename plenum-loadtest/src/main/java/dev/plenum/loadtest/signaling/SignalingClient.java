package dev.plenum.loadtest.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plenum.loadtest.measure.RoomEventDelays;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A participant's signaling, exactly as the web client does it (docs/signaling.md): {@code POST
 * /api/v1/rooms/{room}/join} for a token, then the WebSocket {@code /ws?token=...} with an {@code Origin} naming
 * the server. Messages are JSON text frames; outgoing ones are chained so at most one send is pending (the
 * {@link WebSocket} contract).
 */
public final class SignalingClient implements WebSocket.Listener {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the participant hears; called on the HTTP client's threads, one message at a time. */
    public interface Events {
        /** The server let this participant in; {@code arrivalNanos} is {@link System#nanoTime()} on receipt. */
        default void onWelcome(long arrivalNanos) {}

        void onOffer(String sdp);

        void onServerError(String code, String message);

        void onClosed(int statusCode, String reason);
    }

    /** The join answer (docs/signaling.md step 1). */
    public record Joined(String token, String participantId, String signalingPath) {}

    /** The server answered the join with an error status; the message is the server's. */
    public static final class JoinRefused extends IOException {
        public JoinRefused(String message) { super(message); }
    }

    private final Events events;
    private final RoomEventDelays delays;
    private final StringBuilder partial = new StringBuilder();
    private CompletableFuture<WebSocket> sending;
    private volatile WebSocket socket;
    private volatile Joined joined;

    /** Step 1: asks to join {@code room} as {@code name}. */
    public static CompletableFuture<Joined> join(HttpClient http, URI server, String room, String name) {
        ObjectNode body = JSON.createObjectNode().put("name", name);
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/api/v1/rooms/" + room + "/join"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(res -> {
            JsonNode json = readTree(res.body());
            if (res.statusCode() != 200) {
                String message = json != null && json.hasNonNull("message") ? json.get("message").asText() : res.body();
                throw new java.util.concurrent.CompletionException(new JoinRefused(
                        "join refused with HTTP " + res.statusCode() + ": " + message));
            }
            if (json == null || !json.hasNonNull("token")) {
                throw new java.util.concurrent.CompletionException(new JoinRefused("join answer has no token"));
            }
            return new Joined(json.get("token").asText(), json.path("participantId").asText(""),
                    json.path("signaling").asText("/ws"));
        });
    }

    /** @param delays where announced chat messages and polls this participant receives are timed */
    public SignalingClient(Events events, RoomEventDelays delays) {
        this.events = events;
        this.delays = delays;
    }

    /** Step 2: opens the signaling WebSocket with the token; messages flow to the events from then on. */
    public CompletableFuture<SignalingClient> open(HttpClient http, URI server, Joined joined) {
        String scheme = server.getScheme().equals("https") ? "wss" : "ws";
        URI ws = URI.create(scheme + "://" + server.getRawAuthority() + joined.signalingPath() + "?token=" + joined.token());
        String origin = server.getScheme() + "://" + server.getRawAuthority();
        this.joined = joined;
        return http.newWebSocketBuilder().header("Origin", origin).connectTimeout(Duration.ofSeconds(10))
                .buildAsync(ws, this).thenApply(socket -> this);
    }

    /** Called before any message: from here on the client can send (answers go out from the offer callback). */
    @Override
    public void onOpen(WebSocket ws) {
        socket = ws;
        synchronized (this) {
            sending = CompletableFuture.completedFuture(ws);
        }
        ws.request(1);
    }

    private static JsonNode readTree(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    public void sendAnswer(String sdp) {
        send(JSON.createObjectNode().put("type", "answer").put("sdp", sdp).toString());
    }

    /**
     * Reports every camera in {@code participantIds} shown at {@code width}×{@code height} ({@code tileSizes},
     * docs/signaling.md), which chooses the simulcast layer the SFU sends.
     */
    public void sendTileSizes(java.util.List<String> participantIds, int width, int height) {
        ObjectNode message = JSON.createObjectNode().put("type", "tileSizes");
        var tiles = message.putArray("tiles");
        for (String id : participantIds) tiles.addObject().put("participantId", id).put("width", width).put("height", height);
        send(message.toString());
    }

    public void sendPing() {
        send("{\"type\":\"ping\"}");
    }

    /** Leaves the room: the others are told at once, the server closes with 1000. */
    public void leave() {
        send("{\"type\":\"leave\"}");
    }

    /** Queues a text frame after the pending ones; nothing before the socket is open. */
    public synchronized void send(String text) {
        if (sending == null) return;
        sending = sending.thenCompose(ws -> ws.sendText(text, true)).exceptionally(e -> socket);
    }

    /** Closes the socket without waiting for the server. */
    public void abort() {
        WebSocket ws = socket;
        if (ws != null) ws.abort();
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            dispatch(text);
        }
        ws.request(1);
        return null;
    }

    private void dispatch(String text) {
        long arrival = System.nanoTime();
        // Most of what a participant hears in a big room is others joining, leaving and pinging; the server writes
        // "type" first, so those are passed over without parsing (a 1000-person room is a million such messages).
        String type = typeOf(text);
        if (type != null && !type.equals("welcome") && !type.equals("offer") && !type.equals("chat")
                && !type.equals("poll") && !type.equals("slides") && !type.equals("error")) {
            return;
        }
        JsonNode message = readTree(text);
        if (message == null) return;
        switch (message.path("type").asText()) {
            case "welcome" -> events.onWelcome(arrival);
            case "offer" -> events.onOffer(message.path("sdp").asText());
            case "chat" -> delays.received(RoomEventDelays.Kind.CHAT, message.path("text").asText(null), arrival);
            // No simulated participant votes or closes a poll, so each poll message is a poll's start.
            case "poll" -> delays.received(RoomEventDelays.Kind.POLL, message.path("poll").path("question").asText(null), arrival);
            case "slides" -> {
                if (message.path("fileId").canConvertToLong()) {
                    delays.pageShown(message.path("fileId").asLong(), message.path("page").asInt(), arrival);
                }
            }
            case "error" -> events.onServerError(message.path("code").asText(), message.path("message").asText());
            default -> { } // participant events, pong: nothing to do for load
        }
    }

    /** The message's type when it opens with {@code {"type":"...",}, else null (then the whole message is parsed). */
    static String typeOf(String text) {
        String prefix = "{\"type\":\"";
        if (!text.startsWith(prefix)) return null;
        int end = text.indexOf('"', prefix.length());
        return end < 0 ? null : text.substring(prefix.length(), end);
    }

    /** Writes an announced, timed chat message to everyone in the room. */
    public void announceChat(long nowNanos) {
        send(JSON.createObjectNode().put("type", "chat").put("text", RoomEventDelays.stamp(nowNanos)).toString());
    }

    /**
     * Uploads a PDF to the room (as a host, which ad-hoc rooms make everyone) and shows it; completes with the file's
     * id once the server has rendered it and the show is asked for.
     */
    public CompletableFuture<Long> present(HttpClient http, URI server, String room, byte[] pdf) {
        Joined j = joined;
        if (j == null) return CompletableFuture.failedFuture(new IllegalStateException("not joined"));
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/api/v1/rooms/" + room + "/files?name=loadtest.pdf"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + j.token())
                .header("Content-Type", "application/pdf").POST(HttpRequest.BodyPublishers.ofByteArray(pdf)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(res -> {
            JsonNode json = readTree(res.body());
            if (res.statusCode() != 201 || json == null || !json.path("id").canConvertToLong()) {
                throw new java.util.concurrent.CompletionException(new IOException(
                        "the slides upload was refused with HTTP " + res.statusCode() + ": " + res.body()));
            }
            long id = json.get("id").asLong();
            send(JSON.createObjectNode().put("type", "presentFile").put("fileId", id).toString());
            return id;
        });
    }

    /** Turns the shown PDF to {@code page}. */
    public void turnPage(int page) {
        send(JSON.createObjectNode().put("type", "turnPage").put("page", page).toString());
    }

    /** Starts an announced, timed poll (the ad-hoc rooms the load tester uses make everyone a host). */
    public void announcePoll(long nowNanos) {
        ObjectNode poll = JSON.createObjectNode().put("type", "createPoll").put("question", RoomEventDelays.stamp(nowNanos));
        poll.putArray("options").add("yes").add("no");
        send(poll.toString());
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        events.onClosed(statusCode, reason);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        events.onClosed(1006, String.valueOf(error.getMessage()));
    }
}
