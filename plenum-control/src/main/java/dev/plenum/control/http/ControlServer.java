package dev.plenum.control.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plenum.control.ControlConfig;
import dev.plenum.control.conference.RoomAccess;
import dev.plenum.control.room.RoomName;
import dev.plenum.control.signal.SignalingWebSocket;
import dev.plenum.control.token.JoinTokenSigner;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import java.time.Clock;
import java.util.Map;

/**
 * The control role's HTTP server (Javalin on Jetty, a virtual thread per request), HTTPS and WSS when the
 * configuration carries a TLS identity. Routes, in order of lookup:
 * <ol>
 *   <li>{@code /static/*}: the web client's files from the classpath ({@code dev/plenum/web});
 *   <li>{@code /health}, {@code /metrics} (Prometheus text format);
 *   <li>{@code POST /api/v1/rooms/{room}/join}: a signed join token; {@code GET /api/v1/rooms/{room}}: what the
 *       pre-join page may know of the room (webinar or not, its access rule, the visitor's role);
 *   <li>the REST API's {@link ApiRoutes} ({@code /api/v1/...}: organisations, conferences, the OpenAPI document);
 *   <li>{@code /ws}: the signaling WebSocket;
 *   <li>{@code /} and {@code /{room}}: the web client's page (reserved names are not rooms).
 * </ol>
 */
public final class ControlServer implements AutoCloseable {
    public static final String WEB_ROOT = "/dev/plenum/web";
    private final Javalin app;
    private final boolean tls;

    public ControlServer(ControlConfig config, JoinTokenSigner signer, SignalingWebSocket signaling,
                         PrometheusMeterRegistry metrics, Runnable beforeScrape, Clock clock) {
        this(config, signer, signaling, metrics, beforeScrape, clock, ApiRoutes.NONE);
    }

    public ControlServer(ControlConfig config, JoinTokenSigner signer, SignalingWebSocket signaling,
                         PrometheusMeterRegistry metrics, Runnable beforeScrape, Clock clock, ApiRoutes api) {
        this(config, signer, signaling, metrics, beforeScrape, clock, api, RoomAccess.AD_HOC);
    }

    /** @param access who may join a planned room, and as what (see {@link JoinApi}) */
    public ControlServer(ControlConfig config, JoinTokenSigner signer, SignalingWebSocket signaling,
                         PrometheusMeterRegistry metrics, Runnable beforeScrape, Clock clock, ApiRoutes api,
                         RoomAccess access) {
        tls = config.tls() != null;
        ObjectMapper json = new ObjectMapper();
        JoinApi joinApi = new JoinApi(json, signer, config, clock, access);
        byte[] page = readResource(WEB_ROOT + "/index.html");
        app = Javalin.create(c -> {
            c.concurrency.useVirtualThreads = true;
            c.startup.showJavalinBanner = false;
            c.http.maxRequestSize = 16 * 1024;
            c.jetty.modifyHttpConfiguration(ControlServer::noHeaderCache);
            c.staticFiles.add(s -> {
                s.hostedPath = "/static";
                s.directory = WEB_ROOT;
                s.location = Location.CLASSPATH;
                s.headers = Map.of("Cache-Control", "no-cache");
            });
            if (config.tls() != null) c.jetty.addConnector((server, http) -> tlsConnector(server, http, config));
            signaling.register(c);
            c.routes.before(ctx -> {
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Referrer-Policy", "no-referrer");
            });
            c.routes.get("/health", ctx -> ctx.json(Map.of("status", "up")));
            c.routes.get("/metrics", ctx -> { beforeScrape.run(); ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()); });
            c.routes.post("/api/v1/rooms/{room}/join", joinApi::handle);
            c.routes.get("/api/v1/rooms/{room}", joinApi::outline);
            api.register(c.routes);
            c.routes.get("/", ctx -> servePage(ctx, page));
            c.routes.get("/{room}", ctx -> {
                if (RoomName.parse(ctx.pathParam("room")).isEmpty()) {
                    ctx.status(404).json(ApiError.field("room", "no room can have this name"));
                } else {
                    servePage(ctx, page);
                }
            });
            c.routes.error(404, "application/json", ctx -> {
                if (ctx.result() == null) ctx.json(ApiError.of("not-found", "nothing here"));
            });
        });
        app.start(config.host(), config.port());
    }

    /**
     * An HTTPS connector in place of Javalin's plain one (Javalin adds its own only when none is configured). SNI host
     * checking is off: browsers send no SNI for an IP address, and a self-signed certificate is trusted by exception.
     */
    private static Connector tlsConnector(Server server, HttpConfiguration http, ControlConfig config) {
        char[] password = Long.toHexString(new SecureRandom().nextLong()).toCharArray(); // guards nothing: in memory only
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(config.tls().keyStore("plenum", password));
        ssl.setKeyStorePassword(new String(password));
        ssl.setKeyManagerPassword(new String(password));
        noHeaderCache(http);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        http.setSecureScheme("https");
        ServerConnector connector = new ServerConnector(server,
                new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        return connector;
    }

    /**
     * Jetty keeps a trie of recently seen header lines per connection (about 36 KiB once built), and an upgraded
     * connection stays referenced for as long as its WebSocket is open (the upgrade request is kept with it): the
     * largest memory cost of a participant's signaling. This server sees a few requests per connection, so parsing
     * every header line afresh costs nothing measurable.
     */
    private static void noHeaderCache(HttpConfiguration http) {
        http.setHeaderCacheSize(0);
    }

    private static void servePage(Context ctx, byte[] page) {
        ctx.header("Cache-Control", "no-cache");
        ctx.header("Content-Security-Policy", "default-src 'self'; connect-src 'self'; img-src 'self' data:; "
                + "media-src 'self' blob:; style-src 'self'; script-src 'self'; frame-ancestors 'none'");
        ctx.contentType("text/html; charset=utf-8").result(page);
    }

    /** A page of the web client from the classpath (read once, at start). */
    public static byte[] readResource(String path) {
        try (InputStream in = ControlServer.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("the web client is missing from the classpath: " + path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code https} when serving TLS, else {@code http}. */
    public String scheme() {
        return tls ? "https" : "http";
    }

    /** Every HTTP route registered, as {@code "METHOD /path"} (the OpenAPI test compares them with the document). */
    public java.util.List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path).toList();
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
