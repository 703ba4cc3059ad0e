package dev.plenum.loadtest.payload;

import dev.plenum.media.rtp.Vp8Descriptor;
import io.netty.buffer.ByteBuf;

/**
 * Synthetic VP8 payloads the SFU's layer and keyframe logic can read:
 * <pre>
 *   VP8 payload descriptor (RFC 7741 §4.2), 6 bytes: X=1, S on a frame's first packet, PID 0;
 *       I L T; 15-bit PictureID; TL0PICIDX; TID | Y | KEYIDX
 *   first packet of a frame only: the VP8 frame tag (RFC 6386 §9.1), 3 bytes, P = 0 on a key frame,
 *       show_frame = 1; on a key frame the start code 9d 01 2a and 14-bit width and height (§9.2), 7 bytes
 *   send-time stamp, 8 bytes ({@link System#nanoTime()})
 *   filler up to the packet's size
 * </pre>
 * The "first partition size" in the frame tag is the frame's size less its header, as an encoder writes it.
 */
public final class Vp8Framing {
    public static final int DESCRIPTOR_LENGTH = 6;
    public static final int KEY_HEADER_LENGTH = 10;
    public static final int DELTA_HEADER_LENGTH = 3;
    public static final int STAMP_LENGTH = 8;

    private Vp8Framing() {}

    /** Bytes a packet needs before its filler: descriptor, frame header when it starts a frame, and the stamp. */
    public static int overhead(boolean startOfFrame, boolean keyframe) {
        return DESCRIPTOR_LENGTH + (startOfFrame ? (keyframe ? KEY_HEADER_LENGTH : DELTA_HEADER_LENGTH) : 0) + STAMP_LENGTH;
    }

    /**
     * Writes one packet's payload of {@code length} bytes (at least {@link #overhead}) at the writer index.
     *
     * @param pictureId 15-bit picture id, the same for every packet of a frame
     * @param tl0PicIdx TL0PICIDX (8 bits); every frame is on temporal layer 0 here
     * @param frameLength the whole frame's size in bytes, written as the first partition size
     */
    public static void write(ByteBuf out, int length, boolean startOfFrame, boolean keyframe, int pictureId,
            int tl0PicIdx, int frameLength, int width, int height, long sentNanos) {
        int overhead = overhead(startOfFrame, keyframe);
        if (length < overhead) throw new IllegalArgumentException("VP8 payload shorter than its headers");
        out.writeByte(0x80 | (startOfFrame ? 0x10 : 0));           // X, S, PID 0
        out.writeByte(0xE0);                                        // I, L, T
        out.writeShort(0x8000 | (pictureId & 0x7FFF));              // M = 1: 15-bit PictureID
        out.writeByte(tl0PicIdx);
        out.writeByte(0x20);                                        // TID 0, Y = 1, KEYIDX 0
        if (startOfFrame) {
            int headerLength = keyframe ? KEY_HEADER_LENGTH : DELTA_HEADER_LENGTH;
            int partition = Math.max(0, Math.min(frameLength - headerLength, (1 << 19) - 1));
            int tag = (keyframe ? 0 : 1) | (1 << 4) | (partition << 5); // P, version 0, show_frame, size
            out.writeByte(tag).writeByte(tag >>> 8).writeByte(tag >>> 16); // little-endian (RFC 6386 §9.1)
            if (keyframe) {
                out.writeByte(0x9d).writeByte(0x01).writeByte(0x2a);
                out.writeShortLE(width & 0x3FFF).writeShortLE(height & 0x3FFF);
            }
        }
        out.writeLong(sentNanos);
        out.writeZero(length - overhead);
    }

    /** The send-time stamp of the VP8 payload at {@code off}, or {@link Long#MIN_VALUE} when it cannot be read. */
    public static long readStamp(ByteBuf buf, int off, int len) {
        int n = Vp8Descriptor.length(buf, off, len);
        if (n < 0) return Long.MIN_VALUE;
        int at = n;
        if (Vp8Descriptor.isStartOfPartition(buf, off, len) && Vp8Descriptor.partitionIndex(buf, off, len) == 0) {
            if (n >= len) return Long.MIN_VALUE;
            at += (buf.getByte(off + n) & 1) == 0 ? KEY_HEADER_LENGTH : DELTA_HEADER_LENGTH;
        }
        return at + STAMP_LENGTH <= len ? buf.getLong(off + at) : Long.MIN_VALUE;
    }
}
