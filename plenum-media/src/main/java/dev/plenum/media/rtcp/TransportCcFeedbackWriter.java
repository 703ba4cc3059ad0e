package dev.plenum.media.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * Builds transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1)
 * from (transport sequence number, arrival time) records.
 *
 * <p>Arrival times are rounded down to 250 µs ticks; the reference time is the first arrival rounded down to
 * 64 ms, and each receive delta is taken from the previous received packet's tick, so rounding never
 * accumulates. Sequence numbers missing between the records are reported as not received. Chunks are chosen
 * greedily: a run of 7 or more equal symbols becomes a run-length chunk, otherwise a one-bit status vector (14
 * symbols) when no large delta is among them, else a two-bit vector (7 symbols).
 *
 * <p>Thread model: one instance per receive loop; its scratch arrays are reused, so writing allocates nothing.
 */
public final class TransportCcFeedbackWriter {

    private final byte[] symbols;
    private final int[] deltas;

    /** @param maxStatusCount the most sequence numbers (received or not) one feedback packet may cover */
    public TransportCcFeedbackWriter(int maxStatusCount) {
        if (maxStatusCount < 1 || maxStatusCount > 0xFFFF) {
            throw new IllegalArgumentException("maxStatusCount must be 1..65535: " + maxStatusCount);
        }
        symbols = new byte[maxStatusCount];
        deltas = new int[maxStatusCount];
    }

    /**
     * Writes one RTPFB/FMT=15 packet at the writer index for the records {@code [from, from+count)}, whose
     * sequence numbers increase (modulo 2^16) and whose arrival times come from one monotonic nanosecond clock.
     * Stops early, before a record that would exceed the status capacity, does not increase, or lies more than
     * ±8.19 s from its predecessor; the caller sends the rest in the next packet.
     *
     * @return the number of records consumed (at least 1 when {@code count > 0}); 0 writes nothing
     */
    public int write(ByteBuf out, long senderSsrc, long mediaSsrc, int feedbackPacketCount, int[] sequenceNumbers,
            long[] arrivalNanos, int from, int count) {
        if (count <= 0) {
            return 0;
        }
        int base = sequenceNumbers[from] & 0xFFFF;
        long firstTick = Math.floorDiv(arrivalNanos[from], TransportCcFeedback.TICK_NANOS);
        long reference = Math.floorDiv(firstTick, TransportCcFeedback.TICKS_PER_REFERENCE);
        long previousTick = reference * TransportCcFeedback.TICKS_PER_REFERENCE;
        int lastIndex = -1;
        int consumed = 0;
        for (int i = from; i < from + count; i++) {
            int index = (sequenceNumbers[i] - base) & 0xFFFF;
            if (index >= symbols.length || index <= lastIndex) {
                break;
            }
            long tick = Math.floorDiv(arrivalNanos[i], TransportCcFeedback.TICK_NANOS);
            long delta = tick - previousTick;
            if (delta < Short.MIN_VALUE || delta > Short.MAX_VALUE) {
                break;
            }
            for (int k = lastIndex + 1; k < index; k++) {
                symbols[k] = TransportCcFeedback.NOT_RECEIVED;
            }
            symbols[index] = (byte) (delta >= 0 && delta <= 0xFF
                    ? TransportCcFeedback.SMALL_DELTA : TransportCcFeedback.LARGE_DELTA);
            deltas[index] = (int) delta;
            previousTick = tick;
            lastIndex = index;
            consumed++;
        }
        int statusCount = lastIndex + 1;

        int start = out.writerIndex();
        out.writeInt(0); // header, patched once the length is known
        out.writeInt((int) senderSsrc);
        out.writeInt((int) mediaSsrc);
        out.writeShort(base);
        out.writeShort(statusCount);
        out.writeInt((int) ((reference & 0xFFFFFF) << 8) | (feedbackPacketCount & 0xFF));
        writeChunks(out, statusCount);
        for (int k = 0; k < statusCount; k++) {
            if (symbols[k] == TransportCcFeedback.SMALL_DELTA) {
                out.writeByte(deltas[k]);
            } else if (symbols[k] == TransportCcFeedback.LARGE_DELTA) {
                out.writeShort(deltas[k]);
            }
        }
        while (((out.writerIndex() - start) & 3) != 0) {
            out.writeByte(0); // zero padding to a 32-bit boundary (draft §3.1)
        }
        int length = out.writerIndex() - start;
        out.setByte(start, 0x80 | RtcpParser.FMT_TRANSPORT_CC);
        out.setByte(start + 1, RtcpParser.RTPFB);
        out.setShort(start + 2, length / 4 - 1);
        return consumed;
    }

    private void writeChunks(ByteBuf out, int statusCount) {
        int i = 0;
        while (i < statusCount) {
            int symbol = symbols[i];
            int run = 1;
            while (i + run < statusCount && run < 0x1FFF && symbols[i + run] == symbol) {
                run++;
            }
            if (run >= 7) {
                out.writeShort((symbol << 13) | run); // run-length chunk: T=0
                i += run;
                continue;
            }
            int n = Math.min(14, statusCount - i);
            boolean large = false;
            for (int k = i; k < i + n; k++) {
                large |= symbols[k] == TransportCcFeedback.LARGE_DELTA;
            }
            if (!large) {
                int chunk = 0x8000; // status vector, S=0: 14 one-bit symbols
                for (int k = 0; k < n; k++) {
                    chunk |= symbols[i + k] << (13 - k);
                }
                out.writeShort(chunk);
                i += n;
            } else {
                n = Math.min(7, statusCount - i);
                int chunk = 0xC000; // status vector, S=1: 7 two-bit symbols
                for (int k = 0; k < n; k++) {
                    chunk |= symbols[i + k] << (12 - 2 * k);
                }
                out.writeShort(chunk);
                i += n;
            }
        }
    }
}
