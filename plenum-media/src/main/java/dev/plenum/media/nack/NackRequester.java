package dev.plenum.media.nack;

import dev.plenum.media.rtcp.RtcpWriter;
import io.netty.buffer.ByteBuf;

/**
 * Finds the packets lost on a publisher's link and says when to request them with a Generic NACK (RFC 4585 §6.2.1):
 * a sequence number skipped by a newer packet is missing; it is requested at once, then again after a retry interval
 * up to {@link #MAX_REQUESTS} times. The interval is twice the smoothed repair time (from a first request to its
 * repair, RFC 6298's gain of 1/8), between {@link #MIN_RETRY_NANOS} and {@code maxRetryNanos}, which it starts at. A repair is still taken for
 * {@link #KEEP_OPEN_NANOS} after the last request (a busy publisher's pacer may hold retransmissions that long); then
 * the packet is given up. A packet that arrives (late, or repaired by RTX) leaves the list.
 *
 * <p>It also tells which arrivals are worth forwarding: a packet already received (an RTX repair of a packet that came
 * after all, a late duplicate) must not be forwarded again, because the subscriber's leg would protect different bytes
 * (a fresh transport-wide sequence number) under an SRTP index it already used.
 *
 * <p>Bounds: at most {@link #MAX_MISSING} sequence numbers are tracked (the oldest give way); a jump of more than
 * {@link #MAX_GAP} forwards, or back, is taken as a new start of the stream, not as loss.
 *
 * <p>Thread model: called from the publisher's receive thread and the node's feedback timer; every method holds this
 * object's monitor. Allocates nothing.
 */
public final class NackRequester {
    public static final int MAX_MISSING = 256;
    public static final int MAX_GAP = 256;
    public static final int MAX_REQUESTS = 3;
    public static final long KEEP_OPEN_NANOS = 1_000_000_000L;
    public static final long MIN_RETRY_NANOS = 20_000_000L;

    private final long maxRetryNanos;
    private long retryIntervalNanos;
    private long smoothedRepairNanos = -1;
    /** The longest NACK {@link #writeDueNack} writes: header, sender and media SSRC, one FCI per sequence number. */
    public static final int MAX_NACK_BYTES = 12 + 4 * MAX_MISSING;

    private final int[] scratch = new int[MAX_MISSING];
    private final int[] missing = new int[MAX_MISSING];
    private final long[] requestedAt = new long[MAX_MISSING];
    private final int[] requests = new int[MAX_MISSING];
    private int count;
    private boolean started;
    private int highest;
    private long givenUp;

    /** The longest wait before a NACK is repeated (shorter once repairs show the round trip), as browsers wait. */
    public static final long DEFAULT_MAX_RETRY_NANOS = 100_000_000L;

    public NackRequester(long maxRetryNanos) {
        this.maxRetryNanos = maxRetryNanos;
        this.retryIntervalNanos = maxRetryNanos;
    }

    /**
     * An original packet of the stream arrived. Returns true when it is news: newer than any so far, one of the
     * missing, or so far behind that the stream must have started again; false for a packet received before or given
     * up (not to be forwarded).
     */
    public synchronized boolean received(int sequence) {
        int seq = sequence & 0xFFFF;
        if (!started) {
            started = true;
            highest = seq;
            return true;
        }
        int ahead = (seq - highest) & 0xFFFF;
        if (ahead == 0) return false;
        if (ahead < 0x8000) {
            if (ahead > MAX_GAP) {
                count = 0; // a new start: what was missing before it no longer matters
            } else {
                for (int s = highest + 1; s != highest + ahead; s++) add(s & 0xFFFF);
            }
            highest = seq;
            return true;
        }
        if (fill(seq)) return true;
        if (((highest - seq) & 0xFFFF) > MAX_GAP) { // a jump back: the publisher's numbering started again
            count = 0;
            highest = seq;
            return true;
        }
        return false;
    }

    /**
     * An RTX retransmission of this sequence number arrived (RFC 4588). Returns true when it fills a gap still
     * missing; false otherwise (the original came after all, or the request was given up): not to be forwarded.
     */
    public synchronized boolean repaired(int sequence, long nowNanos) {
        if (!started) return false;
        int i = indexOf(sequence & 0xFFFF);
        if (i < 0) return false;
        if (requests[i] == 1) { // unambiguous: the answer to the one request made
            long sample = nowNanos - requestedAt[i];
            smoothedRepairNanos = smoothedRepairNanos < 0 ? sample : smoothedRepairNanos + (sample - smoothedRepairNanos) / 8;
            retryIntervalNanos = Math.clamp(2 * smoothedRepairNanos, MIN_RETRY_NANOS, maxRetryNanos);
        }
        remove(i);
        return true;
    }

    /** How long before an unanswered request is repeated, now. */
    public synchronized long retryIntervalNanos() {
        return retryIntervalNanos;
    }

    private boolean fill(int seq) {
        int i = indexOf(seq);
        if (i < 0) return false;
        remove(i);
        return true;
    }

    private int indexOf(int seq) {
        for (int i = 0; i < count; i++) if (missing[i] == seq) return i;
        return -1;
    }

    /** Whether some packet is missing (to be requested now or later). */
    public synchronized boolean pending() {
        return count > 0;
    }

    /** Whether {@link #due} would request or give up something at {@code nowNanos}. */
    public synchronized boolean dueAt(long nowNanos) {
        for (int i = 0; i < count; i++) {
            if (isDue(i, nowNanos)) return true;
        }
        return false;
    }

    /**
     * Writes into {@code into} (at least {@link #MAX_MISSING} long), in increasing order, the sequence numbers to
     * request now, counting each as requested; gives up those requested {@link #MAX_REQUESTS} times, the last
     * {@link #KEEP_OPEN_NANOS} ago. Returns how many were written.
     */
    public synchronized int due(long nowNanos, int[] into) {
        int n = 0;
        for (int i = 0; i < count; ) {
            if (!isDue(i, nowNanos)) {
                i++;
            } else if (requests[i] >= MAX_REQUESTS) {
                givenUp++;
                remove(i);
            } else {
                into[n++] = missing[i];
                requests[i]++;
                requestedAt[i] = nowNanos;
                i++;
            }
        }
        return n;
    }

    /** Never requested yet, or waited long enough: the retry interval, or after the last request the keep-open time. */
    private boolean isDue(int i, long nowNanos) {
        if (requests[i] == 0) return true;
        return nowNanos - requestedAt[i] >= (requests[i] < MAX_REQUESTS ? retryIntervalNanos : KEEP_OPEN_NANOS);
    }

    /**
     * Writes a Generic NACK (RFC 4585 §6.2.1) at {@code out}'s writer index for what {@link #due} finds due now, and
     * returns how many sequence numbers it requests (0: nothing written). The buffer needs room for
     * {@link #MAX_NACK_BYTES}.
     */
    public synchronized int writeDueNack(long nowNanos, ByteBuf out, long senderSsrc, long mediaSsrc) {
        int n = due(nowNanos, scratch);
        if (n > 0) RtcpWriter.writeNack(out, senderSsrc, mediaSsrc, scratch, 0, n);
        return n;
    }

    /** Sequence numbers given up so far (never arrived after every request, or pushed out of the bounded list). */
    public synchronized long givenUp() {
        return givenUp;
    }

    private void add(int seq) {
        if (count == MAX_MISSING) {
            givenUp++;
            remove(0);
        }
        missing[count] = seq;
        requests[count] = 0;
        requestedAt[count] = 0;
        count++;
    }

    private void remove(int i) {
        int tail = count - i - 1;
        System.arraycopy(missing, i + 1, missing, i, tail);
        System.arraycopy(requests, i + 1, requests, i, tail);
        System.arraycopy(requestedAt, i + 1, requestedAt, i, tail);
        count--;
    }
}
