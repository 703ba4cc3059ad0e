package dev.plenum.cli;

import dev.plenum.control.ControlConfig;
import dev.plenum.control.chat.SqlChatLog;
import dev.plenum.control.files.FileLibraryApi;
import dev.plenum.control.files.FilesApi;
import dev.plenum.control.files.FilesConfig;
import dev.plenum.control.files.RoomFiles;
import dev.plenum.control.files.SqlRoomFiles;
import dev.plenum.control.slides.PdfPageRenderer;
import dev.plenum.control.slides.RenderQueue;
import dev.plenum.control.RestApi;
import dev.plenum.control.http.ApiRoutes;
import dev.plenum.control.recording.MediaRecordingControl;
import dev.plenum.control.recording.RecordingFiles;
import dev.plenum.control.recording.Recordings;
import dev.plenum.control.recording.RecordingsApi;
import java.nio.file.Files;
import dev.plenum.control.org.AccountsConfig;
import dev.plenum.control.store.Database;
import dev.plenum.control.store.StoreConfig;
import dev.plenum.control.http.ControlServer;
import dev.plenum.control.metrics.LimitCounters;
import dev.plenum.control.metrics.RoomMetrics;
import dev.plenum.control.poll.SqlPollStore;
import dev.plenum.control.qa.SqlQuestionStore;
import dev.plenum.control.room.RoomDirectory;
import dev.plenum.control.room.RoomRecords;
import dev.plenum.control.room.SqlRoleGrants;
import dev.plenum.control.signal.SignalingService;
import dev.plenum.control.signal.SignalingWebSocket;
import dev.plenum.control.token.JoinTokenSigner;
import dev.plenum.control.webhook.WebhookDispatcher;
import dev.plenum.control.webhook.RegistrationWebhooks;
import dev.plenum.control.webhook.Webhooks;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.plenum.media.session.MediaNode;
import dev.plenum.media.transport.MediaTransportConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plenum.control.conference.Conferences;
import dev.plenum.control.mail.MailConfig;
import dev.plenum.control.mail.SmtpMailer;
import dev.plenum.control.outbox.Outbox;
import dev.plenum.control.outbox.OutboxWorker;
import dev.plenum.control.registration.RegistrationConfig;
import dev.plenum.control.registration.RegistrationEvents;
import dev.plenum.control.registration.MailLinks;
import dev.plenum.control.registration.RegistrationMails;
import dev.plenum.control.registration.Registrations;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Every role of Plenum in one process, wired by hand so the object graph can be read top to bottom.
 */
public final class PlenumNode implements AutoCloseable {
    private final ScheduledExecutorService timers;
    private final ControlServer http;
    private final MediaNode media;
    private final String publicHost;
    private final Database db;
    private final ScheduledExecutorService webhookThread;
    private final WebhookDispatcher webhookDispatcher;
    private final RenderQueue renderQueue;
    private final OutboxWorker outbox;
    private final java.nio.file.Path temporaryRecordings;
    private static final Duration OUTBOX_POLL = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(PlenumNode.class);

    /**
     * With a private in-memory database (tests, embedding): nothing is written to disk. Browsers are told to open the
     * HTTP bind address (127.0.0.1 when it is a wildcard).
     */
    public PlenumNode(ControlConfig config, MediaTransportConfig mediaConfig) throws IOException {
        this(config, mediaConfig, MailConfig.none());
    }

    /** As {@link #PlenumNode(ControlConfig, MediaTransportConfig)}, sending mail through the given SMTP server. */
    public PlenumNode(ControlConfig config, MediaTransportConfig mediaConfig, MailConfig mail) throws IOException {
        this(config, mediaConfig, config.host().equals("0.0.0.0") || config.host().equals("::") ? "127.0.0.1" : config.host(),
                NodeSettings.defaults(StoreConfig.h2InMemory("plenum-" + UUID.randomUUID()))
                        .withMail(mail, RegistrationConfig.defaults(), null));
    }

    /** @param publicHost the name or address browsers open the page at, for {@link #url()} */
    public PlenumNode(ControlConfig config, MediaTransportConfig mediaConfig, String publicHost, StoreConfig store,
                      AccountsConfig accounts) throws IOException {
        this(config, mediaConfig, publicHost, NodeSettings.defaults(store).withAccounts(accounts));
    }

    /** @param settings where data is kept, sign-in, upload limits, webhook delivery and registration mail */
    public PlenumNode(ControlConfig config, MediaTransportConfig mediaConfig, String publicHost, NodeSettings settings)
            throws IOException {
        this.publicHost = publicHost.contains(":") && !publicHost.startsWith("[") ? "[" + publicHost + "]" : publicHost;
        Clock clock = Clock.systemUTC();
        // read (or made) before anything is opened, so a key file Plenum cannot use stops it cleanly
        MailLinks links = settings.linkKeyFile() == null ? MailLinks.random() : MailLinks.fromFile(settings.linkKeyFile());
        db = Database.open(settings.store()); // migrates the schema before anything serves requests
        Webhooks webhooks = new Webhooks();
        // The one place a registration is created tells the webhooks, in the same transaction.
        Registrations registrations = new Registrations(new ObjectMapper(), settings.registration(),
                new RegistrationWebhooks(webhooks), links);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("plenum-timers").daemon().factory());
        RoomDirectory rooms = new RoomDirectory(config.maxParticipantsPerRoom(), config.adHocRooms(),
                new RoomRecords(new SqlQuestionStore(db), new SqlPollStore(db), new SqlRoleGrants(db)));
        JoinTokenSigner tokens = JoinTokenSigner.withRandomSecret(clock);
        // Deliveries wait on other people's servers (up to 10 s each), so they get a thread of their own.
        webhookThread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("plenum-webhooks").daemon().factory());
        webhookDispatcher = new WebhookDispatcher(db, webhooks, settings.webhooks(), clock);
        media = new MediaNode(mediaConfig, metrics);
        RoomFiles roomFiles = new SqlRoomFiles(db);
        FilesConfig files = settings.files();
        renderQueue = new RenderQueue(new PdfPageRenderer(files.maxPages(), files.pageWidth(), files.maxPagePixels()),
                files.renderTimeout(), files.renderThreads());
        // Without a configured directory (tests, embedding) recordings live as long as the process, like its database.
        temporaryRecordings = settings.recordingsDir() == null ? Files.createTempDirectory("plenum-recordings") : null;
        RecordingFiles recordingFiles = new RecordingFiles(settings.recordingsDir() != null ? settings.recordingsDir()
                : temporaryRecordings);
        Recordings recordings = new Recordings(db);
        RestApi.Assembly api = RestApi.assemble(db, settings.accounts(), clock, webhooks, registrations,
                new FilesApi(roomFiles, renderQueue, tokens, rooms, files, clock),
                auth -> ApiRoutes.of(new FileLibraryApi(db, new Conferences(), auth, roomFiles, renderQueue, files, rooms, clock),
                        new RecordingsApi(db, new Conferences(), auth, recordings, recordingFiles)));
        api.attendance().endUnfinished(); // sessions a previous run left open when it stopped
        SignalingService signaling = new SignalingService(config, tokens, rooms, timers, System::nanoTime, media,
                new LimitCounters(metrics), new SqlChatLog(db), clock, roomFiles, api.access(), api.attendance(),
                new MediaRecordingControl(media, recordings, recordingFiles, r -> {}));
        try {
            http = new ControlServer(config, tokens, new SignalingWebSocket(signaling, config.maxSignalingMessageBytes()),
                    metrics, new RoomMetrics(rooms, metrics), clock, api.routes(), api.access());
        } catch (RuntimeException e) { // e.g. the HTTP port is taken: free the media sockets and the database first
            renderQueue.close();
            media.close();
            timers.shutdownNow();
            webhookThread.shutdownNow();
            db.close();
            throw e;
        }
        webhookDispatcher.start(webhookThread);
        MailConfig mail = settings.mail();
        String linkBase = settings.publicUrl() != null ? settings.publicUrl().replaceAll("/+$", "") : url();
        outbox = new OutboxWorker(new Outbox(db), mail.configured() ? new SmtpMailer(mail) : null,
                new RegistrationMails(db, registrations, new Conferences(), mail, () -> linkBase, clock), clock,
                mail.configured() ? mail.domain() : "plenum.invalid").start(OUTBOX_POLL);
        if (mail.configured()) log.info("registration mail via {}", mail);
    }

    /** The address to open in a browser. */
    public String url() {
        return http.scheme() + "://" + publicHost + ":" + http.port();
    }

    /** The media plane, for tests that measure it. */
    public MediaNode media() {
        return media;
    }

    public int udpPort() {
        return media.udpPort();
    }

    public int tcpPort() {
        return media.tcpPort();
    }

    public int httpPort() {
        return http.port();
    }

    @Override
    public void close() {
        outbox.close();
        http.close();
        renderQueue.close();
        media.close();
        timers.shutdownNow();
        webhookDispatcher.close();
        webhookThread.shutdownNow();
        db.close();
        if (temporaryRecordings != null) deleteTemporaryRecordings();
    }

    private void deleteTemporaryRecordings() {
        try (var files = Files.list(temporaryRecordings)) {
            for (java.nio.file.Path f : files.toList()) Files.deleteIfExists(f);
            Files.deleteIfExists(temporaryRecordings);
        } catch (IOException e) {
            log.warn("could not delete the temporary recordings in {}", temporaryRecordings, e);
        }
    }
}
