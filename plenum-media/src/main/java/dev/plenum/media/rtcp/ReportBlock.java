package dev.plenum.media.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * One reception report block of an SR or RR (RFC 3550 §6.4.1), 24 bytes on the wire.
 *
 * @param ssrc the source this block reports on
 * @param fractionLost 0..255, in 1/256 of the packets expected since the previous report
 * @param cumulativeLost signed 24-bit count of packets lost since reception began
 * @param extendedHighestSequence cycles in the high 16 bits, highest sequence number in the low 16
 * @param jitter interarrival jitter in RTP timestamp units
 * @param lastSr middle 32 bits of the last SR's NTP timestamp (LSR), 0 if none
 * @param delaySinceLastSr delay since that SR in 1/65536 s (DLSR), 0 if none
 */
public record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequence,
        long jitter, long lastSr, long delaySinceLastSr) {

    public static final int LENGTH = 24;

    /** Writes this block at the writer index; returns {@link #LENGTH}. */
    public int write(ByteBuf out) {
        return write(out, ssrc, fractionLost, cumulativeLost, extendedHighestSequence, jitter, lastSr,
                delaySinceLastSr);
    }

    /** Writes a block from primitive values at the writer index, without allocating; returns {@link #LENGTH}. */
    public static int write(ByteBuf out, long ssrc, int fractionLost, int cumulativeLost,
            long extendedHighestSequence, long jitter, long lastSr, long delaySinceLastSr) {
        out.writeInt((int) ssrc);
        out.writeInt(((fractionLost & 0xFF) << 24) | (cumulativeLost & 0xFFFFFF));
        out.writeInt((int) extendedHighestSequence);
        out.writeInt((int) jitter);
        out.writeInt((int) lastSr);
        out.writeInt((int) delaySinceLastSr);
        return LENGTH;
    }

    /** Sign-extends the 24-bit cumulative-lost field. */
    static int signExtend24(int v) {
        return (v << 8) >> 8;
    }
}
