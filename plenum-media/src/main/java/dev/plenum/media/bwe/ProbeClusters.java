package dev.plenum.media.bwe;

/**
 * Probe clusters (as libwebrtc's prober and probe bitrate estimator): a short burst sent at a target rate above the
 * estimate, whose feedback says whether the path carried it. While a cluster is active every packet sent is part
 * of it (media and the padding that tops it up to the target rate); {@link #paddingDue} paces the padding so the
 * cluster lasts about {@value #DURATION_MS} ms with at least {@value #MIN_PACKETS} packets. From the acknowledged
 * packets of a cluster: send rate = bytes sent but the last / (last send − first send), receive rate = bytes received
 * but the first / (last arrival − first arrival); the probed rate is the smaller, or 0.95 × the receive rate when the
 * path delivered clearly less than was sent (the bottleneck's rate). A cluster with fewer than 80 % of its minimum
 * packets acknowledged, or received "faster" than twice its send rate, is no measurement.
 *
 * <p>A few fixed slots of primitive fields. Not thread-safe. Allocates nothing.
 */
public final class ProbeClusters {
    static final int MIN_PACKETS = 5;
    static final long DURATION_MS = 15;
    /** Assumed size of a padding packet on the wire when sizing a cluster (255 padding octets and headers). */
    public static final int PADDING_PACKET_WIRE_BYTES = 300;
    private static final long DURATION_NANOS = DURATION_MS * 1_000_000L;
    private static final long TIMEOUT_NANOS = 1_000_000_000L;
    private static final int SLOTS = 4;

    private final int[] ids = new int[SLOTS];
    private final long[] targetBps = new long[SLOTS];
    private final long[] startNanos = new long[SLOTS];
    private final long[] targetBytes = new long[SLOTS];
    private final int[] sentPackets = new int[SLOTS];
    private final long[] sentBytes = new long[SLOTS];
    private final long[] lastSentNanos = new long[SLOTS];
    private final boolean[] sending = new boolean[SLOTS];
    private final int[] reportedPackets = new int[SLOTS];
    private final int[] receivedPackets = new int[SLOTS];
    private final long[] receivedBytes = new long[SLOTS];
    private final long[] minSend = new long[SLOTS];
    private final long[] maxSend = new long[SLOTS];
    private final int[] maxSendSize = new int[SLOTS];
    private final long[] minArrival = new long[SLOTS];
    private final int[] minArrivalSize = new int[SLOTS];
    private final long[] maxArrival = new long[SLOTS];
    private int nextId;
    private int active = SentPacketLog.NO_CLUSTER;
    private long lastTarget;

    public ProbeClusters() {
        java.util.Arrays.fill(ids, SentPacketLog.NO_CLUSTER);
    }

    /** Starts a cluster at {@code bps}; returns its id. An earlier cluster in the same slot is forgotten. */
    public int start(long bps, long nowNanos) {
        int id = nextId;
        nextId = (nextId + 1) & 0x7FFF_FFFF;
        int s = id % SLOTS;
        ids[s] = id;
        targetBps[s] = bps;
        startNanos[s] = nowNanos;
        targetBytes[s] = Math.max(bps * DURATION_NANOS / 8_000_000_000L, (long) MIN_PACKETS * PADDING_PACKET_WIRE_BYTES);
        sentPackets[s] = 0;
        sentBytes[s] = 0;
        sending[s] = true;
        reportedPackets[s] = 0;
        receivedPackets[s] = 0;
        receivedBytes[s] = 0;
        minSend[s] = Long.MAX_VALUE;
        maxSend[s] = Long.MIN_VALUE;
        minArrival[s] = Long.MAX_VALUE;
        maxArrival[s] = Long.MIN_VALUE;
        active = id;
        lastTarget = bps;
        return id;
    }

    /** The cluster being sent, or {@link SentPacketLog#NO_CLUSTER}. */
    public int active() {
        return active;
    }

    /** The target rate of the last cluster started. */
    public long lastTargetBps() {
        return lastTarget;
    }

    /** A packet of the active cluster went out. */
    public void sent(int cluster, long nowNanos, int size) {
        int s = slotOf(cluster);
        if (s < 0) return;
        sentPackets[s]++;
        sentBytes[s] += size;
        lastSentNanos[s] = nowNanos;
        if (sentBytes[s] >= targetBytes[s] && sentPackets[s] >= MIN_PACKETS) {
            sending[s] = false;
            if (active == cluster) active = SentPacketLog.NO_CLUSTER;
        }
    }

    /**
     * Bytes (on the wire) of padding the active cluster needs now to keep to its target rate, 0 when none is active.
     * A cluster that could not be sent within a second (nothing to pad with) is abandoned.
     */
    public long paddingDue(long nowNanos) {
        if (active == SentPacketLog.NO_CLUSTER) return 0;
        int s = slotOf(active);
        long elapsed = nowNanos - startNanos[s];
        if (elapsed > TIMEOUT_NANOS) {
            sending[s] = false;
            ids[s] = SentPacketLog.NO_CLUSTER;
            active = SentPacketLog.NO_CLUSTER;
            abandoned = true;
            return 0;
        }
        long due = Math.min(targetBytes[s], targetBps[s] * elapsed / 8_000_000_000L + PADDING_PACKET_WIRE_BYTES);
        long missing = due - sentBytes[s];
        if (missing <= 0 && sentBytes[s] >= targetBytes[s] && sentPackets[s] < MIN_PACKETS) {
            missing = PADDING_PACKET_WIRE_BYTES; // large media packets filled the bytes: still need the packets
        }
        return Math.max(0, missing);
    }

    /** Feedback on one packet of {@code cluster}: received at {@code arrivalNanos}, or lost ({@code received} false). */
    public void reported(int cluster, long sendNanos, boolean received, long arrivalNanos, int size) {
        int s = slotOf(cluster);
        if (s < 0) return;
        reportedPackets[s]++;
        if (!received) return;
        receivedPackets[s]++;
        receivedBytes[s] += size;
        if (sendNanos < minSend[s]) minSend[s] = sendNanos;
        if (sendNanos > maxSend[s]) {
            maxSend[s] = sendNanos;
            maxSendSize[s] = size;
        }
        if (arrivalNanos < minArrival[s]) {
            minArrival[s] = arrivalNanos;
            minArrivalSize[s] = size;
        }
        if (arrivalNanos > maxArrival[s]) maxArrival[s] = arrivalNanos;
    }

    /**
     * The probed rate of a cluster whose feedback is complete (every packet reported, or a second passed since it was
     * sent), in bits/s; 0 when a cluster finished without a valid measurement; -1 when none finished. Each finished
     * cluster is reported once, through this method or {@link #lastFinishedTarget()}.
     */
    public long takeResult(long nowNanos) {
        for (int s = 0; s < SLOTS; s++) {
            if (ids[s] == SentPacketLog.NO_CLUSTER || sending[s]) continue;
            boolean complete = reportedPackets[s] >= sentPackets[s];
            if (!complete && nowNanos - lastSentNanos[s] < TIMEOUT_NANOS) continue;
            ids[s] = SentPacketLog.NO_CLUSTER;
            finishedTarget = targetBps[s];
            return rate(s);
        }
        return -1;
    }

    private long finishedTarget;
    private boolean abandoned;

    /** Whether a cluster was abandoned since the last call (it could not be sent within a second). */
    public boolean takeAbandoned() {
        boolean was = abandoned;
        abandoned = false;
        return was;
    }

    /** The target rate of the cluster {@link #takeResult} last reported. */
    public long lastFinishedTarget() {
        return finishedTarget;
    }

    private long rate(int s) {
        if (receivedPackets[s] * 5 < MIN_PACKETS * 4) return 0;
        long sendInterval = maxSend[s] - minSend[s];
        long receiveInterval = maxArrival[s] - minArrival[s];
        if (sendInterval <= 0 || receiveInterval <= 0 || sendInterval > TIMEOUT_NANOS || receiveInterval > TIMEOUT_NANOS) {
            return 0;
        }
        double sendBps = (receivedBytes[s] - maxSendSize[s]) * 8e9 / sendInterval;
        double receiveBps = (receivedBytes[s] - minArrivalSize[s]) * 8e9 / receiveInterval;
        if (receiveBps > 2 * sendBps) return 0;
        double probed = Math.min(sendBps, receiveBps);
        if (receiveBps < 0.9 * sendBps) probed = 0.95 * receiveBps;
        return (long) probed;
    }

    private int slotOf(int cluster) {
        if (cluster < 0) return -1;
        int s = cluster % SLOTS;
        return ids[s] == cluster ? s : -1;
    }
}
