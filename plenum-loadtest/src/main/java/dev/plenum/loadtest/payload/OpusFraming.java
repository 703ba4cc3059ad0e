package dev.plenum.loadtest.payload;

import io.netty.buffer.ByteBuf;

/**
 * Synthetic Opus payloads: a valid TOC byte (RFC 6716 §3.1) for one 20 ms hybrid full-band mono frame
 * (config 15, code 0), then the send-time stamp (8 bytes, {@link System#nanoTime()}), then filler up to the
 * requested size. The SFU reads nothing past the TOC; a decoder would hear garbage, which a load test does not mind.
 */
public final class OpusFraming {
    /** config 15 (hybrid, FB, 20 ms) << 3 | s = 0 (mono) | c = 0 (one frame). */
    public static final int TOC = 15 << 3;
    public static final int MIN_LENGTH = 1 + 8;

    private OpusFraming() {}

    /** Writes a payload of {@code length} bytes (at least {@value #MIN_LENGTH}) at the writer index. */
    public static void write(ByteBuf out, int length, long sentNanos) {
        if (length < MIN_LENGTH) throw new IllegalArgumentException("an Opus payload here is at least 9 bytes");
        out.writeByte(TOC);
        out.writeLong(sentNanos);
        out.writeZero(length - MIN_LENGTH);
    }

    /** The send-time stamp of the payload at {@code off}, or {@link Long#MIN_VALUE} when it is too short or not ours. */
    public static long readStamp(ByteBuf buf, int off, int len) {
        if (len < MIN_LENGTH || buf.getUnsignedByte(off) != TOC) return Long.MIN_VALUE;
        return buf.getLong(off + 1);
    }
}
