package dev.plenum.loadtest.media;

import dev.plenum.loadtest.measure.Sampling;
import dev.plenum.loadtest.measure.TrackStats;
import dev.plenum.loadtest.payload.OpusFraming;
import dev.plenum.loadtest.payload.Vp8Framing;
import dev.plenum.media.rtcp.ReportBlock;
import dev.plenum.media.rtcp.RtcpWriter;
import dev.plenum.media.rtp.RtpHeader;
import dev.plenum.media.sdp.ServerCodecs;
import dev.plenum.media.srtp.SrtpResult;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What one participant receives: a {@link TrackStats} per SSRC from the clear RTP header of every packet, the
 * sampled packets decrypted for their send-time stamp, and a receiver report (RFC 3550 §6.4.2) to the SFU every
 * second with loss and jitter per track, as a browser sends.
 *
 * <p>Event loop only, except the read-only accessors used for live progress and the final snapshot (taken on the
 * event loop).
 */
public final class Reception {
    private static final int MAX_BLOCKS = 31;

    private final PeerTransport transport;
    private final int ownSsrc;
    private final Sampling sampling;
    private final Runnable reportTick = this::sendReport;
    private volatile TrackStats[] tracks = new TrackStats[0];
    private ScheduledFuture<?> reportTimer;
    private int nextBlock;
    private volatile long otherPackets;

    public Reception(PeerTransport transport, int ownSsrc, Sampling sampling) {
        this.transport = transport;
        this.ownSsrc = ownSsrc;
        this.sampling = sampling;
    }

    public void start() {
        reportTimer = transport.channel().eventLoop().scheduleAtFixedRate(reportTick, 1, 1, TimeUnit.SECONDS);
    }

    public void stop() {
        if (reportTimer != null) reportTimer.cancel(false);
    }

    /** One SRTP packet, still encrypted. Event loop only. */
    public void onRtp(ByteBuf buf, long arrivalNanos) {
        int off = buf.readerIndex();
        int length = buf.readableBytes();
        int pt = RtpHeader.payloadType(buf, off);
        if (pt != ServerCodecs.OPUS_PT && pt != ServerCodecs.VP8_PT) {
            otherPackets++;
            return;
        }
        TrackStats track = track((int) RtpHeader.ssrc(buf, off), pt == ServerCodecs.VP8_PT);
        if (!track.arrived(RtpHeader.sequenceNumber(buf, off), RtpHeader.timestamp(buf, off), length, arrivalNanos)) {
            return;
        }
        if (transport.unprotectRtp(buf) != SrtpResult.OK) {
            track.decryptFailed();
            return;
        }
        int clear = buf.readableBytes();
        int payload = RtpHeader.payloadOffset(buf, off, clear);
        int payloadLength = RtpHeader.payloadLength(buf, off, clear);
        if (payload < 0 || payloadLength < 0) {
            track.unreadableStamp();
            return;
        }
        long sent = track.video() ? Vp8Framing.readStamp(buf, payload, payloadLength)
                : OpusFraming.readStamp(buf, payload, payloadLength);
        if (sent == Long.MIN_VALUE) track.unreadableStamp();
        else track.delay(sent, arrivalNanos);
    }

    private TrackStats track(int ssrc, boolean video) {
        TrackStats[] current = tracks;
        for (TrackStats t : current) {
            if (t.ssrc() == ssrc) return t;
        }
        TrackStats added = new TrackStats(ssrc, video, sampling); // once per new stream
        TrackStats[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = added;
        tracks = next;
        return added;
    }

    /** A receiver report with up to 31 blocks, taking turns when more tracks arrive. */
    private void sendReport() {
        TrackStats[] current = tracks;
        if (current.length == 0 || !transport.connected()) return;
        int blocks = Math.min(MAX_BLOCKS, current.length);
        ByteBuf out = transport.channel().alloc().directBuffer(8 + ReportBlock.LENGTH * blocks + 4 + 16);
        RtcpWriter.writeReceiverReportHeader(out, ownSsrc & 0xFFFF_FFFFL, blocks);
        for (int i = 0; i < blocks; i++) {
            TrackStats t = current[(nextBlock + i) % current.length];
            int cumulative = (int) Math.min(0x7FFFFF, t.loss().lost());
            ReportBlock.write(out, t.ssrc() & 0xFFFF_FFFFL, t.loss().takeFractionLost(), cumulative,
                    t.loss().extendedHighest(), t.jitter().jitterUnits(), 0, 0);
        }
        nextBlock = (nextBlock + blocks) % current.length;
        transport.sendRtcp(out);
    }

    public List<TrackStats> tracks() { return List.of(tracks); }

    /** RTP packets with payload types the load tester does not measure (e.g. RTX). */
    public long otherPackets() { return otherPackets; }
}
