package dev.plenum.media.forward;

import dev.plenum.media.rtp.RtpHeader;
import dev.plenum.media.rtp.Vp8Descriptor;
import io.netty.buffer.ByteBuf;

/**
 * Which simulcast layer (RFC 8853) of a publisher's video one subscriber's leg forwards. The allocator sets a
 * {@linkplain #setTarget target}; the leg switches to it only where a decoder can follow, at the first packet of a
 * key frame of that layer (VP8: RFC 7741 §4.3), and from then on forwards that layer alone. The switch rebases the
 * leg's numbering ({@link StreamRewriter}, {@link Vp8PictureRewriter}) so the subscriber sees one stream whose
 * sequence numbers, timestamps and picture ids continue without a gap.
 *
 * <p>A key frame on a layer between the current one and the target is taken too: it brings the leg closer sooner.
 * Before anything was forwarded, any layer up to the target will do, so the picture starts at once.
 *
 * <p>After a switch, late packets of the new layer from before the key frame (reordered or retransmitted) are
 * dropped: they would take output sequence numbers already given to the old layer.
 *
 * <p>Thread model: {@link #accepts} runs on the publisher's forwarding thread; {@link #setTarget} on any thread.
 * Allocates nothing.
 */
public final class LayerSelector {
    /** Packets after a switch during which late packets from before it are recognised (reordering is far shorter). */
    private static final int SWITCH_GUARD_PACKETS = 1024;

    private final StreamRewriter rewriter;
    private final Vp8PictureRewriter pictures;
    private final int clockRate;
    private volatile int target;
    private volatile int current = -1;
    private boolean started;
    private int switchSequence;
    private int guardRemaining;
    private long lastForwardNanos;

    public LayerSelector(StreamRewriter rewriter, Vp8PictureRewriter pictures, int clockRate, int initialTarget) {
        this.rewriter = rewriter;
        this.pictures = pictures;
        this.clockRate = clockRate;
        this.target = initialTarget;
    }

    public void setTarget(int layer) {
        target = layer;
    }

    public int target() {
        return target;
    }

    /** The layer being forwarded, -1 before the first key frame. */
    public int current() {
        return current;
    }

    /**
     * The leg forwarded nothing for a while (paused): it starts again at the next key frame of a layer up to the
     * target, with its numbering continued from where it stopped, so the subscriber sees no gap to NACK.
     */
    public void restart() {
        current = -1;
    }

    /** Whether the leg waits for a key frame of another layer (the publisher should be asked for one). */
    public boolean switching() {
        return current != target;
    }

    /**
     * Whether the RTP packet {@code packet[off, off+len)} of {@code layer} goes to this leg; switches layers on a key
     * frame. Called before the packet is copied for the leg.
     */
    public boolean accepts(ByteBuf packet, int off, int len, int layer, long nowNanos) {
        int now = current;
        if (layer == now) {
            if (guardRemaining > 0) {
                guardRemaining--;
                if (StreamRewriter.isNewer(switchSequence, RtpHeader.sequenceNumber(packet, off))) return false;
            }
            lastForwardNanos = nowNanos;
            return true;
        }
        int goal = target;
        boolean closer = now < 0 ? layer <= goal : Math.abs(layer - goal) < Math.abs(now - goal);
        if (!closer || !isKeyframeStart(packet, off, len)) return false;
        if (started) {
            rewriter.rebaseOnNextPacket((nowNanos - lastForwardNanos) / 1_000 * clockRate / 1_000_000); // no overflow
            pictures.rebaseOnNextPacket();
        }
        started = true;
        current = layer;
        switchSequence = RtpHeader.sequenceNumber(packet, off);
        guardRemaining = SWITCH_GUARD_PACKETS;
        lastForwardNanos = nowNanos;
        return true;
    }

    private static boolean isKeyframeStart(ByteBuf packet, int off, int len) {
        int payload = RtpHeader.payloadOffset(packet, off, len);
        if (payload < 0) return false;
        int payloadLength = RtpHeader.payloadLength(packet, off, len);
        return payloadLength > 0 && Vp8Descriptor.isKeyframe(packet, payload, payloadLength);
    }

    /**
     * The layer that suits a tile {@code tileHeight} device pixels high: the smallest active layer at least that
     * high, or the highest active layer when none is. {@code layerHeights[i]} is layer i's height, 0 when the
     * publisher does not send it now. Returns 0 when no layer is active.
     */
    public static int layerFor(int tileHeight, int[] layerHeights) {
        int highestActive = -1;
        for (int i = 0; i < layerHeights.length; i++) {
            if (layerHeights[i] <= 0) continue;
            if (layerHeights[i] >= tileHeight) return i;
            highestActive = i;
        }
        return Math.max(highestActive, 0);
    }
}
