package dev.plenum.media.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** VP8 RTP packets as a browser sends them, for tests of the layer and picture logic. */
public final class Vp8Packets {
    private Vp8Packets() {
    }

    /** A VP8 packet: RTP header, descriptor with a 15-bit PictureID, TL0PICIDX and TID, then the payload header. */
    public static ByteBuf vp8(int sequence, long timestamp, int ssrc, boolean frameStart, boolean keyframe, int pictureId,
                       int tl0PicIdx, boolean marker) {
        ByteBuf b = Unpooled.buffer(40);
        b.writeByte(0x80).writeByte((marker ? 0x80 : 0) | 96).writeShort(sequence).writeInt((int) timestamp).writeInt(ssrc);
        b.writeByte(0x80 | (frameStart ? 0x10 : 0)); // X, S, PID 0
        b.writeByte(0x80 | 0x40 | 0x20);             // I, L, T
        b.writeShort(0x8000 | pictureId);
        b.writeByte(tl0PicIdx);
        b.writeByte(0);                              // TID 0
        if (frameStart && keyframe) {
            b.writeByte(0x10).writeByte(0).writeByte(0); // frame tag: P = 0 (key frame)
            b.writeByte(0x9d).writeByte(0x01).writeByte(0x2a).writeShortLE(640).writeShortLE(360);
        } else {
            b.writeByte(frameStart ? 0x11 : 0x00).writeByte(0).writeByte(0);
        }
        return b;
    }

}
