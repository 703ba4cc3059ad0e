package dev.plenum.cli;

import dev.plenum.control.ControlConfig;
import dev.plenum.control.http.ControlServer;
import dev.plenum.control.metrics.RoomMetrics;
import dev.plenum.control.room.RoomDirectory;
import dev.plenum.control.signal.SignalingService;
import dev.plenum.control.signal.SignalingWebSocket;
import dev.plenum.control.token.JoinTokenSigner;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.plenum.media.session.MediaNode;
import dev.plenum.media.transport.MediaTransportConfig;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Every role of Plenum in one process, wired by hand so the object graph can be read top to bottom.
 */
public final class PlenumNode implements AutoCloseable {
    private final ScheduledExecutorService timers;
    private final ControlServer http;
    private final MediaNode media;

    public PlenumNode(ControlConfig config, MediaTransportConfig mediaConfig) throws IOException {
        Clock clock = Clock.systemUTC();
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("plenum-timers").daemon().factory());
        RoomDirectory rooms = new RoomDirectory(config.maxParticipantsPerRoom(), config.adHocRooms());
        JoinTokenSigner tokens = JoinTokenSigner.withRandomSecret(clock);
        media = new MediaNode(mediaConfig, metrics);
        SignalingService signaling = new SignalingService(config, tokens, rooms, timers, System::nanoTime, media);
        http = new ControlServer(config, tokens, new SignalingWebSocket(signaling, config.maxSignalingMessageBytes()),
                metrics, new RoomMetrics(rooms, metrics), clock);
    }

    /** The address to open in a browser. */
    public String url() {
        return "http://127.0.0.1:" + http.port();
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
        http.close();
        media.close();
        timers.shutdownNow();
    }
}
