package dev.plenum.loadtest;

import dev.plenum.loadtest.measure.DelayHistogram;
import dev.plenum.loadtest.measure.RoomEventDelays;
import dev.plenum.loadtest.measure.Sampling;
import dev.plenum.loadtest.measure.TrackStats;
import dev.plenum.loadtest.media.MediaLoops;
import dev.plenum.loadtest.media.Publisher;
import dev.plenum.loadtest.media.Reception;
import dev.plenum.loadtest.payload.SlideDeck;
import dev.plenum.loadtest.report.LoadTestReport;
import dev.plenum.loadtest.report.PrometheusText;
import dev.plenum.loadtest.report.ServerSnapshot;
import dev.plenum.loadtest.report.ServerUsage;
import dev.plenum.loadtest.report.SignalingSummary;
import dev.plenum.loadtest.signaling.SignalingClient;
import dev.plenum.loadtest.report.StreamSummary;
import dev.plenum.media.dtls.DtlsCertificate;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs one load test against a running Plenum:
 * <ol>
 *   <li>reads {@code /metrics} (also proves the server is there);</li>
 *   <li>starts participants at the ramp rate, publishers first, spread over the rooms round robin; each joins over
 *       HTTP and signaling and connects ICE, DTLS and SRTP as a browser does;</li>
 *   <li>prints a progress line every second until the duration is over;</li>
 *   <li>stops the publishers, lets what is in flight arrive, reads {@code /metrics} again (still under load, for
 *       memory), takes every participant's measurements on its own event loop, and leaves.</li>
 * </ol>
 */
public final class LoadTest {
    private static final Duration DRAIN = Duration.ofMillis(300);
    /** A participant not connected after this long is counted as failed (ICE and DTLS give up after 10 s each). */
    private static final long JOIN_LIMIT_NANOS = 25_000_000_000L;

    private final LoadTestOptions options;
    private static final int PARTICIPANTS_PER_CLIENT = 250;
    private static final int KINDS = RoomEventDelays.Kind.values().length;
    private static final int DECK_PAGES = 3;
    /** Per room, the shown PDF's id once uploaded, and the page it is on. */
    private final Map<String, java.util.concurrent.CompletableFuture<Long>> decks = new LinkedHashMap<>();
    private final Map<String, Integer> pages = new java.util.HashMap<>();
    private boolean deckFailureTold;
    private final PrintStream progress;
    private final List<LoadParticipant> participants = new ArrayList<>();
    private final List<SignalingParticipant> signalingOnly = new ArrayList<>();
    private final RoomEventDelays delays = new RoomEventDelays();
    /** Per room, the participant that sends its timed chat messages and polls: the first one started there. */
    private final Map<String, SignalingClient> announcers = new LinkedHashMap<>();

    public LoadTest(LoadTestOptions options, PrintStream progress) {
        this.options = options;
        this.progress = progress;
    }

    public LoadTestReport run() throws LoadTestException, InterruptedException {
        URI base = options.base();
        ExecutorService httpThreads = Executors.newFixedThreadPool(4, Thread.ofPlatform().name("plenum-loadtest-http", 0).daemon().factory());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(httpThreads).build();
        // Each HttpClient reads all its sockets on one selector thread; big rooms get one client per few hundred.
        HttpClient[] clients = new HttpClient[Math.clamp((options.participants() + PARTICIPANTS_PER_CLIENT - 1) / PARTICIPANTS_PER_CLIENT, 1, 8)];
        clients[0] = http;
        for (int i = 1; i < clients.length; i++) {
            clients[i] = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(httpThreads).build();
        }
        try (MediaLoops loops = new MediaLoops(options.threads())) {
            ServerSnapshot before = readMetrics(http, base, true);
            DtlsCertificate certificate = DtlsCertificate.generate();
            SecureRandom random = new SecureRandom();
            String runId = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
            int total = options.participants();
            long start = System.nanoTime();
            long end = start + options.duration().toNanos();
            Sampling sampling = new Sampling(options.sampleEvery(), Long.MAX_VALUE);
            long steadyFrom = 0; // set once everyone has connected or failed, plus the warm-up
            boolean steadyBegun = false;
            ServerSnapshot steady = null;
            long steadyTesterCpu = 0;
            long steadyReceived = 0;
            long nextProgress = start + 1_000_000_000L;
            int started = 0;
            long nextAnnouncement = Long.MAX_VALUE;
            int announcements = 0;
            while (System.nanoTime() < end) {
                long now = System.nanoTime();
                int due = (int) Math.min(total, 1 + (long) ((now - start) / 1e9 * options.joinsPerSecond()));
                while (started < due) {
                    startParticipant(started, base, runId, loops, certificate, sampling, random, clients[started % clients.length]);
                    started++;
                }
                if (steadyFrom == 0 && started == total && allSettled()) {
                    long from = now + options.warmup().toNanos();
                    if (end - from >= 1_000_000_000L) {
                        steadyFrom = from;
                        sampling.startDelaysAt(from);
                    } else {
                        steadyFrom = -1;
                        progress.println("note: everyone connected too late for a warm-up and a second of steady state;"
                                + " no delay or server CPU figures");
                    }
                }
                if (!steadyBegun && steadyFrom > 0 && now >= steadyFrom) {
                    steadyBegun = true;
                    steady = readMetrics(http, base, false);
                    steadyTesterCpu = processCpuNanos();
                    steadyReceived = receivedPackets();
                    nextAnnouncement = now;
                    for (var room : announcers.entrySet()) { // a deck to turn the pages of, uploaded and shown once
                        decks.put(room.getKey(), room.getValue().present(http, base, room.getKey(), SlideDeck.blankPages(DECK_PAGES)));
                    }
                }
                if (now >= nextAnnouncement) {
                    RoomEventDelays.Kind kind = RoomEventDelays.Kind.values()[announcements++ % KINDS];
                    announce(kind);
                    // Chat, poll and page turn take turns a third of an interval apart, so none waits behind another's
                    // fan-out.
                    while (nextAnnouncement <= now) nextAnnouncement += options.eventInterval().toNanos() / KINDS;
                }
                if (now >= nextProgress) {
                    for (LoadParticipant p : participants) p.ping(); // a page pings every second, as browsers do
                    for (SignalingParticipant p : signalingOnly) p.ping();
                    progress.println(progressLine((now - start) / 1e9, total));
                    while (nextProgress <= now) nextProgress += 1_000_000_000L; // one line even after a stall
                }
                long wake = !steadyBegun && steadyFrom > 0 ? Math.min(nextProgress, steadyFrom)
                        : steadyFrom == 0 && started == total ? Math.min(nextProgress, now + 50_000_000L) : nextProgress;
                wake = Math.min(wake, nextAnnouncement);
                long sleepNanos = Math.min(end, Math.min(wake, started < total
                        ? start + (long) (started / options.joinsPerSecond() * 1e9) : Long.MAX_VALUE)) - System.nanoTime();
                if (sleepNanos > 0) Thread.sleep(Math.max(1, sleepNanos / 1_000_000));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            for (LoadParticipant p : participants) p.stopSending();
            Thread.sleep(DRAIN.toMillis());
            ServerSnapshot after = readMetrics(http, base, false);
            double measuredFrom = steadyBegun ? (steadyFrom - start) / 1e9 : -1;
            long testerCpu = processCpuNanos() - steadyTesterCpu;
            long received = receivedPackets() - steadyReceived;
            double testerMicrosPerPacket = steadyBegun && received > 0 && testerCpu > 0 ? testerCpu / 1e3 / received : Double.NaN;
            LoadTestReport report = report(seconds, measuredFrom, steady, after, testerMicrosPerPacket);
            for (LoadParticipant p : participants) p.leave();
            Thread.sleep(200); // let the leave messages and close_notify go out before the loops stop
            for (SignalingParticipant p : signalingOnly) p.leave();
            if (report.connected() == 0 && report.signaling().welcomed() == 0) {
                throw new LoadTestException(LoadTestException.NOTHING_CONNECTED, "no participant connected media; "
                        + (report.failures().isEmpty() ? "none failed either (was the duration too short?)"
                        : "first failure: " + report.failures().keySet().iterator().next()));
            }
            return report;
        } finally {
            for (LoadParticipant p : participants) p.leave();
            for (SignalingParticipant p : signalingOnly) p.leave();
            for (HttpClient c : clients) c.shutdownNow(); // close() would wait for the WebSockets
            httpThreads.shutdownNow();
        }
    }

    /** Starts publishers first, then subscribers, then signaling-only participants, each kind spread round robin. */
    private void startParticipant(int index, URI base, String runId, MediaLoops loops,
            DtlsCertificate certificate, Sampling sampling, SecureRandom random, HttpClient http) {
        int withMedia = options.publishers() + options.subscribers();
        if (index >= withMedia) {
            int k = index - withMedia;
            String room = roomName(runId, k);
            SignalingParticipant p = new SignalingParticipant(room, "listener-" + (k + 1), base, delays);
            signalingOnly.add(p);
            announcers.putIfAbsent(room, p.signaling());
            p.join(http);
            return;
        }
        boolean publishes = index < options.publishers();
        int roleIndex = publishes ? index : index - options.publishers();
        String room = roomName(runId, roleIndex);
        String name = (publishes ? "pub-" : "sub-") + (roleIndex + 1);
        LoadParticipant p = new LoadParticipant(room, name, publishes, base, loops, certificate, options.media(),
                sampling, options.downlinkLossPercent() / 100, options.tileHeight(), delays, random);
        participants.add(p);
        announcers.putIfAbsent(room, p.signaling());
        p.join(http);
    }

    private String roomName(String runId, int indexOfKind) {
        return options.roomPrefix() + "-" + runId + "-" + (indexOfKind % options.rooms() + 1);
    }

    /** One timed chat message, poll or page turn in every room; each participant times its arrival. */
    private void announce(RoomEventDelays.Kind kind) {
        for (var room : announcers.entrySet()) {
            SignalingClient announcer = room.getValue();
            switch (kind) {
                case CHAT -> {
                    announcer.announceChat(System.nanoTime());
                    delays.sent(kind);
                }
                case POLL -> {
                    announcer.announcePoll(System.nanoTime());
                    delays.sent(kind);
                }
                case PAGE_TURN -> turnPage(room.getKey(), announcer);
            }
        }
    }

    /** The next page of the room's deck (shown at page 1), once the upload is through. */
    private void turnPage(String room, SignalingClient announcer) {
        var deck = decks.get(room);
        if (deck == null || !deck.isDone()) return;
        if (deck.isCompletedExceptionally()) {
            if (!deckFailureTold) progress.println("note: no page turns timed: " + LoadParticipant.rootMessage(
                    deck.exceptionNow()));
            deckFailureTold = true;
            return;
        }
        int page = pages.merge(room, 2, (p, two) -> p % DECK_PAGES + 1); // 2, 3, 1, 2, ...
        delays.pageTurned(deck.resultNow(), DECK_PAGES, page, System.nanoTime());
        announcer.turnPage(page);
    }

    /**
     * GET /metrics. On the first read, a server that cannot be reached ends the run ({@link
     * LoadTestException#UNREACHABLE}); a server without /metrics only loses the CPU and memory figures.
     */
    private ServerSnapshot readMetrics(HttpClient http, URI base, boolean first) throws LoadTestException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/metrics")).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> res = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) {
                if (first) progress.println("note: " + base.resolve("/metrics") + " answered HTTP " + res.statusCode()
                        + "; no server CPU or memory figures");
                return null;
            }
            return ServerSnapshot.of(PrometheusText.parse(res.body()));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            if (first) throw new LoadTestException(LoadTestException.UNREACHABLE, "cannot reach Plenum at " + options.server()
                    + ": " + connectFailure(e));
            return null;
        } catch (IOException e) {
            if (first) throw new LoadTestException(LoadTestException.UNREACHABLE, "cannot reach Plenum at " + options.server()
                    + ": " + LoadParticipant.rootMessage(e));
            return null;
        }
    }

    /** Why a connection failed, in words: the JDK's ConnectException often has no message of its own. */
    static String connectFailure(IOException e) {
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        if (root instanceof java.nio.channels.UnresolvedAddressException || root instanceof java.net.UnknownHostException) {
            return "unknown host";
        }
        if (e instanceof HttpConnectTimeoutException) return "no answer within 5 s";
        return root.getMessage() != null ? root.getMessage() : "connection refused";
    }

    private String progressLine(double elapsed, int total) {
        int connected = 0;
        int failed = 0;
        long sent = 0;
        long received = 0;
        long expected = 0;
        long lost = 0;
        DelayHistogram delay = new DelayHistogram();
        for (LoadParticipant p : participants) {
            switch (p.state()) {
                case CONNECTED -> connected++;
                case FAILED -> failed++;
                default -> { }
            }
            Publisher pub = p.publisher();
            if (pub != null) sent += pub.packetsSent();
            Reception r = p.reception();
            if (r != null) {
                for (TrackStats t : r.tracks()) {
                    received += t.packets();
                    expected += t.loss().expected();
                    lost += t.loss().lost();
                    delay.merge(t.delayMicros()); // read racily from the event loops: good enough for a live line
                }
            }
        }
        int welcomed = 0;
        for (SignalingParticipant p : signalingOnly) {
            switch (p.state()) {
                case CONNECTED -> welcomed++;
                case FAILED -> failed++;
                default -> { }
            }
        }
        String line = String.format(Locale.ROOT, "[%5.1fs] joined %d/%d connected %d failed %d | sent %d pkts | received %d pkts"
                + " | loss %.3f%% | delay p50 %.2f ms p99 %.2f ms", elapsed, participants.size() + signalingOnly.size(), total,
                connected, failed, sent, received, expected == 0 ? 0.0 : 100.0 * lost / expected,
                delay.percentile(0.5) / 1000.0, delay.percentile(0.99) / 1000.0);
        if (options.signalingOnly() > 0) line += String.format(Locale.ROOT, " | signaling-only in %d", welcomed);
        RoomEventDelays.Summary chat = delays.summary(RoomEventDelays.Kind.CHAT);
        if (chat.deliveries() > 0) line += String.format(Locale.ROOT, " | chat p99 %.1f ms", chat.p99Millis());
        return line;
    }

    /** This process's CPU time, or -1 where the platform does not say. */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }

    /** RTP packets received by every participant so far (read racily, for a rate). */
    private long receivedPackets() {
        long n = 0;
        for (LoadParticipant p : participants) {
            Reception r = p.reception();
            if (r != null) for (TrackStats t : r.tracks()) n += t.packets();
        }
        return n;
    }

    /** Every participant has connected or failed. */
    private boolean allSettled() {
        boolean settled = true;
        for (LoadParticipant p : participants) {
            p.failIfJoiningLongerThan(JOIN_LIMIT_NANOS);
            if (p.state() == LoadParticipant.State.JOINING) settled = false;
        }
        for (SignalingParticipant p : signalingOnly) {
            p.failIfJoiningLongerThan(JOIN_LIMIT_NANOS);
            if (p.state() == LoadParticipant.State.JOINING) settled = false;
        }
        return settled;
    }

    /**
     * @param measuredFrom seconds into the run where the steady state began, -1 if it did not
     * @param before the server snapshot at that moment, or null
     */
    private LoadTestReport report(double seconds, double measuredFrom, ServerSnapshot before, ServerSnapshot after,
            double testerMicrosPerPacket) {
        List<TrackStats> audio = new ArrayList<>();
        List<TrackStats> video = new ArrayList<>();
        List<LoadTestReport.TrackReport> rows = new ArrayList<>();
        Map<String, Integer> failures = new TreeMap<>();
        List<Double> joins = new ArrayList<>();
        List<Double> offers = new ArrayList<>();
        List<Double> ices = new ArrayList<>();
        long sentPackets = 0, sentBytes = 0, keyframes = 0, requests = 0;
        long dropped = 0, nacked = 0, rtx = 0, repaired = 0, uplinkRtx = 0;
        Map<String, Integer> videoSizes = new TreeMap<>();
        int connected = 0;
        for (LoadParticipant p : participants) {
            if (p.state() == LoadParticipant.State.FAILED) failures.merge(p.failure(), 1, Integer::sum);
            if (p.joinMillis() >= 0) {
                connected++;
                joins.add(p.joinMillis());
            }
            if (p.offerMillis() >= 0) offers.add(p.offerMillis());
            if (p.iceMillis() >= 0) ices.add(p.iceMillis());
            List<TrackStats> tracks = new ArrayList<>();
            long[] sent = new long[5];
            long[] recovery = new long[3];
            p.onEventLoop(() -> {
                Reception r = p.reception();
                if (r != null) {
                    tracks.addAll(r.tracks());
                    recovery[0] = r.dropped();
                    recovery[1] = r.nackedSequences();
                    recovery[2] = r.rtxReceived();
                }
                Publisher pub = p.publisher();
                if (pub != null) {
                    sent[0] = pub.packetsSent();
                    sent[1] = pub.bytesSent();
                    sent[2] = pub.keyframesSent();
                    sent[3] = pub.keyframeRequests();
                    sent[4] = pub.retransmissions();
                }
            });
            sentPackets += sent[0];
            sentBytes += sent[1];
            keyframes += sent[2];
            requests += sent[3];
            uplinkRtx += sent[4];
            dropped += recovery[0];
            nacked += recovery[1];
            rtx += recovery[2];
            for (TrackStats t : tracks) {
                repaired += t.repaired();
                (t.video() ? video : audio).add(t);
                if (t.video()) videoSizes.merge(t.width() == 0 ? "none" : t.width() + "x" + t.height(), 1, Integer::sum);
                double active = t.activeSeconds();
                rows.add(new LoadTestReport.TrackReport(p.room(), p.name(),
                        t.video() ? "video" : "audio", t.ssrc() & 0xFFFF_FFFFL, t.packets(), t.loss().lost(),
                        100 * t.loss().lossFraction(), t.jitter().jitterMillis(), t.decrypted(),
                        t.delayMicros().percentile(0.5) / 1000.0, t.delayMicros().percentile(0.99) / 1000.0,
                        active > 0 ? t.bytes() * 8 / active / 1000 : 0, t.width(), t.height()));
            }
        }
        List<Double> welcomes = new ArrayList<>();
        for (SignalingParticipant p : signalingOnly) {
            if (p.state() == LoadParticipant.State.FAILED) failures.merge(p.failure(), 1, Integer::sum);
            if (p.welcomeMillis() >= 0) welcomes.add(p.welcomeMillis());
        }
        double[] welcomeTimes = sorted(welcomes);
        SignalingSummary signaling = new SignalingSummary(options.signalingOnly(), welcomes.size(),
                percentile(welcomeTimes, 0.5), percentile(welcomeTimes, 0.99),
                java.util.Arrays.stream(RoomEventDelays.Kind.values()).map(delays::summary).toList());
        List<TrackStats> all = new ArrayList<>(audio);
        all.addAll(video);
        double[] joinTimes = sorted(joins);
        double measuredSeconds = seconds - measuredFrom;
        ServerUsage usage = before != null && after != null ? ServerUsage.between(before, after, measuredSeconds) : null;
        return new LoadTestReport(options.server().toString(), options.publishers(), options.subscribers(), options.rooms(),
                seconds, measuredFrom, participants.size(), connected, failures, sentPackets, sentBytes, keyframes, requests,
                percentile(joinTimes, 0.5), percentile(joinTimes, 0.99), percentile(sorted(offers), 0.5),
                percentile(sorted(ices), 0.5), 100.0 / options.sampleEvery(),
                StreamSummary.of("audio", audio), StreamSummary.of("video", video), StreamSummary.of("all", all), usage,
                testerMicrosPerPacket, signaling, new LoadTestReport.LossRecovery(dropped, nacked, rtx, repaired, uplinkRtx), rows,
                videoSizes);
    }

    private static double[] sorted(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    /** Nearest-rank percentile of sorted values; 0 when empty. */
    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) return 0;
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

}
