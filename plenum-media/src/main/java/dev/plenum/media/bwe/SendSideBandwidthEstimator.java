package dev.plenum.media.bwe;

/**
 * One subscriber's send-side bandwidth estimate (draft-ietf-rmcat-gcc-02 with transport-wide feedback,
 * draft-holmer-rmcat-transport-wide-cc-extensions-01): how many bits per second the SFU may send toward it.
 * <pre>
 *   packetSent ─► SentPacketLog (transport-wide seq → send time, size, probe cluster)
 *   feedback ─► matched to the log ─► AcknowledgedBitrate
 *                                  ├► ArrivalGroups ─► TrendlineFilter ─► OveruseDetector ─► AimdRateControl ┐
 *                                  ├► loss fraction ─► LossBasedControl ─────────────────────────────────────┤ min,
 *                                  └► ProbeClusters ─► probed rate raises both ──────────────────────────────┘ clamp
 *   process (timer) ─► ProbeController ─► a cluster ─► paddingDue ─► padding packets (the session sends them)
 * </pre>
 * The estimate is {@code min(delay-based, loss-based)} clamped to the configured bounds.
 *
 * <p>Thread model: {@link #packetSent} runs under the owner's send lock on any event loop, feedback on the
 * subscriber's receive loop, {@link #process} on a timer; every method holds this object's monitor briefly and calls
 * nothing outside the package. Times are nanoseconds of one monotonic clock, passed in (tests simulate it); the
 * arrival times in feedback are the receiver's clock, of which only differences are used. Allocates nothing after
 * construction.
 */
public final class SendSideBandwidthEstimator {
    private static final int BATCH = 1024;
    private static final long TICK_NANOS = 250_000L;
    private static final long REFERENCE_NANOS = 64_000_000L;

    private final BandwidthEstimatorConfig config;
    private final SentPacketLog log = new SentPacketLog();
    private final ArrivalGroups groups = new ArrivalGroups();
    private final TrendlineFilter trendline = new TrendlineFilter();
    private final OveruseDetector detector = new OveruseDetector();
    private final AimdRateControl delayBased;
    private final LossBasedControl lossBased;
    private final AcknowledgedBitrate acknowledged = new AcknowledgedBitrate();
    private final ProbeClusters clusters = new ProbeClusters();
    private final ProbeController prober;

    // The feedback being read: its packets are collected, then processed together.
    private final int[] batchSlots = new int[BATCH];
    private final long[] batchArrivals = new long[BATCH];
    private int batchSize;
    private int batchLost;
    private int batchReceived;
    private long newestSendOfFlushed = Long.MIN_VALUE;
    private boolean referenceKnown;
    private int lastReference;
    private long referenceUnwrapped;
    private long arrivalNanos;

    private BandwidthUsage usage = BandwidthUsage.NORMAL;
    private long estimate;
    private long rttNanos = 100_000_000L;
    private long lastProbeResult = -1;
    private long packetsSent;
    private long probeClusters;
    private long probeResults;
    private boolean anyFeedback;

    public SendSideBandwidthEstimator(BandwidthEstimatorConfig config) {
        this.config = config;
        delayBased = new AimdRateControl(config.startBps(), config.minBps(), config.maxBps());
        lossBased = new LossBasedControl(config.startBps(), config.minBps(), config.maxBps());
        prober = new ProbeController(config.probing(), config.maxBps());
        estimate = config.startBps();
    }

    // ---- sending ----

    /** A packet left under transport-wide number {@code sequence}, {@code wireBytes} long (with IP/UDP overhead). */
    public synchronized void packetSent(int sequence, long nowNanos, int wireBytes) {
        int cluster = clusters.active();
        log.record(sequence, nowNanos, wireBytes, cluster);
        if (cluster != SentPacketLog.NO_CLUSTER) clusters.sent(cluster, nowNanos, wireBytes);
        packetsSent++;
    }

    // ---- feedback ----

    /** The header of one transport-cc feedback (its signed 24-bit reference time, in 64 ms units). */
    public synchronized void feedbackStarted(int referenceTime) {
        if (!referenceKnown) {
            referenceKnown = true;
            referenceUnwrapped = referenceTime;
        } else {
            int diff = ((referenceTime - lastReference) << 8) >> 8; // signed 24-bit difference
            referenceUnwrapped += diff;
        }
        lastReference = referenceTime;
        arrivalNanos = referenceUnwrapped * REFERENCE_NANOS;
    }

    /** One packet of the feedback begun by {@link #feedbackStarted}, in its order. */
    public synchronized void feedbackPacket(int sequence, boolean received, int deltaTicks) {
        if (received) arrivalNanos += deltaTicks * TICK_NANOS;
        int slot = log.slot(sequence);
        if (slot < 0) return; // not sent by us, or too long ago
        if (!received) {
            if (!log.acknowledged(slot)) {
                batchLost++;
                clusters.reported(log.cluster(slot), log.sendNanos(slot), false, 0, log.size(slot));
            }
            return;
        }
        if (!log.acknowledge(slot)) return; // reported again: counted already
        if (batchSize == BATCH) newestSendOfFlushed = Math.max(newestSendOfFlushed, processPackets());
        batchReceived++;
        batchSlots[batchSize] = slot;
        batchArrivals[batchSize] = arrivalNanos;
        batchSize++;
    }

    /** The compound RTCP packet that carried feedback has been read: the estimate is updated. */
    public synchronized void feedbackComplete(long nowNanos) {
        int received = batchReceived;
        long newestSend = Math.max(processPackets(), newestSendOfFlushed);
        batchReceived = 0;
        newestSendOfFlushed = Long.MIN_VALUE;
        if (received + batchLost == 0) return;
        anyFeedback = true;
        if (newestSend != Long.MIN_VALUE) rttNanos = Math.max(0, nowNanos - newestSend);
        lossBased.reported(received + batchLost, batchLost);
        batchLost = 0;
        long acked = acknowledged.bitrateBps();
        long probed = clusters.takeResult(nowNanos);
        if (probed >= 0) {
            long target = clusters.lastFinishedTarget();
            if (probed > 0) {
                probeResults++;
                lastProbeResult = probed;
                if (probed > estimate && usage != BandwidthUsage.OVERUSING) {
                    delayBased.setRate(probed, nowNanos);
                    lossBased.raiseTo(probed);
                }
            }
            estimate = combined(nowNanos);
            prober.finished(target, probed, estimate);
        }
        delayBased.update(usage, acked, rttNanos, nowNanos);
        estimate = combined(nowNanos);
    }

    private long combined(long nowNanos) {
        long loss = lossBased.update(Math.min(delayBased.rateBps(), lossBased.rateBps()), nowNanos);
        long e = Math.min(delayBased.rateBps(), loss);
        return Math.max(config.minBps(), Math.min(config.maxBps(), e));
    }

    /** Feeds the collected packets to the acknowledged bitrate, delay groups and clusters; returns the newest send. */
    private long processPackets() {
        long newestSend = Long.MIN_VALUE;
        for (int i = 0; i < batchSize; i++) {
            int slot = batchSlots[i];
            long send = log.sendNanos(slot);
            long arrival = batchArrivals[i];
            int size = log.size(slot);
            if (send > newestSend) newestSend = send;
            acknowledged.received(arrival, size);
            clusters.reported(log.cluster(slot), send, true, arrival, size);
            if (groups.add(send, arrival)) {
                double trend = trendline.update(groups.delayVariationMs(), groups.completedArrivalNanos());
                usage = detector.detect(trend, groups.sendDeltaMs(), trendline.deltas(), groups.completedArrivalNanos());
            }
        }
        batchSize = 0;
        return newestSend;
    }

    // ---- probing and the allocator ----

    /** How much the allocator would like to send (bits/s); above the estimate this asks for probing. */
    public synchronized void desiredBitrate(long bps) {
        prober.desired(bps, estimate);
    }

    /**
     * Called periodically (every 50 ms, and every millisecond or so while a cluster is sent): starts a probe cluster
     * when one is due. Returns whether a cluster is being sent, i.e. whether {@link #paddingDue} should be asked again
     * soon. {@code canPad}: whether the owner can send padding at all (a leg with RTX and transport-cc).
     */
    public synchronized boolean process(long nowNanos, boolean canPad) {
        if (clusters.active() == SentPacketLog.NO_CLUSTER && packetsSent > 0) {
            long target = prober.next(estimate, canPad, nowNanos);
            if (target > 0) {
                clusters.start(target, nowNanos);
                probeClusters++;
            }
        }
        return clusters.active() != SentPacketLog.NO_CLUSTER;
    }

    /** Wire bytes of padding the active probe cluster needs now (0 when none is being sent). */
    public synchronized long paddingDue(long nowNanos) {
        long due = clusters.paddingDue(nowNanos);
        if (clusters.takeAbandoned()) prober.abandoned();
        return due;
    }

    // ---- what it concluded ----

    /** The estimate in bits/s: what may be sent toward this subscriber. */
    public synchronized long estimateBps() {
        return estimate;
    }

    public synchronized long delayBasedBps() {
        return delayBased.rateBps();
    }

    public synchronized long lossBasedBps() {
        return lossBased.rateBps();
    }

    /** The acknowledged (received) bitrate, -1 before a whole window of feedback. */
    public synchronized long acknowledgedBps() {
        return acknowledged.bitrateBps();
    }

    public synchronized BandwidthUsage usage() {
        return usage;
    }

    public synchronized long rttNanos() {
        return rttNanos;
    }

    /** The last valid probe measurement, -1 before one. */
    public synchronized long lastProbeResultBps() {
        return lastProbeResult;
    }

    public synchronized long probeClustersStarted() {
        return probeClusters;
    }

    public synchronized long probeResults() {
        return probeResults;
    }

    /** Whether any transport-cc feedback matched what was sent (before that, the estimate is the start rate). */
    public synchronized boolean hasFeedback() {
        return anyFeedback;
    }

    public synchronized long desiredBps() {
        return prober.desiredBps();
    }
}
