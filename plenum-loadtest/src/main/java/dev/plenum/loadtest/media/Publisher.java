package dev.plenum.loadtest.media;

import dev.plenum.loadtest.payload.OpusFraming;
import dev.plenum.media.rtcp.RtcpListener;
import dev.plenum.media.rtcp.RtcpParser;
import dev.plenum.media.sdp.ServerCodecs;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Sends one participant's audio and video on its transport's event loop, as a browser does: an Opus-framed packet
 * every 1/{@code audioPacketsPerSecond} s, and every 1/fps s a frame of each video encoding ({@link LayerSender}: the
 * three simulcast layers, or one stream), every packet numbered for transport-wide congestion control when that was
 * negotiated. It answers the SFU's RTCP like a browser: a PLI or FIR for a layer's SSRC makes that layer's next frame
 * a key frame, a NACK is answered with RTX from the layer's send history.
 *
 * <p>Per packet: one pooled direct buffer, released by the socket once sent; no other allocation.
 */
public final class Publisher implements RtcpListener, RtpOut {
    private static final int TAILROOM = 16;

    /** The header extension ids the answer kept for the sending sections, 0 for one not negotiated. */
    public record ExtensionIds(int transportCc, int rid, int repairedRid) {
        public static final ExtensionIds NONE = new ExtensionIds(0, 0, 0);
    }

    /** A layer's SSRC and RTX SSRC (0: no RTX). */
    public record LayerSsrcs(int ssrc, int rtxSsrc) {}

    private final PeerTransport transport;
    private final MediaProfile profile;
    private final int audioSsrc;
    private final ExtensionIds extensions;
    private final LayerSender[] layers;
    private final Runnable audioTick = this::sendAudio;
    private final Runnable videoTick = this::sendFrames;
    private ScheduledFuture<?> audioTimer;
    private ScheduledFuture<?> videoTimer;
    private int audioSequence;
    private int audioTimestamp;
    private int transportSequence;
    private volatile long audioPackets;
    private volatile long audioBytes;

    /**
     * @param layerSsrcs one per {@link MediaProfile#layers()}, in that order
     */
    public Publisher(PeerTransport transport, MediaProfile profile, int audioSsrc, List<LayerSsrcs> layerSsrcs,
            ExtensionIds extensions, int seed) {
        this.transport = transport;
        this.profile = profile;
        this.audioSsrc = audioSsrc;
        this.extensions = extensions;
        List<VideoLayer> videoLayers = profile.layers();
        if (layerSsrcs.size() != videoLayers.size()) throw new IllegalArgumentException("one SSRC pair per layer");
        this.layers = new LayerSender[videoLayers.size()];
        boolean simulcast = videoLayers.size() > 1;
        for (int i = 0; i < layers.length; i++) {
            LayerSsrcs s = layerSsrcs.get(i);
            layers[i] = new LayerSender(videoLayers.get(i), profile, this, s.ssrc(), s.rtxSsrc(),
                    simulcast ? extensions.rid() : 0, simulcast ? extensions.repairedRid() : 0, seed * (i + 7) + i);
        }
        this.audioSequence = seed & 0x7FFF;
        this.audioTimestamp = seed;
        this.transportSequence = (seed >>> 16) & 0xFFFF;
    }

    /** Starts both timers on the transport's event loop. Event loop only. */
    public void start() {
        EventLoop loop = transport.channel().eventLoop();
        audioTimer = loop.scheduleAtFixedRate(audioTick, 0, 1_000_000_000L / profile.audioPacketsPerSecond(), TimeUnit.NANOSECONDS);
        if (layers.length > 0) {
            videoTimer = loop.scheduleAtFixedRate(videoTick, 0, 1_000_000_000L / profile.framesPerSecond(), TimeUnit.NANOSECONDS);
        }
    }

    /** Stops sending. Any thread. */
    public void stop() {
        if (audioTimer != null) audioTimer.cancel(false);
        if (videoTimer != null) videoTimer.cancel(false);
    }

    private void sendAudio() {
        int size = profile.audioPayloadBytes();
        ByteBuf buf = buffer(RtpWriter.MAX_HEADER + size + TAILROOM);
        RtpWriter.header(buf, ServerCodecs.OPUS_PT, false, audioSequence, audioTimestamp, audioSsrc,
                extensions.transportCc(), nextTransportSequence(), 0, null);
        audioSequence = (audioSequence + 1) & 0xFFFF;
        audioTimestamp += 48_000 / profile.audioPacketsPerSecond();
        OpusFraming.write(buf, size, System.nanoTime());
        audioPackets++;
        audioBytes += buf.readableBytes();
        send(buf, true);
    }

    private void sendFrames() {
        for (LayerSender layer : layers) layer.sendFrame();
    }

    @Override
    public ByteBuf buffer(int capacity) {
        return transport.channel().alloc().directBuffer(capacity);
    }

    @Override
    public int transportCcId() {
        return extensions.transportCc();
    }

    @Override
    public int nextTransportSequence() {
        int next = transportSequence;
        transportSequence = (next + 1) & 0xFFFF;
        return next;
    }

    @Override
    public void send(ByteBuf packet, boolean flush) {
        transport.sendRtp(packet, flush);
    }

    /** RTCP from the SFU (already unprotected). Event loop only. */
    public void onRtcp(ByteBuf packet) {
        RtcpParser.parse(packet, packet.readerIndex(), packet.readableBytes(), this);
    }

    @Override
    public void pli(long senderSsrc, long mediaSsrc) {
        LayerSender layer = layer(mediaSsrc);
        if (layer != null) layer.requestKeyframe();
    }

    @Override
    public void fir(long senderSsrc, long targetSsrc, int sequenceNumber) {
        LayerSender layer = layer(targetSsrc);
        if (layer != null) layer.requestKeyframe();
    }

    @Override
    public void nack(long senderSsrc, long mediaSsrc, int sequenceNumber) {
        LayerSender layer = layer(mediaSsrc);
        if (layer != null) layer.resend(sequenceNumber);
    }

    private LayerSender layer(long ssrc) {
        for (LayerSender layer : layers) if (layer.ssrc() == (int) ssrc) return layer;
        return null;
    }

    public List<LayerSender> layers() { return List.of(layers); }

    public long packetsSent() { return audioPackets + sum(LayerSender::packetsSent); }

    public long bytesSent() { return audioBytes + sum(LayerSender::bytesSent); }

    public long keyframesSent() { return sum(LayerSender::keyframesSent); }

    public long keyframeRequests() { return sum(LayerSender::keyframeRequests); }

    /** RTX packets sent in answer to the SFU's NACKs. */
    public long retransmissions() { return sum(LayerSender::retransmissions); }

    /** Summed over the layers, for the report (not on the packet path). */
    private long sum(ToLongFunction<LayerSender> counter) {
        long n = 0;
        for (LayerSender l : layers) n += counter.applyAsLong(l);
        return n;
    }
}
