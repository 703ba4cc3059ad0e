package dev.plenum.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.plenum.loadtest.media.MediaProfile;
import dev.plenum.loadtest.report.LoadTestReport;
import dev.plenum.loadtest.report.ReportTable;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plenum loadtest}: simulated browsers against a running Plenum. Exit codes: 0 done, 2 bad arguments,
 * 3 server unreachable, 4 nothing connected, 1 anything else; never a stack trace unless {@code --verbose}.
 */
@Command(name = "loadtest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Load a running Plenum with simulated browsers: real HTTP join, signaling, ICE, DTLS and SRTP.",
                "Publishers send Opus-framed audio and VP8 video; subscribers measure packets/s, bitrate, loss, jitter "
                        + "and the delay the SFU adds, and the server's CPU per forwarded packet is read from /metrics.",
                "Signaling-only participants join without media; every participant times the chat messages, polls and "
                        + "page turns each room is sent once everyone is in."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the test ran", "2:bad arguments", "3:the server cannot be reached",
                "4:no participant connected", "1:any other failure"})
public final class LoadTestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-u", "--url"}, description = "Plenum's base URL (default: ${DEFAULT-VALUE})", defaultValue = "http://127.0.0.1:8080")
    String url;

    @Option(names = {"-p", "--publishers"}, description = "participants sending audio and video (default: ${DEFAULT-VALUE})", defaultValue = "1")
    int publishers;

    @Option(names = {"-s", "--subscribers"}, description = "participants only receiving (default: ${DEFAULT-VALUE})", defaultValue = "10")
    int subscribers;

    @Option(names = "--signaling-only", description = "participants without media that join, receive room events and time "
            + "the announced chat messages and polls, for control-plane scale (default: ${DEFAULT-VALUE})", defaultValue = "0")
    int signalingOnly;

    @Option(names = "--event-interval", description = "seconds between the timed chat messages, polls and page turns each room gets "
            + "once everyone is in (default: ${DEFAULT-VALUE})", defaultValue = "2")
    double eventIntervalSeconds;

    @Option(names = {"-r", "--rooms"}, description = "rooms to spread participants over (default: ${DEFAULT-VALUE})", defaultValue = "1")
    int rooms;

    @Option(names = {"-d", "--duration"}, description = "seconds from the first join to the end, ramp included (default: ${DEFAULT-VALUE})", defaultValue = "30")
    double durationSeconds;

    @Option(names = "--ramp", description = "participants joining per second (default: ${DEFAULT-VALUE})", defaultValue = "10")
    double ramp;

    @Option(names = "--warmup", description = "seconds after everyone has connected before delays and server CPU are measured (default: ${DEFAULT-VALUE})", defaultValue = "3")
    double warmupSeconds;

    @Option(names = "--sample", description = "percent of received packets decrypted per track for the delay (default: ${DEFAULT-VALUE})", defaultValue = "5")
    double samplePercent;

    @Option(names = "--loss", description = "percent of arriving RTP packets each media participant drops, as a lossy downlink "
            + "would, so that NACKs and retransmissions are part of the load (default: ${DEFAULT-VALUE})", defaultValue = "0")
    double lossPercent;

    @Option(names = "--video-kbps", description = "video bitrate per publisher, 0 for audio only (default: ${DEFAULT-VALUE})", defaultValue = "500")
    int videoKbps;

    @Option(names = "--simulcast", arity = "0..1", fallbackValue = "true", description = "send the camera as Chromium does "
            + "with three encodings: simulcast layers q, h, f of 320x180 at 150, 640x360 at 500 and 1280x720 at 1700 kbit/s "
            + "(--video-kbps then only turns video off with 0); false sends one 640x360 stream at --video-kbps "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "true")
    boolean simulcast;

    @Option(names = "--tile-height", description = "the tile height in pixels every media participant reports for each camera it "
            + "receives (tileSizes), which picks the simulcast layer it is sent: 180, 360 or 720 for the three layers; 0 "
            + "reports nothing, so the SFU sends the lowest (default: ${DEFAULT-VALUE})", defaultValue = "0")
    int tileHeight;

    @Option(names = "--fps", description = "video frames per second (default: ${DEFAULT-VALUE})", defaultValue = "30")
    int fps;

    @Option(names = "--keyframe-interval", description = "seconds between keyframes (default: ${DEFAULT-VALUE})", defaultValue = "2")
    double keyframeSeconds;

    @Option(names = "--threads", description = "event-loop threads for the simulated browsers (default: ${DEFAULT-VALUE})", defaultValue = "1")
    int threads;

    @Option(names = "--json", description = "write the report as JSON to this file (default: ${DEFAULT-VALUE})", defaultValue = "plenum-loadtest.json")
    Path json;

    @Option(names = "--room-prefix", description = "room names start with this (default: ${DEFAULT-VALUE})", defaultValue = "loadtest")
    String roomPrefix;

    @Option(names = "--verbose", description = "print stack traces of unexpected failures")
    boolean verbose;

    @Override
    public Integer call() {
        LoadTestOptions options;
        try {
            URI server = new URI(url);
            MediaProfile media = MediaProfile.defaults().withVideo(Math.multiplyExact(videoKbps, 1000), fps, keyframeSeconds)
                    .withSimulcast(simulcast);
            options = new LoadTestOptions(server, publishers, subscribers, signalingOnly, rooms,
                    Duration.ofMillis(Math.round(durationSeconds * 1000)), ramp, Duration.ofMillis(Math.round(warmupSeconds * 1000)),
                    samplePercent, media, threads, json, roomPrefix, Duration.ofMillis(Math.round(eventIntervalSeconds * 1000)),
                    lossPercent, tileHeight);
        } catch (URISyntaxException e) {
            return usageError("--url is not a URL: " + e.getMessage());
        } catch (IllegalArgumentException | ArithmeticException e) {
            return usageError(e.getMessage());
        }
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        try {
            LoadTestReport report = new LoadTest(options, new java.io.PrintStream(new WriterOutputStream(out), true)).run();
            out.print(ReportTable.format(report));
            if (json != null) {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
                out.println("JSON report: " + json.toAbsolutePath());
            }
            out.flush();
            return 0;
        } catch (LoadTestException e) {
            err.println("plenum loadtest: " + e.getMessage());
            err.flush();
            return e.exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("plenum loadtest: interrupted");
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("plenum loadtest: " + LoadParticipant.rootMessage(e));
            if (verbose) e.printStackTrace(err);
            err.flush();
            return 1;
        }
    }

    private int usageError(String message) {
        var err = spec.commandLine().getErr();
        err.println("plenum loadtest: " + message);
        err.println("Try 'plenum loadtest --help' for the options.");
        err.flush();
        return 2;
    }

    /** Lets the progress lines go through picocli's writer, so tests can capture them like the table. */
    private static final class WriterOutputStream extends java.io.OutputStream {
        private final java.io.PrintWriter writer;

        WriterOutputStream(java.io.PrintWriter writer) { this.writer = writer; }

        @Override public void write(int b) { writer.write(b); }

        @Override public void write(byte[] b, int off, int len) {
            writer.write(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override public void flush() { writer.flush(); }
    }

    /** Runs the command on its own, for tests and tools; {@code plenum loadtest} is the usual way. */
    public static int run(String... args) {
        return new CommandLine(new LoadTestCommand()).execute(args);
    }
}
