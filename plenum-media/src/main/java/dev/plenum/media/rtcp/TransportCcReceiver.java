package dev.plenum.media.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * The receive side of transport-wide congestion control toward one publisher
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3): records each packet's transport-wide sequence number and
 * arrival time, and says when feedback is due, every {@link #FEEDBACK_INTERVAL_NANOS} or when its records fill up.
 * Without this feedback a browser that negotiated transport-cc cannot estimate the bandwidth toward the SFU: it
 * stays near its minimum (30 kbps for video, a few frames a second), and every keyframe then stalls its video.
 *
 * <p>Sequence numbers that go backwards (reordered or repeated packets) are not recorded: the feedback already sent
 * reported them lost, which is what a late packet is to a congestion controller.
 *
 * <p>Thread model: one publisher transport's receive loop; callers that may change loops lock the instance.
 * Allocates nothing: records live in fixed arrays and the writer reuses its scratch.
 */
public final class TransportCcReceiver {
    /** libwebrtc's receivers send feedback every 50 to 250 ms depending on bitrate; 50 ms keeps estimates fresh. */
    public static final long FEEDBACK_INTERVAL_NANOS = 50_000_000L;
    /** Records one feedback packet may cover, and the most kept between two feedbacks. */
    public static final int CAPACITY = 512;
    /** Bytes enough for one feedback packet of {@link #CAPACITY} records (header, chunks, two-byte deltas). */
    public static final int MAX_FEEDBACK_BYTES = 20 + 2 * CAPACITY + 2 * CAPACITY + 4;

    private final int[] sequences = new int[CAPACITY];
    private final long[] arrivals = new long[CAPACITY];
    private final TransportCcFeedbackWriter writer = new TransportCcFeedbackWriter(CAPACITY);
    private int count;
    private int lastSequence = -1;
    private long lastFeedbackNanos;
    private int feedbackPacketCount;

    /** Records a packet's arrival; returns whether feedback is due now. */
    public boolean arrived(int sequenceNumber, long arrivalNanos) {
        if (count == 0 && lastSequence < 0) lastFeedbackNanos = arrivalNanos;
        if (count < CAPACITY && (lastSequence < 0 || isNewer(sequenceNumber, lastSequence))) {
            sequences[count] = sequenceNumber;
            arrivals[count] = arrivalNanos;
            count++;
            lastSequence = sequenceNumber;
        }
        return due(arrivalNanos);
    }

    /** Whether records wait and the interval has passed or the records are full. */
    public boolean due(long nowNanos) {
        return count > 0 && (count == CAPACITY || nowNanos - lastFeedbackNanos >= FEEDBACK_INTERVAL_NANOS);
    }

    /** Whether records wait for feedback. */
    public boolean pending() {
        return count > 0;
    }

    /**
     * Writes one feedback packet (RTPFB, FMT=15) at the writer index for the oldest waiting records, at most
     * {@link #MAX_FEEDBACK_BYTES}; call again while {@link #pending()}, each packet in its own buffer.
     */
    public void writeFeedback(ByteBuf out, long senderSsrc, long mediaSsrc, long nowNanos) {
        if (count == 0) return;
        int consumed = writer.write(out, senderSsrc, mediaSsrc, feedbackPacketCount, sequences, arrivals, 0, count);
        feedbackPacketCount = (feedbackPacketCount + 1) & 0xFF;
        System.arraycopy(sequences, consumed, sequences, 0, count - consumed);
        System.arraycopy(arrivals, consumed, arrivals, 0, count - consumed);
        count -= consumed;
        lastFeedbackNanos = nowNanos;
    }

    private static boolean isNewer(int a, int b) {
        int diff = (a - b) & 0xFFFF;
        return diff != 0 && diff < 0x8000;
    }
}
