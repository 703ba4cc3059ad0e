package dev.plenum.media.nack;

import java.util.Arrays;

/**
 * What one subscriber's leg sent, in its own numbering, as a small ring: for each recent outgoing sequence number the
 * publisher's sequence number behind it and the timestamp the subscriber saw. With the track's shared
 * {@link PacketHistory} this rebuilds any recently sent packet for a NACK, so the bytes of a video packet are kept
 * once per publisher, not once per subscriber (about 10 KB per leg instead of a copy of every packet).
 *
 * <p>Each entry also remembers when it was last resent, so NACKs repeated for one packet within an interval (about a
 * round trip) are answered once.
 *
 * <p>Thread model: recorded on the publisher's forwarding thread, read on the subscriber's receive thread; every
 * method holds this object's monitor for a few array accesses. Allocates nothing after construction.
 */
public final class SentPackets {
    public static final int DEFAULT_SLOTS = 512;
    /** What {@link #lookup} returns for an outgoing sequence number that is not (or no longer) known. */
    public static final long NOT_HELD = -1;
    /** What {@link #lookup} returns when the packet was resent less than the interval ago. */
    public static final long RESENT_RECENTLY = -2;
    private static final long NEVER = Long.MIN_VALUE;

    private final int mask;
    private final int[] outputSequences;
    private final int[] sourceSequences;
    private final int[] outputTimestamps;
    private final long[] resentNanos;

    public SentPackets() {
        this(DEFAULT_SLOTS);
    }

    /** @param slots a power of two */
    public SentPackets(int slots) {
        if (slots <= 0 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two: " + slots);
        }
        mask = slots - 1;
        outputSequences = new int[slots];
        Arrays.fill(outputSequences, -1);
        sourceSequences = new int[slots];
        outputTimestamps = new int[slots];
        resentNanos = new long[slots];
    }

    /**
     * The leg sent {@code outputSequence} (its numbering) for the publisher's packet {@code source}: its sequence
     * number in the low 16 bits, and above them whatever else the leg needs to find and rebuild it (its simulcast
     * layer, the numbering epoch), kept as given.
     */
    public synchronized void record(int outputSequence, int source, long outputTimestamp) {
        int slot = outputSequence & mask;
        outputSequences[slot] = outputSequence & 0xFFFF;
        sourceSequences[slot] = source;
        outputTimestamps[slot] = (int) outputTimestamp;
        resentNanos[slot] = NEVER;
    }

    /**
     * The packet this leg sent as {@code outputSequence}: {@link #sourceSequence} and {@link #outputTimestamp} of
     * the returned value tell which and how; or {@link #NOT_HELD}, or {@link #RESENT_RECENTLY} when it was resent less
     * than {@code minResendIntervalNanos} before {@code nowNanos}. A packet found counts as resent at {@code nowNanos}.
     */
    public synchronized long lookup(int outputSequence, long nowNanos, long minResendIntervalNanos) {
        int slot = outputSequence & mask;
        if (outputSequences[slot] != (outputSequence & 0xFFFF)) return NOT_HELD;
        if (resentNanos[slot] != NEVER && nowNanos - resentNanos[slot] < minResendIntervalNanos) return RESENT_RECENTLY;
        resentNanos[slot] = nowNanos;
        return ((long) sourceSequences[slot] << 32) | (outputTimestamps[slot] & 0xFFFF_FFFFL);
    }

    /** The publisher's packet as {@link #record} was given it ({@code source}), in a value {@link #lookup} found. */
    public static int source(long found) {
        return (int) (found >>> 32);
    }

    /** The RTP timestamp the subscriber saw, in a value {@link #lookup} found. */
    public static long outputTimestamp(long found) {
        return found & 0xFFFF_FFFFL;
    }
}
