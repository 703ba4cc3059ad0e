package dev.plenum.media.bwe;

import java.util.Arrays;

/**
 * What went out under each recent transport-wide sequence number (draft-holmer-rmcat-transport-wide-cc-extensions-01
 * §2): its send time, its size on the wire and the probe cluster it belonged to, so the subscriber's feedback, which
 * names packets by that number only, can be matched to what was sent. A ring of primitive arrays indexed by the low
 * bits of the 16-bit number; each slot keeps the full number, so a slot overwritten by a later packet (the sequence
 * wrapped, or the ring went round) is recognised and not taken for the one asked about.
 *
 * <p>Not thread-safe (its owner's lock guards it). Allocates nothing after construction.
 */
public final class SentPacketLog {
    /** About 3 s of 8 Mbit/s in 1200-byte packets: longer than any feedback takes to come back. */
    public static final int DEFAULT_CAPACITY = 4096;
    /** What {@link #cluster} holds for a packet sent outside any probe cluster. */
    public static final int NO_CLUSTER = -1;
    private static final int EMPTY = -1;

    private final int mask;
    private final int[] sequences;
    private final long[] sendNanos;
    private final int[] sizes;
    private final int[] clusters;
    /** Whether feedback already reported the packet received (a second report of it is not counted again). */
    private final boolean[] acknowledged;

    public SentPacketLog() {
        this(DEFAULT_CAPACITY);
    }

    /** @param capacity a power of two, at most 65536 */
    public SentPacketLog(int capacity) {
        if (capacity <= 0 || capacity > 0x10000 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two up to 65536: " + capacity);
        }
        mask = capacity - 1;
        sequences = new int[capacity];
        Arrays.fill(sequences, EMPTY);
        sendNanos = new long[capacity];
        sizes = new int[capacity];
        clusters = new int[capacity];
        acknowledged = new boolean[capacity];
    }

    /** Notes a packet sent under {@code sequence} (16 bits) at {@code nanos}, {@code size} bytes on the wire. */
    public void record(int sequence, long nanos, int size, int cluster) {
        int slot = sequence & mask;
        sequences[slot] = sequence & 0xFFFF;
        sendNanos[slot] = nanos;
        sizes[slot] = size;
        clusters[slot] = cluster;
        acknowledged[slot] = false;
    }

    /** The slot that holds {@code sequence}, or -1 when it was never sent or has been overwritten. */
    public int slot(int sequence) {
        int slot = sequence & mask;
        return sequences[slot] == (sequence & 0xFFFF) ? slot : -1;
    }

    public long sendNanos(int slot) {
        return sendNanos[slot];
    }

    public int size(int slot) {
        return sizes[slot];
    }

    public int cluster(int slot) {
        return clusters[slot];
    }

    /** Marks the packet acknowledged; returns false when it already was. */
    public boolean acknowledge(int slot) {
        if (acknowledged[slot]) return false;
        acknowledged[slot] = true;
        return true;
    }

    public boolean acknowledged(int slot) {
        return acknowledged[slot];
    }
}
