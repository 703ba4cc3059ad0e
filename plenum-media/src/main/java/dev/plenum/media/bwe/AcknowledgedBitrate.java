package dev.plenum.media.bwe;

/**
 * The rate at which the subscriber received what was sent, from the arrival times and sizes its feedback
 * acknowledged: bytes that arrived within the last {@value #WINDOW_MS} ms of the latest arrival, over that window.
 * This is the "acknowledged bitrate" the rate controllers decrease from (draft-ietf-rmcat-gcc-02 §5.5 uses the
 * incoming rate R measured at the receiver; with transport-wide feedback the sender measures it).
 *
 * <p>A ring of (arrival, size) pairs in primitive arrays with a running sum. Not thread-safe. Allocates nothing.
 */
public final class AcknowledgedBitrate {
    static final long WINDOW_MS = 250;
    private static final long WINDOW_NANOS = WINDOW_MS * 1_000_000L;
    private static final int CAPACITY = 4096;

    private final long[] arrivals = new long[CAPACITY];
    private final int[] sizes = new int[CAPACITY];
    private int head; // oldest
    private int count;
    private long bytes;
    private long firstArrival = Long.MIN_VALUE;
    private long latestArrival = Long.MIN_VALUE;

    /** A packet acknowledged as received at {@code arrivalNanos} (the receiver's clock), {@code size} bytes. */
    public void received(long arrivalNanos, int size) {
        if (firstArrival == Long.MIN_VALUE) firstArrival = arrivalNanos;
        if (arrivalNanos > latestArrival) latestArrival = arrivalNanos;
        if (count == CAPACITY) drop();
        int tail = (head + count) % CAPACITY;
        arrivals[tail] = arrivalNanos;
        sizes[tail] = size;
        count++;
        bytes += size;
        while (count > 0 && arrivals[head] <= latestArrival - WINDOW_NANOS) drop();
    }

    private void drop() {
        bytes -= sizes[head];
        head = (head + 1) % CAPACITY;
        count--;
    }

    /** The acknowledged bitrate in bits/s, or -1 until a whole window has been observed. */
    public long bitrateBps() {
        if (firstArrival == Long.MIN_VALUE || latestArrival - firstArrival < WINDOW_NANOS) return -1;
        return bytes * 8 * 1_000_000_000L / WINDOW_NANOS;
    }
}
