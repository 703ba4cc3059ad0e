package dev.plenum.media.nack;

import dev.plenum.media.rtp.RtpHeader;
import io.netty.buffer.ByteBuf;

/**
 * The packets a publisher recently sent on one video stream, kept once for all its subscribers so that their NACKs
 * can be answered (RFC 4585 §6.2.1, RFC 4588 §3). Keyed by the publisher's sequence number and holding the clear
 * packet as it arrived; each subscriber's {@link SentPackets} maps its own numbering back to it.
 *
 * <p>Memory is allocated once, the slab at the first packet: one byte slab used as a ring (packets are laid end to
 * end and the oldest are overwritten) and a table of {@code slots} entries indexed by {@code sequence mod slots}. An
 * entry is found only while its slot still names its sequence number and its bytes were not yet overwritten, so
 * whichever limit comes first (slots or bytes) bounds how far back the history reaches: with the defaults, 512
 * packets or 256 KiB, about a second of video at 2 Mbit/s.
 *
 * <p>Thread model: recorded on the publisher's receive thread, read on subscribers' receive threads; every method
 * holds this object's monitor (never contended for long: a copy of one packet). Allocates nothing.
 */
public final class PacketHistory {
    public static final int DEFAULT_SLOTS = 512;
    public static final int DEFAULT_BYTES = 256 * 1024;
    /** The longest packet kept: a full Ethernet MTU with room to spare. */
    public static final int MAX_PACKET = 2048;
    /** What {@link #copy} returns for a sequence number that is not (or no longer) held. */
    public static final int NOT_HELD = -1;

    private final int capacity;
    /** Allocated at the first packet, so legs that never carry any (paused, audio only) cost only the table. */
    private byte[] slab;
    private final int mask;
    private final int[] sequences;
    private final long[] starts;
    private final int[] lengths;
    /** Bytes ever written (virtual position); the slab holds the last {@code capacity} of them. */
    private long written;

    public PacketHistory() {
        this(DEFAULT_SLOTS, DEFAULT_BYTES);
    }

    /** @param slots a power of two; {@code bytes} at least two maximal packets ({@link #MAX_PACKET}) */
    public PacketHistory(int slots, int bytes) {
        if (slots <= 0 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two: " + slots);
        }
        if (bytes < 2 * MAX_PACKET) throw new IllegalArgumentException("bytes must hold at least one packet: " + bytes);
        capacity = bytes;
        mask = slots - 1;
        sequences = new int[slots];
        java.util.Arrays.fill(sequences, -1);
        starts = new long[slots];
        lengths = new int[slots];
    }

    /**
     * Keeps a copy of the RTP packet {@code packet[offset, offset+length)} under its sequence number, replacing
     * whatever its slot held. A packet longer than {@link #MAX_PACKET} is not kept.
     */
    public synchronized void record(ByteBuf packet, int offset, int length) {
        if (length < 12 || length > MAX_PACKET) return;
        if (slab == null) slab = new byte[capacity];
        int at = (int) (written % capacity);
        if (at + length > capacity) { // packets never straddle the end of the slab
            written += capacity - at;
            at = 0;
        }
        int sequence = RtpHeader.sequenceNumber(packet, offset);
        int slot = sequence & mask;
        packet.getBytes(offset, slab, at, length);
        sequences[slot] = sequence;
        starts[slot] = written;
        lengths[slot] = length;
        written += length;
    }

    /** Whether the packet with this sequence number is still held. */
    public synchronized boolean holds(int sequence) {
        return held(sequence & 0xFFFF) >= 0;
    }

    /**
     * Writes the held packet with this sequence number at {@code out}'s writer index and returns its length, or
     * {@link #NOT_HELD} (then nothing is written).
     */
    public synchronized int copy(int sequence, ByteBuf out) {
        int slot = held(sequence & 0xFFFF);
        if (slot < 0) return NOT_HELD;
        int length = lengths[slot];
        out.writeBytes(slab, (int) (starts[slot] % capacity), length);
        return length;
    }

    /** The slot holding {@code sequence}, or -1 when it was never recorded or has been overwritten. */
    private int held(int sequence) {
        int slot = sequence & mask;
        if (sequences[slot] != sequence) return -1;
        return written - starts[slot] <= capacity ? slot : -1;
    }
}
