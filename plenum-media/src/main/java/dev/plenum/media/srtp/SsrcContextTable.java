package dev.plenum.media.srtp;

import java.util.Arrays;

/**
 * A bounded set of {@link SsrcContext}s that grows with use. A lookup that misses hands out a reset spare; the
 * caller {@link #install installs} it only once the packet has authenticated, so forged packets with fresh SSRCs
 * cannot push real streams out. When full, the least recently used context is evicted and becomes the next spare.
 *
 * <p>Memory follows the streams actually seen: the table starts with room for {@value #INITIAL_SLOTS} contexts and
 * doubles up to the bound, so a participant with two streams holds a few hundred bytes, not the bound's worth.
 * Lookups go through an open-addressed index (linear probing, at most half full), so a large bound costs nothing
 * per packet. Allocation happens only when a new SSRC is admitted (its context, and a bigger table a few times in
 * a transformer's life), never per packet.
 */
final class SsrcContextTable {
    static final int INITIAL_SLOTS = 4;
    private final int capacity;
    private SsrcContext[] slots;
    private int count;
    /** Position in {@link #slots} plus one, by hash of the SSRC; 0 is an empty bucket. */
    private int[] index;
    private int indexBits;
    private SsrcContext spare = new SsrcContext();
    private long tick;
    private long evictions;

    SsrcContextTable(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        resize(Math.min(INITIAL_SLOTS, capacity));
    }

    /** The installed context for {@code ssrc}, or the spare reset to it (not yet installed). */
    SsrcContext lookup(int ssrc) {
        int mask = index.length - 1;
        for (int b = home(ssrc); index[b] != 0; b = (b + 1) & mask) {
            SsrcContext c = slots[index[b] - 1];
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
        if (count < capacity) {
            if (count == slots.length) {
                resize(Math.min(capacity, slots.length * 2));
            }
            slots[count] = c;
            insert(c.ssrc, count);
            count++;
            spare = new SsrcContext();
            return;
        }
        int lru = 0;
        for (int i = 1; i < count; i++) {
            if (slots[i].lastUsed < slots[lru].lastUsed) {
                lru = i;
            }
        }
        remove(slots[lru].ssrc);
        spare = slots[lru];
        slots[lru] = c;
        insert(c.ssrc, lru);
        evictions++;
    }

    int size() { return count; }

    /** Contexts the table has room for before it grows again (for tests). */
    int allocatedSlots() { return slots.length; }

    long evictions() { return evictions; }

    private int home(int ssrc) {
        return (ssrc * 0x9E3779B9) >>> (32 - indexBits); // Fibonacci hashing: SSRCs are random, but tests use 1, 2, 3
    }

    private void resize(int slotCount) {
        slots = slots == null ? new SsrcContext[slotCount] : Arrays.copyOf(slots, slotCount);
        indexBits = Integer.numberOfTrailingZeros(Integer.highestOneBit(slotCount)) + 2; // at most half full
        index = new int[1 << indexBits];
        for (int i = 0; i < count; i++) {
            insert(slots[i].ssrc, i);
        }
    }

    private void insert(int ssrc, int position) {
        int mask = index.length - 1;
        int b = home(ssrc);
        while (index[b] != 0) {
            b = (b + 1) & mask;
        }
        index[b] = position + 1;
    }

    /** Removes an installed SSRC, moving later entries of its probe run back so no lookup stops short. */
    private void remove(int ssrc) {
        int mask = index.length - 1;
        int hole = home(ssrc);
        while (slots[index[hole] - 1].ssrc != ssrc) {
            hole = (hole + 1) & mask;
        }
        index[hole] = 0;
        for (int b = (hole + 1) & mask; index[b] != 0; b = (b + 1) & mask) {
            int h = home(slots[index[b] - 1].ssrc);
            boolean reachable = hole <= b ? (hole < h && h <= b) : (hole < h || h <= b);
            if (!reachable) {
                index[hole] = index[b];
                index[b] = 0;
                hole = b;
            }
        }
    }
}
