package dev.plenum.loadtest.measure;

/**
 * What one subscriber measures of one received track: packets and bytes, loss and jitter from every packet's
 * clear RTP header, and the delay from the publisher's send-time stamp of every decrypted (sampled) packet.
 * Owned by the receiving event-loop thread; the fields read for live progress are plain longs (a stale value
 * there is harmless). Allocates nothing per packet.
 */
public final class TrackStats {
    private final int ssrc;
    private final boolean video;
    private final int sampleEvery;
    private final Sampling sampling;
    private final LossCounter loss = new LossCounter();
    private final JitterEstimator jitter;
    private final DelayHistogram delayMicros = new DelayHistogram();
    private long packets;
    private long bytes;
    private long firstArrivalNanos;
    private long lastArrivalNanos;
    private long decrypted;
    private long decryptFailures;
    private long unreadableStamps;
    private long repaired;
    private long lastTimestamp = -1;
    private boolean startedFrame;
    private int width;
    private int height;

    public TrackStats(int ssrc, boolean video, Sampling sampling) {
        this.ssrc = ssrc;
        this.video = video;
        this.sampleEvery = sampling.decryptEvery();
        this.sampling = sampling;
        this.jitter = new JitterEstimator(video ? 90_000 : 48_000);
    }

    /** Counts one packet by its clear header; returns whether this one should be decrypted. */
    public boolean arrived(int sequenceNumber, long rtpTimestamp, int length, long arrivalNanos) {
        if (packets == 0) firstArrivalNanos = arrivalNanos;
        lastArrivalNanos = arrivalNanos;
        packets++;
        bytes += length;
        loss.packet(sequenceNumber);
        jitter.packet(rtpTimestamp, arrivalNanos);
        startedFrame = video && rtpTimestamp != lastTimestamp;
        lastTimestamp = rtpTimestamp;
        return packets % sampleEvery == 1 % sampleEvery;
    }

    /**
     * A packet lost on the way and then repaired by a retransmission: it counts as received for loss (as RFC 3550's
     * cumulative loss counts late packets), but not for jitter or bitrate.
     */
    public void repaired(int sequenceNumber) {
        loss.packet(sequenceNumber);
        repaired++;
    }

    /**
     * A decrypted packet whose send-time stamp reads {@code sentNanos}, on the same clock as arrival; recorded
     * unless it arrived during the warm-up.
     */
    public void delay(long sentNanos, long arrivalNanos) {
        decrypted++;
        if (arrivalNanos >= sampling.delaysFromNanos()) delayMicros.record((arrivalNanos - sentNanos) / 1000);
    }

    /**
     * Whether the packet {@link #arrived} last was the first of a video frame seen (a new RTP timestamp), whose VP8
     * header may tell a key frame's size.
     */
    public boolean startedFrame() { return startedFrame; }

    /** A key frame arrived whose VP8 header (RFC 6386 §9.1) says {@code w}×{@code h}: the layer received now. */
    public void pictureSize(int w, int h) {
        width = w;
        height = h;
    }

    /** The picture width of the last key frame received, 0 before any. */
    public int width() { return width; }

    public int height() { return height; }

    public void decryptFailed() { decryptFailures++; }

    public void unreadableStamp() { unreadableStamps++; }

    public int ssrc() { return ssrc; }

    public boolean video() { return video; }

    public long packets() { return packets; }

    public long bytes() { return bytes; }

    public long decrypted() { return decrypted; }

    public long decryptFailures() { return decryptFailures; }

    public long unreadableStamps() { return unreadableStamps; }

    /** Packets received only as retransmissions (RTX) after being lost. */
    public long repaired() { return repaired; }

    public LossCounter loss() { return loss; }

    public JitterEstimator jitter() { return jitter; }

    public DelayHistogram delayMicros() { return delayMicros; }

    /** Seconds between the first and the last packet (0 with fewer than two). */
    public double activeSeconds() { return (lastArrivalNanos - firstArrivalNanos) / 1e9; }
}
