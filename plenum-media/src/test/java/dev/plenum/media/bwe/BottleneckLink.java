package dev.plenum.media.bwe;

import dev.plenum.media.rtcp.RtcpListener;
import dev.plenum.media.rtcp.RtcpParser;
import dev.plenum.media.rtcp.TransportCcFeedbackWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayDeque;
import java.util.Random;

/**
 * A simulated path from the SFU to one browser, on a simulated clock: a FIFO bottleneck of {@link #capacityBps} with a
 * queue limit (packets that do not fit are dropped), optional random loss before it, one-way propagation delay, and
 * a receiver that sends transport-cc feedback every {@value #FEEDBACK_INTERVAL_MS} ms as Chrome does, written with
 * {@link TransportCcFeedbackWriter} and read back with {@link RtcpParser} into the estimator, as the session does.
 */
final class BottleneckLink {
    static final long MS = 1_000_000L;
    static final long FEEDBACK_INTERVAL_MS = 50;
    private static final long PROPAGATION_NANOS = 25 * MS;

    long capacityBps;
    int queueLimitBytes = 40_000;
    double randomLoss;
    private final Random random;
    private final SendSideBandwidthEstimator estimator;
    private long linkFreeAt;
    private int nextSequence;
    private long sentBytes;
    private long packetsDropped;

    // Packets on their way to the receiver, in order: sequence and arrival time.
    private final ArrayDeque<long[]> inFlight = new ArrayDeque<>();
    // Arrived, not yet reported.
    private int[] arrivedSequences = new int[8192];
    private long[] arrivedNanos = new long[8192];
    private int arrived;
    private boolean reportedOnce;
    private long nextFeedbackAt;
    private int feedbackCount;
    private final TransportCcFeedbackWriter writer = new TransportCcFeedbackWriter(4096);
    // Feedback on its way back: delivery time and the packet.
    private final ArrayDeque<Object[]> returning = new ArrayDeque<>();
    private final RtcpListener reader;

    BottleneckLink(long capacityBps, SendSideBandwidthEstimator estimator, long seed) {
        this.capacityBps = capacityBps;
        this.estimator = estimator;
        this.random = new Random(seed);
        this.reader = new RtcpListener() {
            @Override public void transportCc(long senderSsrc, long mediaSsrc, int baseSequence, int statusCount,
                    int referenceTime, int feedbackPacketCount) {
                estimator.feedbackStarted(referenceTime);
            }

            @Override public void transportCcPacket(int sequenceNumber, boolean received, int deltaTicks) {
                estimator.feedbackPacket(sequenceNumber, received, deltaTicks);
            }
        };
    }

    /** The SFU sends {@code size} bytes now: logged with the estimator, then through the bottleneck (or lost). */
    void send(long now, int size) {
        int sequence = nextSequence;
        nextSequence = (nextSequence + 1) & 0xFFFF;
        estimator.packetSent(sequence, now, size);
        sentBytes += size;
        if (randomLoss > 0 && random.nextDouble() < randomLoss) {
            packetsDropped++;
            return;
        }
        long queued = Math.max(0, linkFreeAt - now) * capacityBps / 8_000_000_000L;
        if (queued + size > queueLimitBytes) {
            packetsDropped++;
            return;
        }
        linkFreeAt = Math.max(linkFreeAt, now) + size * 8_000_000_000L / capacityBps;
        inFlight.add(new long[] {sequence, linkFreeAt + PROPAGATION_NANOS});
    }

    /** Advances the receiver and the return path to {@code now}. */
    void advance(long now) {
        while (!inFlight.isEmpty() && inFlight.peek()[1] <= now) {
            long[] p = inFlight.poll();
            if (arrived == arrivedSequences.length) throw new IllegalStateException("feedback too rare");
            arrivedSequences[arrived] = (int) p[0];
            arrivedNanos[arrived] = p[1];
            arrived++;
        }
        if (nextFeedbackAt == 0) nextFeedbackAt = now + FEEDBACK_INTERVAL_MS * MS;
        if (now >= nextFeedbackAt) {
            nextFeedbackAt += FEEDBACK_INTERVAL_MS * MS;
            int from = 0;
            boolean onlyRepeat = arrived == 1 && reportedOnce;
            reportedOnce = true;
            while (from < arrived && !onlyRepeat) {
                ByteBuf fb = Unpooled.buffer(8192);
                int n = writer.write(fb, 1, 2, feedbackCount++ & 0xFF, arrivedSequences, arrivedNanos, from, arrived - from);
                from += n;
                returning.add(new Object[] {now + PROPAGATION_NANOS, fb});
            }
            // The next feedback starts again from the last packet reported, so that losses just after it are reported
            // (the writer starts each feedback at its first record; Chrome starts at the next number expected).
            if (arrived > 0) {
                arrivedSequences[0] = arrivedSequences[arrived - 1];
                arrivedNanos[0] = arrivedNanos[arrived - 1];
                arrived = 1;
            }
        }
        while (!returning.isEmpty() && (long) returning.peek()[0] <= now) {
            ByteBuf fb = (ByteBuf) returning.poll()[1];
            RtcpParser.parse(fb, fb.readerIndex(), fb.readableBytes(), reader);
            estimator.feedbackComplete(now);
        }
    }

    long sentBytes() {
        return sentBytes;
    }

    long packetsDropped() {
        return packetsDropped;
    }
}
