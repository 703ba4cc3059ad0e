package dev.plenum.media.srtp;

/**
 * A bounded set of {@link SsrcContext}s, all allocated up front. A lookup that misses hands out a reset spare;
 * the caller {@link #install installs} it only once the packet has authenticated, so forged packets with fresh
 * SSRCs cannot push real streams out. When full, the least recently used context is evicted and becomes the
 * next spare. Linear search is fine at the small bounds an SFU participant needs (a few dozen streams).
 */
final class SsrcContextTable {
    private final SsrcContext[] pool;
    private final SsrcContext[] slots;
    private int count;
    private SsrcContext spare;
    private long tick;
    private long evictions;

    SsrcContextTable(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        pool = new SsrcContext[capacity + 1];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new SsrcContext();
        }
        slots = new SsrcContext[capacity];
        spare = pool[0];
    }

    /** The installed context for {@code ssrc}, or the spare reset to it (not yet installed). */
    SsrcContext lookup(int ssrc) {
        for (int i = 0; i < count; i++) {
            SsrcContext c = slots[i];
            if (c.ssrc == ssrc) {
                c.lastUsed = ++tick;
                return c;
            }
        }
        spare.reset(ssrc);
        return spare;
    }

    boolean isInstalled(SsrcContext c) { return c != spare; }

    /** Installs the spare returned by {@link #lookup}; a no-op for a context already installed. */
    void install(SsrcContext c) {
        if (c != spare) {
            return;
        }
        c.lastUsed = ++tick;
        if (count < slots.length) {
            // Until the table first fills, slots[i] == pool[i] and pool[count] is unused.
            slots[count++] = c;
            spare = pool[count];
            return;
        }
        int lru = 0;
        for (int i = 1; i < count; i++) {
            if (slots[i].lastUsed < slots[lru].lastUsed) {
                lru = i;
            }
        }
        spare = slots[lru];
        slots[lru] = c;
        evictions++;
    }

    int size() { return count; }

    long evictions() { return evictions; }
}
