package dev.plenum.media.record;

import dev.plenum.media.rtp.RtpHeader;
import io.netty.buffer.ByteBuf;

/**
 * Puts one RTP stream back in sequence order (RFC 3550 §5.1) within a small window, for a recorder: packets are
 * handed on in order; a missing one is waited for until a later packet has waited {@code windowNanos} (long enough
 * for a NACK's repair to arrive), then given up as lost. Duplicates and packets older than what was handed on are
 * dropped. Holds at most {@code capacity} packets (a power of two); a packet too far ahead pushes the window on.
 *
 * <p>Used by one recorder thread; owns the buffers it holds and releases each after handing it on or dropping it.
 */
final class ReorderBuffer {
    /** Where packets go, in order; a gap is announced before the packet after it. */
    interface Sink {
        /** The packet (readerIndex..writerIndex); the sink must not keep it (it is released afterwards). */
        void packet(ByteBuf packet, long extendedSequence, long arrivalNanos);

        void lost(long extendedSequence);
    }

    private final ByteBuf[] slots;
    private final long[] arrivals;
    private final int mask;
    private final long windowNanos;
    private final Sink sink;
    private long next = -1;      // the extended sequence number handed on next; -1 before the first packet
    private long highest = -1;   // the highest extended sequence number held or handed on
    private int held;
    private long dropped;

    ReorderBuffer(int capacity, long windowNanos, Sink sink) {
        if (Integer.bitCount(capacity) != 1) throw new IllegalArgumentException("capacity must be a power of two");
        slots = new ByteBuf[capacity];
        arrivals = new long[capacity];
        mask = capacity - 1;
        this.windowNanos = windowNanos;
        this.sink = sink;
    }

    /** Takes the packet (and its ownership), then hands on what is due at {@code nowNanos}. */
    void add(ByteBuf packet, long arrivalNanos, long nowNanos) {
        int sequence = RtpHeader.sequenceNumber(packet, packet.readerIndex());
        long ext;
        if (next < 0) {
            ext = sequence;
            next = ext;
            highest = ext;
        } else {
            // The 16-bit number nearest the highest seen (RFC 3550 Appendix A.1's idea, both ways).
            long delta = (short) (sequence - (int) (highest & 0xFFFF));
            ext = highest + delta;
        }
        if (ext < next) {
            packet.release(); // late: already handed on or given up
            dropped++;
            return;
        }
        while (ext - next >= slots.length) skipOne(); // far ahead: the oldest wait is over
        if (slots[(int) (ext & mask)] != null) {
            packet.release(); // a duplicate (everything held lies within next .. next + capacity - 1)
            dropped++;
            return;
        }
        slots[(int) (ext & mask)] = packet;
        arrivals[(int) (ext & mask)] = arrivalNanos;
        held++;
        if (ext > highest) highest = ext;
        drain(nowNanos);
    }

    /** Hands on what is in order, and gives up on a gap once a packet behind it has waited the window. */
    void drain(long nowNanos) {
        while (held > 0) {
            int i = (int) (next & mask);
            if (slots[i] != null) {
                handOn(i);
                continue;
            }
            long oldestWaiting = Long.MAX_VALUE;
            for (long s = next + 1; s <= highest; s++) {
                if (slots[(int) (s & mask)] != null) {
                    oldestWaiting = arrivals[(int) (s & mask)];
                    break;
                }
            }
            if (nowNanos - oldestWaiting < windowNanos) return;
            skipOne();
        }
    }

    /** Hands on everything held, in order, the gaps as losses (at the end of a recording). */
    void flush() {
        while (held > 0) {
            int i = (int) (next & mask);
            if (slots[i] != null) handOn(i);
            else skipOne();
        }
    }

    private void handOn(int i) {
        ByteBuf p = slots[i];
        slots[i] = null;
        held--;
        long sequence = next++;
        try {
            sink.packet(p, sequence, arrivals[i]);
        } finally {
            p.release();
        }
    }

    private void skipOne() {
        int i = (int) (next & mask);
        if (slots[i] != null) {
            handOn(i);
            return;
        }
        sink.lost(next++);
    }

    /** Late and duplicate packets dropped so far. */
    long dropped() {
        return dropped;
    }

    /** Releases what is held without handing it on. */
    void clear() {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                slots[i].release();
                slots[i] = null;
            }
        }
        held = 0;
    }
}
