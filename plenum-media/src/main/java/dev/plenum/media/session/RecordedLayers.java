package dev.plenum.media.session;

import dev.plenum.media.forward.LayerSelector;
import dev.plenum.media.forward.StreamRewriter;
import dev.plenum.media.forward.Subscriber;
import dev.plenum.media.forward.Vp8PictureRewriter;
import dev.plenum.media.rtp.RtpHeader;
import io.netty.buffer.ByteBuf;

/**
 * A recorder's leg of a simulcast camera (RFC 8853): like a subscriber's, it takes one layer at a time, here the
 * highest the publisher sends now, switching only at a key frame of it ({@link LayerSelector}), so the recorder sees
 * one VP8 stream whose sequence numbers and timestamps go on without a gap across switches; the publisher's sender
 * reports of that layer alone reach it. Chosen again once a second ({@link #chooseLayer}), as layers come and go.
 *
 * <p>Thread model: {@link #accepts}, {@link #send} and {@link #sendRtcp} on the publisher's forwarding thread,
 * {@link #chooseLayer} on the node's report thread, {@link #targetSsrc} on the recorder's thread.
 */
final class RecordedLayers implements Subscriber {
    final StreamRewriter rewriter = new StreamRewriter(1);
    private final Vp8PictureRewriter pictures = new Vp8PictureRewriter();
    private final LayerSelector layers;
    private final PublishedTrack track;
    private final Subscriber recorder;
    private int downVotes; // report thread only

    RecordedLayers(PublishedTrack track, Subscriber recorder) {
        this.track = track;
        this.recorder = recorder;
        this.layers = new LayerSelector(rewriter, pictures, 90_000, track.streams().length - 1);
    }

    /**
     * Targets the highest layer the publisher sends now; true while the leg waits for a key frame of it. A layer
     * must look idle at two choices in a row before the recording goes down from it: a layer seen between two of its
     * frames under load would otherwise make the recording change resolution for nothing.
     */
    boolean chooseLayer(long nowNanos) {
        InboundStream[] streams = track.streams();
        int highest = streams.length - 1;
        while (highest > 0 && !streams[highest].active(nowNanos)) highest--;
        if (highest < layers.target() && layers.current() >= 0 && ++downVotes < 2) return layers.switching();
        downVotes = 0;
        layers.setTarget(highest);
        return layers.switching();
    }

    /** The SSRC of the layer to ask a key frame of (the target), or -1 while it is not known yet. */
    long targetSsrc() {
        InboundStream[] streams = track.streams();
        return streams[Math.min(Math.max(layers.target(), 0), streams.length - 1)].ssrc();
    }

    @Override
    public boolean accepts(ByteBuf packet, int layer, long nowNanos) {
        return layers.accepts(packet, packet.readerIndex(), packet.readableBytes(), layer, nowNanos);
    }

    @Override
    public boolean forwards(int layer) {
        return layers.current() == layer;
    }

    @Override
    public void send(ByteBuf packet) {
        int off = packet.readerIndex();
        int len = packet.readableBytes();
        int payload = RtpHeader.payloadOffset(packet, off, len);
        if (payload >= 0) pictures.rewrite(packet, payload, RtpHeader.payloadLength(packet, off, len));
        recorder.send(packet);
    }

    @Override
    public void sendRtcp(ByteBuf report) {
        recorder.sendRtcp(report);
    }
}
