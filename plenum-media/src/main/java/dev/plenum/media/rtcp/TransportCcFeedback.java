package dev.plenum.media.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * Transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1), the FCI
 * of an RTPFB packet with FMT=15:
 *
 * <pre>
 * |      base sequence number     |      packet status count      |
 * |                 reference time                | fb pkt. count |
 * |          packet chunk         |         packet chunk          |  ...
 * |         recv delta            |  recv delta   | zero padding  |
 * </pre>
 *
 * <p>A chunk is either a run length ({@code 0|S(2)|run(13)}) or a status vector ({@code 1|0|14 one-bit symbols}
 * or {@code 1|1|7 two-bit symbols}). Symbols: 0 not received, 1 received with a one-byte unsigned delta, 2
 * received with a two-byte signed delta, 3 reserved. Deltas count 250 µs ticks; the reference time counts 64 ms.
 */
public final class TransportCcFeedback {

    /** Nanoseconds per receive-delta tick. */
    public static final long TICK_NANOS = 250_000L;
    /** Receive-delta ticks per reference-time unit (64 ms). */
    public static final int TICKS_PER_REFERENCE = 256;

    static final int NOT_RECEIVED = 0;
    static final int SMALL_DELTA = 1;
    static final int LARGE_DELTA = 2;

    private TransportCcFeedback() {}

    /**
     * Checks (listener null) or reports the feedback whose FCI is at {@code fci..fci+fciLen}. Returns false when
     * chunks or deltas run past the FCI or a reserved symbol appears.
     */
    static boolean parse(ByteBuf buf, int fci, int fciLen, long sender, long media, RtcpListener l) {
        if (fciLen < 8) {
            return false;
        }
        int end = fci + fciLen;
        int base = buf.getUnsignedShort(fci);
        int statusCount = buf.getUnsignedShort(fci + 2);
        int referenceTime = buf.getMedium(fci + 4); // signed 24-bit
        int fbCount = buf.getUnsignedByte(fci + 7);
        // First find where the chunks end: they cover at least statusCount symbols.
        int q = fci + 8;
        int covered = 0;
        while (covered < statusCount) {
            if (q + 2 > end) {
                return false;
            }
            int chunk = buf.getUnsignedShort(q);
            covered += symbolsIn(chunk);
            q += 2;
        }
        int deltas = q;
        if (l != null) {
            l.transportCc(sender, media, base, statusCount, referenceTime, fbCount);
        }
        q = fci + 8;
        int index = 0;
        while (index < statusCount) {
            int chunk = buf.getUnsignedShort(q);
            q += 2;
            int n = Math.min(symbolsIn(chunk), statusCount - index);
            for (int k = 0; k < n; k++, index++) {
                int symbol = symbolAt(chunk, k);
                int seq = (base + index) & 0xFFFF;
                switch (symbol) {
                    case NOT_RECEIVED -> {
                        if (l != null) {
                            l.transportCcPacket(seq, false, 0);
                        }
                    }
                    case SMALL_DELTA -> {
                        if (deltas + 1 > end) {
                            return false;
                        }
                        int d = buf.getUnsignedByte(deltas);
                        deltas += 1;
                        if (l != null) {
                            l.transportCcPacket(seq, true, d);
                        }
                    }
                    case LARGE_DELTA -> {
                        if (deltas + 2 > end) {
                            return false;
                        }
                        int d = buf.getShort(deltas);
                        deltas += 2;
                        if (l != null) {
                            l.transportCcPacket(seq, true, d);
                        }
                    }
                    default -> {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static int symbolsIn(int chunk) {
        if ((chunk & 0x8000) == 0) {
            return chunk & 0x1FFF;
        }
        return (chunk & 0x4000) == 0 ? 14 : 7;
    }

    private static int symbolAt(int chunk, int k) {
        if ((chunk & 0x8000) == 0) {
            return (chunk >> 13) & 0x3;
        }
        if ((chunk & 0x4000) == 0) {
            return (chunk >> (13 - k)) & 0x1;
        }
        return (chunk >> (12 - 2 * k)) & 0x3;
    }
}
