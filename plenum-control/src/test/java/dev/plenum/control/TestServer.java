package dev.plenum.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plenum.control.chat.MemoryChatLog;
import dev.plenum.control.http.ControlServer;
import dev.plenum.control.metrics.LimitCounters;
import dev.plenum.control.org.AccountsConfig;
import dev.plenum.control.org.PasswordHasher;
import dev.plenum.control.registration.RegistrationConfig;
import dev.plenum.control.registration.RegistrationEvents;
import dev.plenum.control.registration.Registrations;
import dev.plenum.control.room.RoomDirectory;
import dev.plenum.control.signal.SignalingService;
import dev.plenum.control.signal.SignalingWebSocket;
import dev.plenum.control.store.Database;
import dev.plenum.control.store.Engine;
import dev.plenum.control.store.TestDatabases;
import dev.plenum.control.token.JoinTokenSigner;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A control server on a free port with the REST API over a fresh database (H2 or PostgreSQL), and a small HTTP
 * client that signs up, keeps the session cookie and CSRF token, or sends an API key.
 */
public final class TestServer implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String PASSWORD = "correct horse battery";
    public final Database db;
    public final ControlServer server;
    /** The rooms' files, and the join tokens the file API accepts. */
    public final dev.plenum.control.files.RoomFiles files;
    public final JoinTokenSigner signer;
    public final RoomDirectory rooms;
    private final dev.plenum.control.slides.RenderQueue renderQueue;
    /** The signaling service behind the WebSocket, and the database-backed parts of the REST API it shares. */
    public final SignalingService signaling;
    public final RestApi.Assembly api;
    /** Registration, with the key of the personal links in its mails. */
    public final Registrations registrations;
    /** Recordings: their rows, and the directory their files are in (a temporary one). */
    public final dev.plenum.control.recording.Recordings recordings;
    public final dev.plenum.control.recording.RecordingFiles recordingFiles;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public record Response(int status, JsonNode json, HttpHeaders headers, String text) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private TestServer(Engine engine, AccountsConfig accounts, Clock clock) {
        this(engine, accounts, clock, dev.plenum.control.files.FilesConfig.defaults(), RegistrationConfig.defaults());
    }

    private TestServer(Engine engine, AccountsConfig accounts, Clock clock, dev.plenum.control.files.FilesConfig filesConfig,
                       RegistrationConfig registration) {
        this(engine, accounts, clock, filesConfig, registration, ControlConfig.defaults().withPort(0));
    }

    private TestServer(Engine engine, AccountsConfig accounts, Clock clock, dev.plenum.control.files.FilesConfig filesConfig,
                       RegistrationConfig registration, ControlConfig config) {
        db = TestDatabases.open(engine);
        signer = JoinTokenSigner.withRandomSecret(clock);
        rooms = new RoomDirectory(config.maxParticipantsPerRoom(), config.adHocRooms());
        files = new dev.plenum.control.files.SqlRoomFiles(db);
        renderQueue = new dev.plenum.control.slides.RenderQueue(new dev.plenum.control.slides.PdfPageRenderer(
                filesConfig.maxPages(), filesConfig.pageWidth(), filesConfig.maxPagePixels()),
                filesConfig.renderTimeout(), filesConfig.renderThreads());
        registrations = new Registrations(JSON, registration, RegistrationEvents.NONE);
        recordings = new dev.plenum.control.recording.Recordings(db);
        try {
            recordingFiles = new dev.plenum.control.recording.RecordingFiles(java.nio.file.Files.createTempDirectory("plenum-test-recordings"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        api = RestApi.assemble(db, accounts, clock, new dev.plenum.control.webhook.Webhooks(), registrations,
                new dev.plenum.control.files.FilesApi(files, renderQueue, signer, rooms, filesConfig, clock),
                auth -> dev.plenum.control.http.ApiRoutes.of(new dev.plenum.control.files.FileLibraryApi(db,
                        new dev.plenum.control.conference.Conferences(), auth, files, renderQueue, filesConfig, rooms, clock),
                        new dev.plenum.control.recording.RecordingsApi(db, new dev.plenum.control.conference.Conferences(),
                                auth, recordings, recordingFiles)));
        signaling = new SignalingService(config, signer, rooms, timers, System::nanoTime, null,
                new LimitCounters(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()), new MemoryChatLog(10), clock,
                files, api.access(), api.attendance());
        server = new ControlServer(config, signer, new SignalingWebSocket(signaling, config.maxSignalingMessageBytes()),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> {}, clock, api.routes(), api.access());
        base = "http://127.0.0.1:" + server.port();
    }

    /** Open sign-up and generous sign-in limits (tests make many organisations from one address), cheap hashing. */
    public static AccountsConfig testAccounts() {
        return AccountsConfig.defaults().withOpenSignUp(true).withPasswordCost(PasswordHasher.Cost.TESTING)
                .withLoginLimits(10_000, 10_000, java.time.Duration.ofMinutes(1));
    }

    public static TestServer start(Engine engine) {
        return new TestServer(engine, testAccounts(), Clock.systemUTC());
    }

    public static TestServer start(Engine engine, AccountsConfig accounts) {
        return new TestServer(engine, accounts, Clock.systemUTC());
    }

    /** With these limits on uploaded files. */
    public static TestServer start(Engine engine, dev.plenum.control.files.FilesConfig files) {
        return new TestServer(engine, testAccounts(), Clock.systemUTC(), files, RegistrationConfig.defaults());
    }

    public static TestServer start(Engine engine, AccountsConfig accounts, Clock clock) {
        return new TestServer(engine, accounts, clock);
    }

    /** A server whose free room names are not rooms (production's setting): only conferences can be joined. */
    public static TestServer withoutAdHocRooms(Engine engine) {
        ControlConfig defaults = ControlConfig.defaults();
        return new TestServer(engine, testAccounts(), Clock.systemUTC(), dev.plenum.control.files.FilesConfig.defaults(),
                RegistrationConfig.defaults(), new ControlConfig(defaults.host(), 0, false,
                defaults.maxParticipantsPerRoom(), defaults.joinTokenLifetime(), defaults.reconnectGrace(),
                defaults.maxSignalingMessageBytes(), defaults.maxSignalingMessagesPerSecond()));
    }

    public static TestServer start(Engine engine, Clock clock, RegistrationConfig registration) {
        return new TestServer(engine, testAccounts(), clock, dev.plenum.control.files.FilesConfig.defaults(), registration);
    }

    public Response request(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !headers.containsKey("Content-Type")) b.header("Content-Type", "application/json");
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            if (r.headers().firstValue("Content-Type").orElse("").startsWith("application/json") && !r.body().isEmpty()) {
                json = JSON.readTree(r.body());
            }
            return new Response(r.statusCode(), json, r.headers(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET whose body is bytes (a download), with these headers. */
    public HttpResponse<byte[]> download(String path, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        headers.forEach(b::header);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response anonymous(String method, String path, String body) {
        return request(method, path, body, Map.of());
    }

    /** Signs up a new organisation named {@code organisation}; the client holds its owner's session. */
    public Client signUp(String organisation) {
        String email = "owner-" + UUID.randomUUID() + "@example.com";
        Response r = anonymous("POST", "/api/v1/signup", json(Map.of("organisation", organisation, "name", "Owner of " + organisation,
                "email", email, "password", PASSWORD)));
        if (r.status() != 201) throw new AssertionError("sign-up failed: " + r.status() + " " + r.text());
        return Client.fromSignIn(this, r, email);
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A caller with credentials: a session (cookie + CSRF token) or an API key. */
    public static final class Client {
        private final TestServer server;
        private final Map<String, String> headers;
        public final long organisationId;
        public final String email;

        private Client(TestServer server, Map<String, String> headers, long organisationId, String email) {
            this.server = server;
            this.headers = headers;
            this.organisationId = organisationId;
            this.email = email;
        }

        static Client fromSignIn(TestServer server, Response r, String email) {
            String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("plenum_session="))
                    .findFirst().orElseThrow().split(";")[0];
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Cookie", cookie);
            headers.put("X-CSRF-Token", r.json().get("csrfToken").asText());
            return new Client(server, headers, r.json().get("organisation").get("id").asLong(), email);
        }

        /** A download (the body as bytes) with this client's credentials and {@code extra} headers. */
        public java.net.http.HttpResponse<byte[]> download(String path, Map<String, String> extra) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.putAll(extra);
            return server.download(path, all);
        }

        /** A client for the same organisation that authenticates with a new API key (Authorization: Bearer). */
        public Client apiKey() {
            Response r = post("/api/v1/api-keys", json(Map.of("label", "test key")));
            if (r.status() != 201) throw new AssertionError("API key creation failed: " + r.status() + " " + r.text());
            return withApiKey(r.json().get("key").asText());
        }

        public Client withApiKey(String key) {
            return new Client(server, Map.of("Authorization", "Bearer " + key), organisationId, null);
        }

        public Client withHeaders(Map<String, String> extra) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.putAll(extra);
            return new Client(server, all, organisationId, email);
        }

        public Client withoutHeader(String name) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.remove(name);
            return new Client(server, all, organisationId, email);
        }

        public Response get(String path) {
            return server.request("GET", path, null, headers);
        }

        public Response post(String path, String body) {
            return server.request("POST", path, body, headers);
        }

        public Response put(String path, String body) {
            return server.request("PUT", path, body, headers);
        }

        public Response patch(String path, String body) {
            return server.request("PATCH", path, body, headers);
        }

        public Response delete(String path) {
            return server.request("DELETE", path, null, headers);
        }
    }

    @Override
    public void close() {
        server.close();
        renderQueue.close();
        timers.shutdownNow();
        TestDatabases.drop(db);
    }
}
