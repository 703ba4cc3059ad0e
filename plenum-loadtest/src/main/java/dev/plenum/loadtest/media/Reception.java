package dev.plenum.loadtest.media;

import dev.plenum.loadtest.measure.Sampling;
import dev.plenum.loadtest.measure.TrackStats;
import dev.plenum.loadtest.payload.OpusFraming;
import dev.plenum.loadtest.payload.Vp8Framing;
import dev.plenum.media.nack.NackRequester;
import dev.plenum.media.nack.RtxPacket;
import dev.plenum.media.rtcp.ReportBlock;
import dev.plenum.media.rtcp.RtcpWriter;
import dev.plenum.media.rtcp.TransportCcReceiver;
import dev.plenum.media.rtp.RtpExtensions;
import dev.plenum.media.rtp.RtpHeader;
import dev.plenum.media.rtp.Vp8Descriptor;
import dev.plenum.media.sdp.Extmap;
import dev.plenum.media.sdp.MediaDescription;
import dev.plenum.media.sdp.ServerCodecs;
import dev.plenum.media.sdp.SessionDescription;
import dev.plenum.media.sdp.SsrcGroup;
import dev.plenum.media.srtp.SrtpResult;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * What one participant receives: a {@link TrackStats} per SSRC from the clear RTP header of every packet, the
 * sampled packets decrypted for their send-time stamp, and the RTCP a browser sends back to the SFU:
 * <ul>
 *   <li>a receiver report (RFC 3550 §6.4.2) every second with loss and jitter per track;
 *   <li>transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01) when the
 *       answer kept the extension, so the SFU's per-packet transport-wide numbering is exercised;
 *   <li>a Generic NACK (RFC 4585 §6.2.1) for each video packet missing, repeated like a browser's; a retransmission
 *       (RTX, RFC 4588) that fills the gap is decrypted, unwrapped and counted as repaired.
 * </ul>
 * With {@code dropRate} above 0, that share of arriving RTP packets is dropped before anything sees it, as a lossy
 * downlink would, so that the SFU's loss recovery works under load.
 *
 * <p>Event loop only, except the read-only accessors used for live progress and the final snapshot (taken on the
 * event loop), and {@link #expect}, which publishes the SSRC pairing of each new offer.
 */
public final class Reception {
    private static final int MAX_BLOCKS = 31;

    private final PeerTransport transport;
    private final int ownSsrc;
    private final Sampling sampling;
    private final double dropRate;
    private final SplittableRandom drops;
    private final Runnable reportTick = this::sendReport;
    private final Runnable feedbackTick = this::sendDueFeedback;
    private final TransportCcReceiver transportCc = new TransportCcReceiver();
    private volatile Incoming[] tracks = new Incoming[0];
    /** The offer's pairing of retransmission SSRCs (even slots: RTX, odd: its media SSRC) and transport-cc id. */
    private volatile long[] rtxPairs = new long[0];
    private volatile int transportCcId;
    private ScheduledFuture<?> reportTimer;
    private ScheduledFuture<?> feedbackTimer;
    private int nextBlock;
    private long lastMediaSsrc;
    private volatile long otherPackets;
    private volatile long dropped;
    private volatile long nackedSequences;
    private volatile long rtxReceived;

    /** One received stream and, for video, its NACK state. */
    private record Incoming(TrackStats stats, NackRequester losses) {}

    public Reception(PeerTransport transport, int ownSsrc, Sampling sampling, double dropRate, long seed) {
        this.transport = transport;
        this.ownSsrc = ownSsrc;
        this.sampling = sampling;
        this.dropRate = dropRate;
        this.drops = new SplittableRandom(seed);
    }

    public void start() {
        EventLoop loop = transport.channel().eventLoop();
        reportTimer = loop.scheduleAtFixedRate(reportTick, 1, 1, TimeUnit.SECONDS);
        feedbackTimer = loop.scheduleAtFixedRate(feedbackTick, 50, 50, TimeUnit.MILLISECONDS);
    }

    public void stop() {
        if (reportTimer != null) reportTimer.cancel(false);
        if (feedbackTimer != null) feedbackTimer.cancel(false);
    }

    /** Takes the RTX pairing (FID groups) and the transport-cc extension id of an offer the answer accepted. Any thread. */
    public void expect(SessionDescription offer) {
        List<Long> pairs = new ArrayList<>();
        int id = 0;
        for (MediaDescription m : offer.media()) {
            for (SsrcGroup g : m.ssrcGroups()) {
                if (g.semantics().equals("FID") && g.ssrcs().size() == 2) {
                    pairs.add(g.ssrcs().get(1));
                    pairs.add(g.ssrcs().get(0));
                }
            }
            for (Extmap e : m.extmaps()) {
                if (e.uri().equals(ServerCodecs.EXT_TRANSPORT_CC_URI)) id = e.id();
            }
        }
        rtxPairs = pairs.stream().mapToLong(Long::longValue).toArray();
        transportCcId = id;
    }

    /** One SRTP packet, still encrypted. Event loop only. */
    public void onRtp(ByteBuf buf, long arrivalNanos) {
        if (dropRate > 0 && drops.nextDouble() < dropRate) {
            dropped++;
            return;
        }
        int off = buf.readerIndex();
        int length = buf.readableBytes();
        int ccId = transportCcId;
        if (ccId != 0) {
            int transportSequence = RtpExtensions.transportSequenceNumber(buf, off, length, ccId);
            if (transportSequence >= 0) {
                lastMediaSsrc = RtpHeader.ssrc(buf, off);
                if (transportCc.arrived(transportSequence, arrivalNanos)) sendFeedback(arrivalNanos);
            }
        }
        int pt = RtpHeader.payloadType(buf, off);
        if (pt == ServerCodecs.VP8_RTX_PT) {
            retransmission(buf, arrivalNanos);
            return;
        }
        if (pt != ServerCodecs.OPUS_PT && pt != ServerCodecs.VP8_PT) {
            otherPackets++;
            return;
        }
        Incoming in = track((int) RtpHeader.ssrc(buf, off), pt == ServerCodecs.VP8_PT);
        int sequence = RtpHeader.sequenceNumber(buf, off);
        if (in.losses() != null) {
            in.losses().received(sequence);
            if (in.losses().dueAt(arrivalNanos)) sendNack(in, arrivalNanos);
        }
        TrackStats track = in.stats();
        boolean sampled = track.arrived(sequence, RtpHeader.timestamp(buf, off), length, arrivalNanos);
        // The first packet of each frame is read as well: a key frame's VP8 header tells which layer arrives.
        if (!sampled && !track.startedFrame()) return;
        if (transport.unprotectRtp(buf) != SrtpResult.OK) {
            track.decryptFailed();
            return;
        }
        if (track.startedFrame()) readPictureSize(track, buf);
        if (sampled) readStamp(track, buf, arrivalNanos);
    }

    /** The picture size in a decrypted key frame's VP8 header (RFC 6386 §9.1), if this packet starts one. */
    private static void readPictureSize(TrackStats track, ByteBuf buf) {
        int off = buf.readerIndex();
        int clear = buf.readableBytes();
        int payload = RtpHeader.payloadOffset(buf, off, clear);
        int payloadLength = RtpHeader.payloadLength(buf, off, clear);
        if (payload < 0 || payloadLength < 0 || !Vp8Descriptor.isKeyframe(buf, payload, payloadLength)) return;
        int width = Vp8Descriptor.keyframeWidth(buf, payload, payloadLength);
        int height = Vp8Descriptor.keyframeHeight(buf, payload, payloadLength);
        if (width > 0 && height > 0) track.pictureSize(width, height);
    }

    /** An RTX packet: decrypted, and counted as the repair of the packet it carries if that one is still missing. */
    private void retransmission(ByteBuf buf, long arrivalNanos) {
        rtxReceived++;
        long mediaSsrc = mediaSsrcOf(RtpHeader.ssrc(buf, buf.readerIndex()));
        if (mediaSsrc < 0 || transport.unprotectRtp(buf) != SrtpResult.OK) return;
        Incoming in = track((int) mediaSsrc, true);
        int osn = RtxPacket.originalSequenceNumber(buf);
        if (osn < 0 || !in.losses().repaired(osn, arrivalNanos)
                || !RtxPacket.unwrap(buf, ServerCodecs.VP8_PT, mediaSsrc)) {
            return;
        }
        in.stats().repaired(osn);
        readStamp(in.stats(), buf, arrivalNanos);
    }

    private long mediaSsrcOf(long rtxSsrc) {
        long[] pairs = rtxPairs;
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i] == rtxSsrc) return pairs[i + 1];
        }
        return -1;
    }

    /** The send-time stamp of a decrypted packet, for the delay. */
    private static void readStamp(TrackStats track, ByteBuf buf, long arrivalNanos) {
        int off = buf.readerIndex();
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

    private Incoming track(int ssrc, boolean video) {
        Incoming[] current = tracks;
        for (Incoming t : current) {
            if (t.stats().ssrc() == ssrc) return t;
        }
        // once per new stream
        Incoming added = new Incoming(new TrackStats(ssrc, video, sampling), video ? new NackRequester(NackRequester.DEFAULT_MAX_RETRY_NANOS) : null);
        Incoming[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = added;
        tracks = next;
        return added;
    }

    private void sendNack(Incoming in, long nowNanos) {
        ByteBuf out = transport.channel().alloc().directBuffer(NackRequester.MAX_NACK_BYTES + 4 + 16);
        int n = in.losses().writeDueNack(nowNanos, out, ownSsrc & 0xFFFF_FFFFL, in.stats().ssrc() & 0xFFFF_FFFFL);
        if (n == 0) {
            out.release();
            return;
        }
        nackedSequences += n;
        transport.sendRtcp(out);
    }

    private void sendFeedback(long nowNanos) {
        ByteBuf out = transport.channel().alloc().directBuffer(TransportCcReceiver.MAX_FEEDBACK_BYTES + 4 + 16);
        transportCc.writeFeedback(out, ownSsrc & 0xFFFF_FFFFL, lastMediaSsrc, nowNanos);
        transport.sendRtcp(out);
    }

    /** What is due without a packet arriving: transport-cc feedback and repeated NACKs (every 50 ms). */
    private void sendDueFeedback() {
        if (!transport.connected()) return;
        long now = System.nanoTime();
        if (transportCc.pending() && transportCc.due(now)) sendFeedback(now);
        for (Incoming in : tracks) {
            if (in.losses() != null && in.losses().dueAt(now)) sendNack(in, now);
        }
    }

    /** A receiver report with up to 31 blocks, taking turns when more tracks arrive. */
    private void sendReport() {
        Incoming[] current = tracks;
        if (current.length == 0 || !transport.connected()) return;
        int blocks = Math.min(MAX_BLOCKS, current.length);
        ByteBuf out = transport.channel().alloc().directBuffer(8 + ReportBlock.LENGTH * blocks + 4 + 16);
        RtcpWriter.writeReceiverReportHeader(out, ownSsrc & 0xFFFF_FFFFL, blocks);
        for (int i = 0; i < blocks; i++) {
            TrackStats t = current[(nextBlock + i) % current.length].stats();
            int cumulative = (int) Math.min(0x7FFFFF, t.loss().lost());
            ReportBlock.write(out, t.ssrc() & 0xFFFF_FFFFL, t.loss().takeFractionLost(), cumulative,
                    t.loss().extendedHighest(), t.jitter().jitterUnits(), 0, 0);
        }
        nextBlock = (nextBlock + blocks) % current.length;
        transport.sendRtcp(out);
    }

    public List<TrackStats> tracks() { return Arrays.stream(tracks).map(Incoming::stats).toList(); }

    /** RTP packets with payload types the load tester does not measure. */
    public long otherPackets() { return otherPackets; }

    /** RTP packets dropped on purpose ({@code dropRate}). */
    public long dropped() { return dropped; }

    /** Sequence numbers requested by NACK, counting repeats. */
    public long nackedSequences() { return nackedSequences; }

    /** RTX packets received (repairs and late duplicates). */
    public long rtxReceived() { return rtxReceived; }
}
