package dev.plenum.loadtest.media;

import dev.plenum.loadtest.payload.Vp8Framing;
import dev.plenum.media.sdp.ServerCodecs;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * One video encoding a publisher sends, as a browser's RTP sender for one simulcast layer (or the only stream): its
 * own SSRC, sequence numbers, timestamps and VP8 PictureID/TL0PICIDX, a frame every 1/fps s split into packets of at
 * most {@code maxVideoPayload} bytes, key frames every keyframe interval and soon after a PLI or FIR for its SSRC
 * (RFC 4585 §6.3.1, RFC 5104 §4.3.1), each key frame's VP8 header carrying the layer's picture size (RFC 6386 §9.1).
 * Every packet carries the layer's RID in the RtpStreamId extension (RFC 8852 §3.1). A NACK is answered from the
 * {@link SendHistory} with an RTX packet (RFC 4588 §4) on the layer's RTX SSRC with its own sequence numbers, the
 * original sequence number first and the RID in the RepairedRtpStreamId extension.
 *
 * <p>Event loop only; the counters are read for the report. Per packet: one pooled buffer, nothing else allocated.
 */
public final class LayerSender {
    private static final int TAILROOM = 16;

    private final VideoLayer layer;
    private final MediaProfile profile;
    private final RtpOut out;
    private final int ssrc;
    private final int rtxSsrc;
    private final int ridId;
    private final int repairedRidId;
    private final byte[] rid;
    private final SendHistory history = new SendHistory();
    private int sequence;
    private int rtxSequence;
    private int timestamp;
    private int pictureId;
    private int frameIndex;
    private boolean keyframeRequested;
    private volatile long packetsSent;
    private volatile long bytesSent;
    private volatile long keyframesSent;
    private volatile long keyframeRequests;
    private volatile long retransmissions;
    private volatile long notInHistory;

    /**
     * @param ridId the RtpStreamId extension id, 0 when not negotiated (or without simulcast)
     * @param repairedRidId the RepairedRtpStreamId extension id, or 0
     */
    public LayerSender(VideoLayer layer, MediaProfile profile, RtpOut out, int ssrc, int rtxSsrc, int ridId,
            int repairedRidId, int seed) {
        this.layer = layer;
        this.profile = profile.forLayer(layer);
        this.out = out;
        this.ssrc = ssrc;
        this.rtxSsrc = rtxSsrc;
        this.ridId = ridId;
        this.repairedRidId = repairedRidId;
        this.rid = layer.rid().getBytes(StandardCharsets.US_ASCII);
        this.sequence = seed & 0x7FFF;
        this.rtxSequence = (seed >>> 8) & 0x7FFF;
        this.timestamp = seed * 31;
        this.pictureId = (seed >>> 3) & 0x7FFF;
    }

    /** Encodes and sends the next frame: a key frame when one is due or was asked for. */
    public void sendFrame() {
        boolean key = keyframeRequested || frameIndex % profile.groupOfPictures() == 0;
        keyframeRequested = false;
        int frameBytes = key ? profile.keyFrameBytes() : profile.deltaFrameBytes();
        int packets = (frameBytes + profile.maxVideoPayload() - 1) / profile.maxVideoPayload();
        int base = frameBytes / packets;
        int extra = frameBytes % packets;
        int tl0 = frameIndex & 0xFF;
        for (int i = 0; i < packets; i++) {
            boolean first = i == 0;
            boolean last = i == packets - 1;
            int size = Math.max(base + (i < extra ? 1 : 0), Vp8Framing.overhead(first, key));
            long now = System.nanoTime();
            ByteBuf buf = out.buffer(RtpWriter.MAX_HEADER + size + TAILROOM);
            RtpWriter.header(buf, ServerCodecs.VP8_PT, last, sequence, timestamp, ssrc, out.transportCcId(),
                    out.nextTransportSequence(), ridId, rid);
            Vp8Framing.write(buf, size, first, key, pictureId, tl0, frameBytes, layer.width(), layer.height(), now);
            history.sent(sequence, timestamp, last, size, first, key, pictureId, tl0, frameBytes, now);
            sequence = (sequence + 1) & 0xFFFF;
            count(buf);
            out.send(buf, last);
        }
        if (key) keyframesSent++;
        pictureId = (pictureId + 1) & 0x7FFF;
        frameIndex++;
        timestamp += 90_000 / profile.framesPerSecond();
    }

    /** A PLI or FIR for this layer's SSRC: the next frame is a key frame. */
    public void requestKeyframe() {
        keyframeRequested = true;
        keyframeRequests++;
    }

    /**
     * A NACK for {@code lostSequence}: sends it again as RTX when the history still has it and an RTX SSRC was
     * negotiated. Returns whether it did.
     */
    public boolean resend(int lostSequence) {
        int slot = history.find(lostSequence);
        if (slot < 0 || rtxSsrc == 0) {
            notInHistory++;
            return false;
        }
        int size = history.size(slot);
        ByteBuf buf = out.buffer(RtpWriter.MAX_HEADER + 2 + size + TAILROOM);
        RtpWriter.header(buf, ServerCodecs.VP8_RTX_PT, history.marker(slot), rtxSequence, history.timestamp(slot),
                rtxSsrc, out.transportCcId(), out.nextTransportSequence(), repairedRidId, rid);
        rtxSequence = (rtxSequence + 1) & 0xFFFF;
        buf.writeShort(lostSequence); // OSN (RFC 4588 §4)
        Vp8Framing.write(buf, size, history.startOfFrame(slot), history.key(slot), history.pictureId(slot),
                history.tl0PicIdx(slot), history.frameBytes(slot), layer.width(), layer.height(), history.sentNanos(slot));
        retransmissions++;
        count(buf);
        out.send(buf, true);
        return true;
    }

    private void count(ByteBuf buf) {
        packetsSent++;
        bytesSent += buf.readableBytes();
    }

    public VideoLayer layer() { return layer; }

    public int ssrc() { return ssrc; }

    public int rtxSsrc() { return rtxSsrc; }

    public long packetsSent() { return packetsSent; }

    public long bytesSent() { return bytesSent; }

    public long keyframesSent() { return keyframesSent; }

    public long keyframeRequests() { return keyframeRequests; }

    /** RTX packets sent in answer to NACKs. */
    public long retransmissions() { return retransmissions; }

    /** NACKed sequence numbers no longer (or never) in the history. */
    public long notInHistory() { return notInHistory; }
}
