package dev.plenum.media.record;

import dev.plenum.media.rtp.RtpHeader;
import dev.plenum.media.rtp.Vp8Descriptor;
import io.netty.buffer.ByteBuf;

/**
 * Joins VP8 RTP packets, given in sequence order with the losses between them, into frames (RFC 7741 §4): a frame
 * starts with a packet whose descriptor has S=1 and PID=0, goes on with the following sequence numbers under the same
 * RTP timestamp, and ends with the packet that has the marker bit. Only a frame whose every packet arrived is handed
 * on; after a frame is lost, inter frames are held back until the next keyframe (they would refer to what is missing),
 * and {@code keyframeNeeded} is called so the publisher can be asked for one. The first frame handed on is a keyframe.
 *
 * <p>Used by one recorder thread.
 */
final class Vp8Depacketizer implements ReorderBuffer.Sink {
    /** Where whole frames go. */
    interface FrameSink {
        void frame(long rtpTimestamp, boolean keyframe, byte[] data, int width, int height, long arrivalNanos);

        /** A frame was lost (or none has started yet): only a keyframe can make the picture whole again. */
        void keyframeNeeded();
    }

    private final FrameSink sink;
    private byte[] frame = new byte[64 * 1024];
    private int frameLength;
    private boolean building;   // a frame's first packet arrived and nothing of it is missing so far
    private boolean keyframe;
    private long timestamp;
    private long lastSequence;
    private boolean awaitingKeyframe = true;
    private long framesDropped;

    Vp8Depacketizer(FrameSink sink) {
        this.sink = sink;
    }

    @Override
    public void packet(ByteBuf p, long extendedSequence, long arrivalNanos) {
        int off = p.readerIndex();
        int len = p.readableBytes();
        int payload = RtpHeader.isValid(p, off, len) ? RtpHeader.payloadOffset(p, off, len) : -1;
        int payloadLength = payload < 0 ? -1 : RtpHeader.payloadLength(p, off, len);
        if (payloadLength == 0) { // padding only (a bandwidth probe): no part of any frame
            if (building) lastSequence = extendedSequence;
            return;
        }
        int descriptor = payloadLength < 0 ? -1 : Vp8Descriptor.length(p, payload, payloadLength);
        if (descriptor < 0 || descriptor >= payloadLength) { // no VP8 data: a broken packet breaks its frame
            abandon();
            return;
        }
        long ts = RtpHeader.timestamp(p, off);
        boolean start = Vp8Descriptor.isStartOfPartition(p, payload, payloadLength)
                && Vp8Descriptor.partitionIndex(p, payload, payloadLength) == 0;
        if (start) {
            if (building) abandon(); // the last frame never saw its marker
            building = true;
            keyframe = Vp8Descriptor.isKeyframe(p, payload, payloadLength);
            timestamp = ts;
            frameLength = 0;
        } else if (!building || ts != timestamp || extendedSequence != lastSequence + 1) {
            if (building) abandon();
            return; // the middle of a frame whose start is missing
        }
        lastSequence = extendedSequence;
        append(p, payload + descriptor, payloadLength - descriptor);
        if (RtpHeader.marker(p, off)) finish(arrivalNanos);
    }

    @Override
    public void lost(long extendedSequence) {
        if (building) abandon();
        else framesDroppedOnGap();
    }

    private void framesDroppedOnGap() {
        // A lost packet between frames may have been a whole frame: what follows may refer to it.
        if (!awaitingKeyframe) {
            awaitingKeyframe = true;
            sink.keyframeNeeded();
        }
    }

    private void append(ByteBuf p, int from, int length) {
        if (frameLength + length > frame.length) frame = java.util.Arrays.copyOf(frame, Math.max(frame.length * 2, frameLength + length));
        p.getBytes(from, frame, frameLength, length);
        frameLength += length;
    }

    private void finish(long arrivalNanos) {
        building = false;
        if (!keyframe && awaitingKeyframe) {
            framesDropped++;
            return;
        }
        int width = 0, height = 0;
        if (keyframe) {
            // RFC 6386 §9.1: a 3-byte frame tag, the start code 9d 01 2a, then 14-bit width and height (LE).
            if (frameLength < 10 || (frame[3] & 0xFF) != 0x9d || (frame[4] & 0xFF) != 0x01 || (frame[5] & 0xFF) != 0x2a) {
                framesDropped++;
                return;
            }
            width = ((frame[6] & 0xFF) | (frame[7] & 0xFF) << 8) & 0x3FFF;
            height = ((frame[8] & 0xFF) | (frame[9] & 0xFF) << 8) & 0x3FFF;
            awaitingKeyframe = false;
        }
        sink.frame(timestamp, keyframe, java.util.Arrays.copyOf(frame, frameLength), width, height, arrivalNanos);
    }

    private void abandon() {
        building = false;
        framesDropped++;
        if (!awaitingKeyframe) {
            awaitingKeyframe = true;
            sink.keyframeNeeded();
        }
    }

    /** Whether inter frames are held back until a keyframe. */
    boolean awaitingKeyframe() {
        return awaitingKeyframe;
    }

    /** Frames not handed on: incomplete, or waiting for a keyframe. */
    long framesDropped() {
        return framesDropped;
    }
}
