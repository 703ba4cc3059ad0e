package dev.plenum.loadtest.media;

import dev.plenum.loadtest.payload.OpusFraming;
import dev.plenum.loadtest.payload.Vp8Framing;
import dev.plenum.media.rtcp.RtcpListener;
import dev.plenum.media.rtcp.RtcpParser;
import dev.plenum.media.sdp.ServerCodecs;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends one participant's audio and video on its transport's event loop: an Opus-framed packet every
 * 1/{@code audioPacketsPerSecond} s, and a VP8 frame every 1/fps s split into packets of at most
 * {@code maxVideoPayload} bytes, the last with the marker bit. Every payload carries its send time. A PLI or FIR
 * from the SFU (RFC 4585 §6.3.1, RFC 5104 §4.3.1) makes the next frame a keyframe.
 *
 * <p>Per packet: one pooled direct buffer, released by the socket once sent; no other allocation.
 */
public final class Publisher implements RtcpListener {
    private static final int RTP_HEADER = 12;
    private static final int TAILROOM = 16;

    private final PeerTransport transport;
    private final MediaProfile profile;
    private final int audioSsrc;
    private final int videoSsrc;
    private final Runnable audioTick = this::sendAudio;
    private final Runnable videoTick = this::sendFrame;
    private ScheduledFuture<?> audioTimer;
    private ScheduledFuture<?> videoTimer;
    private int audioSequence;
    private int audioTimestamp;
    private int videoSequence;
    private int videoTimestamp;
    private int pictureId;
    private int frameIndex;
    private boolean keyframeRequested;
    private volatile long packetsSent;
    private volatile long bytesSent;
    private volatile long keyframesSent;
    private volatile long keyframeRequests;

    public Publisher(PeerTransport transport, MediaProfile profile, int audioSsrc, int videoSsrc, int seed) {
        this.transport = transport;
        this.profile = profile;
        this.audioSsrc = audioSsrc;
        this.videoSsrc = videoSsrc;
        this.audioSequence = seed & 0x7FFF;
        this.videoSequence = (seed >>> 16) & 0x7FFF;
        this.audioTimestamp = seed;
        this.videoTimestamp = seed * 31;
        this.pictureId = seed & 0x7FFF;
    }

    /** Starts both timers on the transport's event loop. Event loop only. */
    public void start() {
        EventLoop loop = transport.channel().eventLoop();
        audioTimer = loop.scheduleAtFixedRate(audioTick, 0, 1_000_000_000L / profile.audioPacketsPerSecond(), TimeUnit.NANOSECONDS);
        if (profile.videoBitsPerSecond() > 0) {
            videoTimer = loop.scheduleAtFixedRate(videoTick, 0, 1_000_000_000L / profile.framesPerSecond(), TimeUnit.NANOSECONDS);
        }
    }

    /** Stops sending. Any thread. */
    public void stop() {
        if (audioTimer != null) audioTimer.cancel(false);
        if (videoTimer != null) videoTimer.cancel(false);
    }

    private ByteBuf header(int payloadType, boolean marker, int sequence, int timestamp, int ssrc, int payload) {
        ByteBuf buf = transport.channel().alloc().directBuffer(RTP_HEADER + payload + TAILROOM);
        buf.writeByte(0x80).writeByte((marker ? 0x80 : 0) | payloadType).writeShort(sequence).writeInt(timestamp).writeInt(ssrc);
        return buf;
    }

    private void sendAudio() {
        int size = profile.audioPayloadBytes();
        ByteBuf buf = header(ServerCodecs.OPUS_PT, false, audioSequence++, audioTimestamp, audioSsrc, size);
        audioTimestamp += 48_000 / profile.audioPacketsPerSecond();
        OpusFraming.write(buf, size, System.nanoTime());
        count(buf);
        transport.sendRtp(buf, true);
    }

    private void sendFrame() {
        boolean key = keyframeRequested || frameIndex % profile.groupOfPictures() == 0;
        keyframeRequested = false;
        int frameBytes = key ? profile.keyFrameBytes() : profile.deltaFrameBytes();
        int packets = (frameBytes + profile.maxVideoPayload() - 1) / profile.maxVideoPayload();
        int base = frameBytes / packets;
        int extra = frameBytes % packets;
        for (int i = 0; i < packets; i++) {
            boolean first = i == 0;
            boolean last = i == packets - 1;
            int size = Math.max(base + (i < extra ? 1 : 0), Vp8Framing.overhead(first, key));
            ByteBuf buf = header(ServerCodecs.VP8_PT, last, videoSequence++, videoTimestamp, videoSsrc, size);
            Vp8Framing.write(buf, size, first, key, pictureId, frameIndex, frameBytes, profile.width(), profile.height(),
                    System.nanoTime());
            count(buf);
            transport.sendRtp(buf, last);
        }
        if (key) keyframesSent++;
        pictureId = (pictureId + 1) & 0x7FFF;
        frameIndex++;
        videoTimestamp += 90_000 / profile.framesPerSecond();
    }

    private void count(ByteBuf buf) {
        packetsSent++;
        bytesSent += buf.readableBytes();
    }

    /** RTCP from the SFU (already unprotected). Event loop only. */
    public void onRtcp(ByteBuf packet) {
        RtcpParser.parse(packet, packet.readerIndex(), packet.readableBytes(), this);
    }

    @Override
    public void pli(long senderSsrc, long mediaSsrc) {
        if ((int) mediaSsrc == videoSsrc) requestKeyframe();
    }

    @Override
    public void fir(long senderSsrc, long targetSsrc, int sequenceNumber) {
        if ((int) targetSsrc == videoSsrc) requestKeyframe();
    }

    private void requestKeyframe() {
        keyframeRequested = true;
        keyframeRequests++;
    }

    public long packetsSent() { return packetsSent; }

    public long bytesSent() { return bytesSent; }

    public long keyframesSent() { return keyframesSent; }

    public long keyframeRequests() { return keyframeRequests; }
}
