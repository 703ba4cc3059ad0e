package dev.plenum.control.signal;

import io.javalin.config.JavalinConfig;
import io.javalin.websocket.WsContext;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds {@link SignalingService} to the {@code /ws} WebSocket. The page must come from this server: the Origin
 * header's host and port must equal the Host header (browsers send both; a foreign page cannot forge them).
 */
public final class SignalingWebSocket {
    public static final String PATH = "/ws";
    private static final Logger log = LoggerFactory.getLogger(SignalingWebSocket.class);
    /** Names the browser (set by the join API), so a participant a host removed cannot come back with a new name. */
    public static final String BROWSER_COOKIE = "plenum_browser";
    private final SignalingService service;
    private final int maxMessageBytes;
    private final Map<String, Adapter> bySessionId = new ConcurrentHashMap<>();

    private record Adapter(WsContext ctx) implements SignalingConnection {
        @Override public void send(String json) {
            if (ctx.session.isOpen()) ctx.send(json);
        }

        @Override public void close(int statusCode, String reason) {
            if (ctx.session.isOpen()) ctx.closeSession(statusCode, reason);
        }
    }

    public SignalingWebSocket(SignalingService service, int maxMessageBytes) {
        this.service = service;
        this.maxMessageBytes = maxMessageBytes;
    }

    public void register(JavalinConfig config) {
        config.jetty.modifyWebSocketServletFactory(f -> f.setMaxTextMessageSize(maxMessageBytes * 2L));
        config.routes.ws(PATH, ws -> {
            ws.onConnect(ctx -> {
                ctx.session.setIdleTimeout(java.time.Duration.ofSeconds(60));
                Adapter adapter = new Adapter(ctx);
                if (!sameOrigin(ctx.header("Origin"), ctx.header("Host"))) {
                    adapter.close(4403, "origin not allowed");
                    return;
                }
                bySessionId.put(ctx.sessionId(), adapter);
                service.open(adapter, ctx.queryParam("token"), ctx.queryParam("resume"), ctx.cookie(BROWSER_COOKIE))
                        .ifPresent(refusal -> {
                            bySessionId.remove(ctx.sessionId());
                            adapter.close(refusal.closeCode(), refusal.reason());
                        });
            });
            ws.onMessage(ctx -> {
                Adapter adapter = bySessionId.get(ctx.sessionId());
                if (adapter != null) service.onText(adapter, ctx.message());
            });
            ws.onError(ctx -> log.warn("signaling connection failed", ctx.error()));
            ws.onClose(ctx -> {
                Adapter adapter = bySessionId.remove(ctx.sessionId());
                if (adapter != null) service.onClose(adapter, ctx.status());
            });
        });
    }

    static boolean sameOrigin(String origin, String host) {
        if (origin == null || host == null) return false;
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) return false;
            int port = uri.getPort() != -1 ? uri.getPort() : (uri.getScheme().equals("https") ? 443 : 80);
            String expected = uri.getHost() + ":" + port;
            String hostWithPort = host.contains(":") && !host.endsWith("]") ? host
                    : host + ":" + (uri.getScheme().equals("https") ? 443 : 80);
            return expected.equalsIgnoreCase(hostWithPort);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
