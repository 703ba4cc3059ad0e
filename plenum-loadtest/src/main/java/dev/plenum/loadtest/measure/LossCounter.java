package dev.plenum.loadtest.measure;

/**
 * Loss of one RTP stream from the clear header's sequence numbers (RFC 3550 §6.4.1, Appendix A.3), counting
 * duplicates and reordering apart: a duplicate does not hide a loss, a late packet is not lost.
 *
 * <p>Sequence numbers are extended to 64 bits by taking the one nearest the highest seen (serial arithmetic on 16
 * bits), which follows wrap-around in both directions. A window of the last {@value #WINDOW} extended sequence
 * numbers remembers which arrived, so a second copy is told from a late first copy; anything older than the window
 * counts as received (a packet that late is rare on a loopback or LAN path).
 *
 * <p>Expected = highest − lowest + 1 over what arrived; lost = expected − distinct received, never negative.
 * Not thread-safe: owned by the thread that receives the stream. Allocates nothing per packet.
 */
public final class LossCounter {
    static final int WINDOW = 2048;
    private final long[] seen = new long[WINDOW / 64];
    private boolean started;
    private long lowest;
    private long highest;
    private long received;
    private long duplicates;
    private long reordered;
    private long expectedAtLastReport;
    private long receivedAtLastReport;

    /** Records one arrival of {@code sequenceNumber} (0..65535). */
    public void packet(int sequenceNumber) {
        int seq = sequenceNumber & 0xFFFF;
        if (!started) {
            started = true;
            lowest = highest = seq;
            mark(seq);
            received = 1;
            return;
        }
        int delta = (short) (seq - (int) (highest & 0xFFFF)); // nearest extension, -32768..32767
        long ext = highest + delta;
        if (delta > 0) {
            for (long s = Math.max(highest + 1, ext - WINDOW + 1); s < ext; s++) {
                clear(s); // slots reused for numbers skipped over: not (yet) received
            }
            highest = ext;
            mark(ext);
            received++;
        } else if (delta == 0) {
            duplicates++;
        } else if (highest - ext >= WINDOW) {
            received++; // older than the window: cannot tell a copy from a late first copy
            reordered++;
            lowest = Math.min(lowest, ext);
        } else if (isMarked(ext)) {
            duplicates++;
        } else {
            mark(ext);
            received++;
            reordered++;
            lowest = Math.min(lowest, ext);
        }
    }

    private void mark(long ext) {
        int slot = (int) (ext & (WINDOW - 1));
        seen[slot >>> 6] |= 1L << slot;
    }

    private void clear(long ext) {
        int slot = (int) (ext & (WINDOW - 1));
        seen[slot >>> 6] &= ~(1L << slot);
    }

    private boolean isMarked(long ext) {
        int slot = (int) (ext & (WINDOW - 1));
        return (seen[slot >>> 6] & (1L << slot)) != 0;
    }

    public boolean started() { return started; }

    /** Packets that should have arrived: highest − lowest + 1 in extended sequence numbers. */
    public long expected() { return started ? highest - lowest + 1 : 0; }

    /** Distinct packets that arrived. */
    public long received() { return received; }

    public long lost() { return Math.max(0, expected() - received); }

    public long duplicates() { return duplicates; }

    /** Packets that arrived after a later-numbered one. */
    public long reordered() { return reordered; }

    /** Highest extended sequence number, cycles in the high bits (the RR field, RFC 3550 §6.4.1). */
    public long extendedHighest() { return highest; }

    /** Loss as a fraction 0..1 of what was expected. */
    public double lossFraction() {
        long e = expected();
        return e == 0 ? 0 : (double) lost() / e;
    }

    /**
     * The RR "fraction lost" since the previous call, in 1/256 (RFC 3550 §6.4.1, Appendix A.3); 0 when more
     * arrived than expected in the interval (duplicates or late packets).
     */
    public int takeFractionLost() {
        long expected = expected();
        long expectedInterval = expected - expectedAtLastReport;
        long receivedInterval = received - receivedAtLastReport;
        expectedAtLastReport = expected;
        receivedAtLastReport = received;
        long lostInterval = expectedInterval - receivedInterval;
        return expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
    }
}
