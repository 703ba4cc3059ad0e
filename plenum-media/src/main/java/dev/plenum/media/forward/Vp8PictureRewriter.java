package dev.plenum.media.forward;

import dev.plenum.media.rtp.Vp8Descriptor;
import io.netty.buffer.ByteBuf;

/**
 * Rewrites the VP8 payload descriptor's PictureID and TL0PICIDX (RFC 7741 §4.2) of one subscriber's leg so that they
 * continue across simulcast layer switches: each layer numbers its pictures on its own, and a decoder that saw
 * picture 812 followed by picture 17 would think frames were lost or reordered.
 *
 * <p>Each switch starts an <em>epoch</em> with its own offsets. The last {@value #EPOCHS} epochs are kept so a
 * retransmission (rebuilt from the publisher's packet) gets the numbers its original had: {@link #rewrite} returns
 * the epoch it used, which the leg keeps with the packet and passes to {@link #rewriteAgain}.
 *
 * <p>Thread model: {@link #rebaseOnNextPacket} and {@link #rewrite} run on the publisher's forwarding thread.
 * {@link #rewriteAgain} runs on the subscriber's thread; it reads offsets written before the packet it concerns was
 * recorded in the leg's {@code SentPackets}, whose lock orders the two. Allocates nothing.
 */
public final class Vp8PictureRewriter {
    /** A power of two: far more switches than fit in the time a packet can still be NACKed. */
    public static final int EPOCHS = 8;
    private static final int PICTURE_ID_MODULUS = 1 << 15;

    private final int[] pictureIdDeltas = new int[EPOCHS];
    private final int[] tl0PicIdxDeltas = new int[EPOCHS];
    private int epoch;
    private boolean started;
    private boolean rebaseNext = true;
    private int lastPictureId = -1; // -1: no picture sent yet
    private int lastTl0PicIdx = -1;

    /** The next packet comes from another layer: its pictures continue after the last one this leg sent. */
    public void rebaseOnNextPacket() {
        rebaseNext = true;
    }

    /**
     * Rewrites the descriptor of the VP8 payload at {@code payloadOffset} (absolute) in place and returns the epoch
     * used. A payload without PictureID or TL0PICIDX keeps what it has.
     */
    public int rewrite(ByteBuf buf, int payloadOffset, int payloadLength) {
        int pictureId = Vp8Descriptor.pictureId(buf, payloadOffset, payloadLength);
        int tl0PicIdx = Vp8Descriptor.tl0PicIdx(buf, payloadOffset, payloadLength);
        if (rebaseNext) {
            rebaseNext = false;
            if (started) {
                epoch = (epoch + 1) & (EPOCHS - 1);
                pictureIdDeltas[epoch] = pictureId < 0 || lastPictureId < 0 ? 0
                        : Math.floorMod(lastPictureId + 1 - pictureId, PICTURE_ID_MODULUS);
                tl0PicIdxDeltas[epoch] = tl0PicIdx < 0 || lastTl0PicIdx < 0 ? 0 : (lastTl0PicIdx + 1 - tl0PicIdx) & 0xFF;
            }
            started = true;
        }
        int outPictureId = apply(buf, payloadOffset, payloadLength, epoch, pictureId, tl0PicIdx);
        if (pictureId >= 0 && (lastPictureId < 0 || isNewer(outPictureId, lastPictureId, PICTURE_ID_MODULUS))) {
            lastPictureId = outPictureId;
        }
        if (tl0PicIdx >= 0) {
            int outTl0 = (tl0PicIdx + tl0PicIdxDeltas[epoch]) & 0xFF;
            if (lastTl0PicIdx < 0 || isNewer(outTl0, lastTl0PicIdx, 256)) lastTl0PicIdx = outTl0;
        }
        return epoch;
    }

    /** Gives a retransmitted packet the numbers its original got in {@code epoch} (from {@link #rewrite}). */
    public void rewriteAgain(ByteBuf buf, int payloadOffset, int payloadLength, int epoch) {
        apply(buf, payloadOffset, payloadLength, epoch & (EPOCHS - 1), Vp8Descriptor.pictureId(buf, payloadOffset,
                payloadLength), Vp8Descriptor.tl0PicIdx(buf, payloadOffset, payloadLength));
    }

    private int apply(ByteBuf buf, int off, int len, int epoch, int pictureId, int tl0PicIdx) {
        int out = -1;
        if (pictureId >= 0) {
            out = (pictureId + pictureIdDeltas[epoch]) % PICTURE_ID_MODULUS;
            Vp8Descriptor.setPictureId(buf, off, len, out);
        }
        if (tl0PicIdx >= 0) Vp8Descriptor.setTl0PicIdx(buf, off, len, (tl0PicIdx + tl0PicIdxDeltas[epoch]) & 0xFF);
        return out;
    }

    /** Serial-number comparison (as RFC 3550 §A.1 does for sequence numbers) modulo {@code modulus}. */
    private static boolean isNewer(int a, int b, int modulus) {
        int diff = Math.floorMod(a - b, modulus);
        return diff != 0 && diff < modulus / 2;
    }
}
