package dev.plenum.media.record;

import dev.plenum.media.forward.Subscriber;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one publisher's audio and video (or its shared screen) into one WebM file:
 * <pre>
 *   Fanout (media thread) ─► input (a Subscriber: stamps arrival, offers the copy to a bounded queue; full: drop, count)
 *   recorder thread ─► ReorderBuffer per track (200 ms) ─► Vp8Depacketizer / OpusDepacketizer ─► WebmWriter ─► file
 *                   └► keyframe wanted ─► the publisher is asked (again every second until one comes)
 * </pre>
 * The packet path only copies (the fan-out's own pooled copy, as for any subscriber) and offers to the queue: the
 * media thread never waits for the disk. The copy's headroom in front of its readerIndex carries the arrival time
 * (8 bytes) and the track (1 byte) to the recorder thread, so nothing is allocated per packet.
 *
 * <p>Times: see {@link Timeline}: by the publisher's sender reports once they come (audio and video line up as
 * captured), before that by each track's first arrival and its RTP timestamps (90 kHz for VP8, 48 kHz for Opus).
 *
 * <p>Thread model: {@link #videoInput()}/{@link #audioInput()} are called on media threads; everything else runs on
 * the recorder's own virtual thread, which {@link #stop()} ends after writing what was queued.
 */
public final class PublisherRecorder {
    private static final Logger log = LoggerFactory.getLogger(PublisherRecorder.class);
    /** About three seconds of 2 Mbit/s video with its audio. */
    static final int QUEUE_CAPACITY = 1024;
    static final long REORDER_WINDOW_NANOS = 200_000_000L;
    private static final long KEYFRAME_RETRY_NANOS = 1_000_000_000L;
    private static final int VIDEO = 0, AUDIO = 1;
    /** Bytes the fan-out's copy must have in front of its readerIndex for the arrival time and the track. */
    private static final int STAMP = 9;

    private final String participantId;
    private final boolean screen;
    private final Path path;
    private final RecordingTarget target;
    private final Runnable requestKeyframe;
    private final Clock clock;
    private final LongSupplier nanoClock;
    private final ArrayBlockingQueue<ByteBuf> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong queueDrops = new AtomicLong();
    private final Runnable dropped;
    private final Input video;
    private final Input audio;
    private final Thread thread;
    private volatile boolean stopping;

    // recorder thread only
    private WebmWriter writer;
    private final ReorderBuffer videoOrder;
    private final ReorderBuffer audioOrder;
    private final Vp8Depacketizer vp8;
    private final long startNanos;
    private final Instant startedAt;
    private final Timeline timeline = new Timeline();
    private final TrackClock videoClock = timeline.track(90);
    private final TrackClock audioClock = timeline.track(48);
    private boolean keyframeWanted = true;
    private long lastKeyframeRequest;
    private IOException failure;

    /**
     * Starts recording into {@code path}: a VP8 track if {@code withVideo}, an Opus track if {@code withAudio}.
     * {@code requestKeyframe} asks the publisher for a keyframe of the recorded video (called on the recorder thread);
     * {@code dropped} counts a packet the queue had no room for (called on the media thread).
     */
    public PublisherRecorder(String participantId, boolean screen, Path path, boolean withVideo, boolean withAudio,
                             Runnable requestKeyframe, Runnable dropped, RecordingTarget target, Clock clock,
                             LongSupplier nanoClock) throws IOException {
        this.dropped = dropped;
        this.participantId = participantId;
        this.screen = screen;
        this.path = path;
        this.target = target;
        this.requestKeyframe = requestKeyframe;
        this.clock = clock;
        this.nanoClock = nanoClock;
        writer = new WebmWriter(path, withVideo, withAudio);
        startNanos = nanoClock.getAsLong();
        lastKeyframeRequest = startNanos - KEYFRAME_RETRY_NANOS; // the first request goes out at once
        startedAt = clock.instant();
        vp8 = withVideo ? new Vp8Depacketizer(new Vp8Depacketizer.FrameSink() {
            @Override public void frame(long ts, boolean key, byte[] data, int width, int height, long arrival) {
                if (failure != null) return;
                try {
                    writer.writeVideo(videoClock.millis(ts, arrival - startNanos), key, data, width, height);
                } catch (IOException e) {
                    failure = e;
                }
                if (key) keyframeWanted = false;
            }

            @Override public void keyframeNeeded() {
                keyframeWanted = true;
            }
        }) : null;
        OpusDepacketizer opus = withAudio ? new OpusDepacketizer((ts, packet, arrival) -> {
            if (failure != null) return;
            try {
                writer.writeAudio(audioClock.millis(ts, arrival - startNanos), packet);
            } catch (IOException e) {
                failure = e;
            }
        }) : null;
        videoOrder = withVideo ? new ReorderBuffer(512, REORDER_WINDOW_NANOS, vp8) : null;
        audioOrder = withAudio ? new ReorderBuffer(64, REORDER_WINDOW_NANOS, opus) : null;
        video = withVideo ? new Input(VIDEO) : null;
        audio = withAudio ? new Input(AUDIO) : null;
        thread = Thread.ofVirtual().name("plenum-recorder-" + participantId + (screen ? "-screen" : "")).start(this::run);
    }

    /** The subscriber to add to the video track's fan-out (null without video). */
    public Subscriber videoInput() {
        return video;
    }

    /** The subscriber to add to the audio track's fan-out (null without audio). */
    public Subscriber audioInput() {
        return audio;
    }

    public String participantId() {
        return participantId;
    }

    public boolean screen() {
        return screen;
    }

    /** Packets the queue had no room for. */
    public long packetsDropped() {
        return queueDrops.get();
    }

    /**
     * Ends the recording: what is queued is still written, then the file is closed and handed to the target. The
     * caller has already taken the inputs off their fan-outs (a late packet is released unrecorded).
     */
    public void stop() {
        stopping = true;
    }

    /** Waits for the file to be finished (for tests and an orderly shutdown). */
    public boolean awaitFinished(long millis) throws InterruptedException {
        return thread.join(java.time.Duration.ofMillis(millis));
    }

    /** One track's entry: on the media thread, stamps and queues the fan-out's copy, or drops it when full. */
    private final class Input implements Subscriber {
        private final int track;

        Input(int track) {
            this.track = track;
        }

        @Override
        public void send(ByteBuf packet) {
            int at = packet.readerIndex();
            if (stopping || at < STAMP) {
                packet.release();
                return;
            }
            packet.setLong(at - 8, nanoClock.getAsLong());
            packet.setByte(at - STAMP, track);
            if (!queue.offer(packet)) {
                packet.release();
                queueDrops.incrementAndGet();
                dropped.run();
            }
        }

        /** The publisher's sender report, as the fan-out rewrote it for this leg (the same timestamps). */
        @Override
        public void sendRtcp(ByteBuf report) {
            try {
                int at = report.readerIndex();
                if (report.readableBytes() >= 20 && report.getUnsignedByte(at + 1) == 200) { // SR, RFC 3550 §6.4.1
                    (track == VIDEO ? videoClock : audioClock).senderReport(
                            SenderClock.of(report.getLong(at + 8), report.getUnsignedInt(at + 16)));
                }
            } finally {
                report.release();
            }
        }
    }

    private void run() {
        try {
            while (true) {
                ByteBuf p = queue.poll(20, TimeUnit.MILLISECONDS);
                long now = nanoClock.getAsLong();
                if (p != null) {
                    int at = p.readerIndex();
                    long arrival = p.getLong(at - 8);
                    ReorderBuffer order = p.getByte(at - STAMP) == VIDEO ? videoOrder : audioOrder;
                    order.add(p, arrival, now);
                }
                if (videoOrder != null) videoOrder.drain(now);
                if (audioOrder != null) audioOrder.drain(now);
                if (keyframeWanted && videoOrder != null && now - lastKeyframeRequest >= KEYFRAME_RETRY_NANOS) {
                    lastKeyframeRequest = now;
                    try {
                        requestKeyframe.run();
                    } catch (RuntimeException e) {
                        log.debug("{}: keyframe request failed", participantId, e);
                    }
                }
                if (stopping && queue.isEmpty()) break;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finish();
        }
    }

    private void finish() {
        if (videoOrder != null) videoOrder.flush();
        if (audioOrder != null) audioOrder.flush();
        for (ByteBuf p; (p = queue.poll()) != null; ) p.release();
        try {
            writer.close();
            if (failure != null) throw failure;
            long bytes = Files.size(path);
            RecordedFile file = new RecordedFile(participantId, screen, path, startedAt, clock.instant(), bytes,
                    sha256(path), writer.durationMs(), writer.hasVideo(), writer.hasAudio(), queueDrops.get());
            log.info("{}: recording finished, {} bytes, {} ms{}", participantId, bytes, writer.durationMs(),
                    queueDrops.get() > 0 ? ", " + queueDrops.get() + " packets dropped" : "");
            target.finished(file);
        } catch (IOException | RuntimeException e) {
            log.warn("{}: recording failed", participantId, e);
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // nothing more to do: the target hears of the failure
            }
            target.failed(participantId, screen, e);
        }
    }

    static String sha256(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A sender report's mapping (RFC 3550 §6.4.1): this RTP timestamp was sampled at this NTP time, in ms. */
    record SenderClock(double ntpMillis, long rtpTimestamp) {
        /** NTP's 32.32 fixed point (seconds since 1900) as milliseconds. */
        static SenderClock of(long ntpTimestamp, long rtpTimestamp) {
            double millis = (ntpTimestamp >>> 32) * 1000.0 + (ntpTimestamp & 0xFFFF_FFFFL) * 1000.0 / 4294967296.0;
            return new SenderClock(millis, rtpTimestamp & 0xFFFF_FFFFL);
        }
    }

    /**
     * Where a publisher's frames go on the file's timeline. Before any sender report, each track's first frame is
     * placed at its arrival since the recorder started, and later frames by their RTP timestamps. Once a track has a
     * sender report, its frames are placed by the sender's own clock (RFC 3550 §6.4.1: the report maps the track's RTP
     * timestamps to the NTP time they were sampled at), shifted by one offset shared by every track of the publisher:
     * audio and video then line up as they were captured, and the audio clock's drift against the video's is undone.
     * The offset is fixed by the first frame placed that way (its arrival against its NTP time).
     */
    static final class Timeline {
        private double ntpToFileMillis = Double.NaN;

        /** A track of the timeline, counting {@code ticksPerMilli} RTP ticks a millisecond. */
        TrackClock track(long ticksPerMilli) {
            return new TrackClock(this, ticksPerMilli);
        }
    }

    /** One track's RTP timestamps (32-bit, unwrapped, RFC 3550 §5.1) as milliseconds of the file. */
    static final class TrackClock {
        private final Timeline timeline;
        private final long ticksPerMilli;
        private boolean started;
        private long anchorMillis;
        private long anchorTicks;
        private long lastTicks;
        private volatile SenderClock senderClock;

        private TrackClock(Timeline timeline, long ticksPerMilli) {
            this.timeline = timeline;
            this.ticksPerMilli = ticksPerMilli;
        }

        /** The track's latest sender report (any thread). */
        void senderReport(SenderClock clock) {
            senderClock = clock;
        }

        long millis(long rtpTimestamp, long sinceStartNanos) {
            if (!started) {
                started = true;
                anchorMillis = Math.max(0, sinceStartNanos / 1_000_000);
                anchorTicks = rtpTimestamp;
                lastTicks = rtpTimestamp;
            } else {
                lastTicks += (int) (rtpTimestamp - (lastTicks & 0xFFFF_FFFFL));
            }
            SenderClock sr = senderClock;
            if (sr == null) return anchorMillis + (lastTicks - anchorTicks) / ticksPerMilli;
            long srTicks = lastTicks + (int) (sr.rtpTimestamp() - (lastTicks & 0xFFFF_FFFFL));
            double ntp = sr.ntpMillis() + (double) (lastTicks - srTicks) / ticksPerMilli;
            if (Double.isNaN(timeline.ntpToFileMillis)) timeline.ntpToFileMillis = sinceStartNanos / 1e6 - ntp;
            return Math.max(0, Math.round(ntp + timeline.ntpToFileMillis));
        }
    }
}
