package dev.plenum.media.bwe;

/**
 * Groups acknowledged packets into bursts and yields the delay variation between consecutive groups
 * (draft-ietf-rmcat-gcc-02 §5.2): a group is the packets sent within {@value #GROUP_MS} ms of its first one, plus
 * packets that arrive within {@value #GROUP_MS} ms of the group's last one while their one-way delay fell (a burst
 * the network delivered back to back after a pause, which says nothing about a growing queue). For each completed
 * group, {@code d(i) = (t(i) - t(i-1)) - (T(i) - T(i-1))}, with {@code t} the arrival and {@code T} the send time of
 * the group's last packet.
 *
 * <p>Not thread-safe. Allocates nothing.
 */
public final class ArrivalGroups {
    static final long GROUP_MS = 5;
    private static final long GROUP_NANOS = GROUP_MS * 1_000_000L;
    private static final long MAX_BURST_NANOS = 100_000_000L;
    /** An arrival-clock jump this large (a receiver restart) resets the groups. */
    private static final long RESET_NANOS = 3_000_000_000L;

    private boolean hasCurrent;
    private long firstSend;
    private long lastSend;
    private long firstArrival;
    private long lastArrival;
    private boolean hasPrevious;
    private long previousLastSend;
    private long previousLastArrival;

    private double sendDeltaMs;
    private double delayVariationMs;
    private long completedArrival;

    /**
     * Adds a packet (in the order the feedback reports them). Returns true when it completed a group, whose variation
     * {@link #delayVariationMs()}, {@link #sendDeltaMs()} and {@link #completedArrivalNanos()} then describe.
     */
    public boolean add(long sendNanos, long arrivalNanos) {
        if (!hasCurrent) {
            start(sendNanos, arrivalNanos);
            return false;
        }
        if (sendNanos < firstSend) return false; // reordered across groups: no usable delta
        if (belongsToGroup(sendNanos, arrivalNanos)) {
            lastSend = Math.max(lastSend, sendNanos);
            lastArrival = Math.max(lastArrival, arrivalNanos);
            return false;
        }
        boolean completed = false;
        if (hasPrevious) {
            long sendDelta = lastSend - previousLastSend;
            long arrivalDelta = lastArrival - previousLastArrival;
            if (Math.abs(arrivalDelta - sendDelta) > RESET_NANOS) {
                hasPrevious = false;
                start(sendNanos, arrivalNanos);
                return false;
            }
            sendDeltaMs = sendDelta / 1e6;
            delayVariationMs = (arrivalDelta - sendDelta) / 1e6;
            completedArrival = lastArrival;
            completed = true;
        }
        hasPrevious = true;
        previousLastSend = lastSend;
        previousLastArrival = lastArrival;
        start(sendNanos, arrivalNanos);
        return completed;
    }

    private void start(long sendNanos, long arrivalNanos) {
        hasCurrent = true;
        firstSend = lastSend = sendNanos;
        firstArrival = lastArrival = arrivalNanos;
    }

    private boolean belongsToGroup(long sendNanos, long arrivalNanos) {
        if (sendNanos - firstSend <= GROUP_NANOS) return true;
        long arrivalDelta = arrivalNanos - lastArrival;
        long propagationDelta = arrivalDelta - (sendNanos - lastSend);
        return propagationDelta < 0 && arrivalDelta <= GROUP_NANOS && arrivalNanos - firstArrival < MAX_BURST_NANOS;
    }

    public double delayVariationMs() {
        return delayVariationMs;
    }

    public double sendDeltaMs() {
        return sendDeltaMs;
    }

    public long completedArrivalNanos() {
        return completedArrival;
    }
}
