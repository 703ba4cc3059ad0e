package dev.plenum.media.rtcp;

import io.netty.buffer.ByteBuf;
import java.util.function.LongSupplier;

/**
 * Reception statistics for one incoming SSRC, the source of an RTCP report block (RFC 3550 §6.4.1).
 *
 * <p>Sequence bookkeeping follows RFC 3550 Appendix A.1 (without the probation of new sources: packets reach
 * this stage only after SRTP authentication), loss accounting A.3, and jitter A.8 in its floating-point form
 * {@code J += (|D| - J) / 16}. As the RFC specifies, duplicates and late packets count as received, so the
 * cumulative loss may go negative; it is clamped to the signed 24-bit range of the report block.
 *
 * <p>Thread model: owned by the single receive loop of its participant; not thread-safe. Allocates nothing.
 * Times come from an injected nanosecond clock (monotonic, e.g. {@code System::nanoTime}).
 */
public final class ReceiverStatistics {

    private static final int RTP_SEQ_MOD = 1 << 16;
    private static final int MAX_DROPOUT = 3000;
    private static final int MAX_MISORDER = 100;

    private final long ssrc;
    private final int clockRate;
    private final LongSupplier nanoClock;

    private boolean started;
    private int maxSeq;
    private long cycles; // count of wraps, already shifted: multiples of 2^16
    private int baseSeq;
    private int badSeq = RTP_SEQ_MOD + 1;
    private long received;
    private long expectedPrior;
    private long receivedPrior;

    private boolean haveTransit;
    private long lastArrivalNanos;
    private long lastTimestamp;
    private double jitter;

    private long lastSrNtpMiddle;
    private long lastSrArrivalNanos;
    private boolean haveSr;

    /**
     * @param ssrc the media source these statistics describe
     * @param clockRate the RTP clock rate of its payload (e.g. 48000 for Opus, 90000 for video)
     * @param nanoClock monotonic time in nanoseconds, the same clock that stamps arrivals
     */
    public ReceiverStatistics(long ssrc, int clockRate, LongSupplier nanoClock) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clockRate must be positive: " + clockRate);
        }
        this.ssrc = ssrc & 0xFFFFFFFFL;
        this.clockRate = clockRate;
        this.nanoClock = nanoClock;
    }

    public long ssrc() {
        return ssrc;
    }

    /** Records a packet arriving now, by the injected clock. */
    public void packetReceived(int sequenceNumber, long rtpTimestamp) {
        packetReceived(sequenceNumber, rtpTimestamp, nanoClock.getAsLong());
    }

    /** Records a packet with the given arrival time (same clock as the injected one). */
    public void packetReceived(int sequenceNumber, long rtpTimestamp, long arrivalNanos) {
        int seq = sequenceNumber & 0xFFFF;
        if (!started) {
            initSequence(seq);
            started = true;
            received = 1;
        } else if (updateSequence(seq)) {
            received++;
        } else {
            return; // a lone sequence jump is not taken as part of the stream (RFC 3550 A.1)
        }
        updateJitter(rtpTimestamp & 0xFFFFFFFFL, arrivalNanos);
    }

    private void initSequence(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = RTP_SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
    }

    /** RFC 3550 A.1 update_seq without probation; false when the packet is dropped as a sequence jump. */
    private boolean updateSequence(int seq) {
        int udelta = (seq - maxSeq) & 0xFFFF;
        if (udelta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += RTP_SEQ_MOD; // wrapped
            }
            maxSeq = seq;
        } else if (udelta <= RTP_SEQ_MOD - MAX_MISORDER) {
            // A very large jump: the source restarted unless two sequential packets confirm it.
            if (seq == badSeq) {
                initSequence(seq);
            } else {
                badSeq = (seq + 1) & (RTP_SEQ_MOD - 1);
                return false;
            }
        }
        // else: duplicate or reordered packet, counted as received (RFC 3550 A.3).
        return true;
    }

    /** RFC 3550 §6.4.1 / A.8: D = (Rj - Ri) - (Sj - Si) between consecutive arrivals, J += (|D| - J)/16. */
    private void updateJitter(long timestamp, long arrivalNanos) {
        if (haveTransit) {
            double arrivalDelta = (double) (arrivalNanos - lastArrivalNanos) * clockRate / 1_000_000_000.0;
            int timestampDelta = (int) (timestamp - lastTimestamp); // signed, modulo 2^32
            double d = Math.abs(arrivalDelta - timestampDelta);
            jitter += (d - jitter) / 16.0;
        }
        haveTransit = true;
        lastArrivalNanos = arrivalNanos;
        lastTimestamp = timestamp;
    }

    /** Records a sender report from this source received now: its NTP timestamp feeds LSR and DLSR. */
    public void senderReportReceived(long ntpTimestamp) {
        senderReportReceived(ntpTimestamp, nanoClock.getAsLong());
    }

    public void senderReportReceived(long ntpTimestamp, long arrivalNanos) {
        lastSrNtpMiddle = (ntpTimestamp >>> 16) & 0xFFFFFFFFL;
        lastSrArrivalNanos = arrivalNanos;
        haveSr = true;
    }

    public boolean hasReceived() {
        return started;
    }

    /** Extended highest sequence number received: cycles in the high 16 bits (RFC 3550 A.3). */
    public long extendedHighestSequence() {
        return (cycles + maxSeq) & 0xFFFFFFFFL;
    }

    public long expected() {
        return started ? cycles + maxSeq - baseSeq + 1 : 0;
    }

    public long received() {
        return received;
    }

    /** Cumulative number of packets lost, clamped to the report block's signed 24 bits. */
    public int cumulativeLost() {
        long lost = expected() - received;
        return (int) Math.max(-0x800000L, Math.min(0x7FFFFFL, lost));
    }

    /** Interarrival jitter in RTP timestamp units, truncated as reported. */
    public long jitter() {
        return (long) jitter;
    }

    public double jitterExact() {
        return jitter;
    }

    /** Middle 32 bits of the last SR's NTP timestamp, 0 when none was received (RFC 3550 §6.4.1). */
    public long lastSenderReport() {
        return haveSr ? lastSrNtpMiddle : 0;
    }

    /** Delay since the last SR in units of 1/65536 s, 0 when none was received (RFC 3550 §6.4.1). */
    public long delaySinceLastSenderReport(long nowNanos) {
        if (!haveSr) {
            return 0;
        }
        long elapsed = Math.max(0, nowNanos - lastSrArrivalNanos);
        long units = elapsed / 1_000_000_000L * 65536L + ((elapsed % 1_000_000_000L) << 16) / 1_000_000_000L;
        return Math.min(units, 0xFFFFFFFFL);
    }

    /**
     * Fraction lost since the previous call, 0..255 in units of 1/256 (RFC 3550 A.3), and moves the interval
     * start to now. Call once per report.
     */
    public int takeFractionLost() {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        expectedPrior = expected;
        long receivedInterval = received - receivedPrior;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        if (expectedInterval == 0 || lostInterval <= 0) {
            return 0;
        }
        return (int) ((lostInterval << 8) / expectedInterval);
    }

    /**
     * Writes this source's 24-byte report block at the writer index (RFC 3550 §6.4.1) and starts a new
     * fraction-lost interval. Returns the number of bytes written.
     */
    public int writeReportBlock(ByteBuf out) {
        return ReportBlock.write(out, ssrc, takeFractionLost(), cumulativeLost(), extendedHighestSequence(),
                jitter(), lastSenderReport(), delaySinceLastSenderReport(nanoClock.getAsLong()));
    }
}
