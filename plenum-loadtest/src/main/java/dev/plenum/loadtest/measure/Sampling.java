package dev.plenum.loadtest.measure;

/**
 * Which received packets feed the delay figures: one in {@link #decryptEvery()} per track is decrypted for its
 * send-time stamp, and its delay is recorded only once the steady state has begun. Until the run sets that moment
 * (every participant connected, then a warm-up), nothing is recorded: handshakes, first keyframes and both sides'
 * JIT would otherwise dominate the tail. Shared by every track; the start is a volatile read per sampled packet.
 */
public final class Sampling {
    private final int decryptEvery;
    private volatile long delaysFromNanos;

    /** @param delaysFromNanos the {@link System#nanoTime()} from which delays count; {@link Long#MAX_VALUE}: not yet */
    public Sampling(int decryptEvery, long delaysFromNanos) {
        if (decryptEvery < 1) throw new IllegalArgumentException("decryptEvery must be at least 1");
        this.decryptEvery = decryptEvery;
        this.delaysFromNanos = delaysFromNanos;
    }

    /** Every packet decrypted, every delay recorded. */
    public static Sampling all() {
        return new Sampling(1, Long.MIN_VALUE);
    }

    public int decryptEvery() { return decryptEvery; }

    public long delaysFromNanos() { return delaysFromNanos; }

    /** Delays arriving from {@code nanoTime} on are recorded. */
    public void startDelaysAt(long nanoTime) {
        delaysFromNanos = nanoTime;
    }
}
