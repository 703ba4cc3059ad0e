package dev.plenum.media.session;

import dev.plenum.media.bwe.ProbePadding;
import dev.plenum.media.forward.ExtensionIds;
import dev.plenum.media.forward.Fanout;
import dev.plenum.media.forward.HeaderExtensionRewriter;
import dev.plenum.media.forward.LayerAllocator;
import dev.plenum.media.forward.LayerSelector;
import dev.plenum.media.forward.StreamRewriter;
import dev.plenum.media.forward.Subscriber;
import dev.plenum.media.forward.Vp8PictureRewriter;
import dev.plenum.media.nack.LossRecoveryCounters.Unanswered;
import dev.plenum.media.nack.LossRecoveryCounters;
import dev.plenum.media.nack.PacketHistory;
import dev.plenum.media.nack.RtxPacket;
import dev.plenum.media.nack.SentPackets;
import dev.plenum.media.rtp.RtpHeader;
import dev.plenum.media.sdp.Extmap;
import dev.plenum.media.sdp.MediaKind;
import dev.plenum.media.sdp.ServerCodecs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One subscriber's leg of one published track: the m-section it occupies in the subscriber's PeerConnection, the
 * SSRC the subscriber sees, and the last stages of the forwarding path:
 * <pre>
 *   RTP:  StreamRewriter (in Fanout) ─► header extensions in the subscriber's terms ─► note in SentPackets
 *         ─► subscriber's transport (transport-wide sequence number, protect, send)
 *   RTCP: the publisher's sender report, rewritten by Fanout ─► subscriber's transport (protect, send)
 *   NACK from the subscriber ─► SentPackets ─► the track's PacketHistory ─► rebuilt as this leg sent it ─► RTX
 *         ─► protect, send
 * </pre>
 * A NACKed packet is resent at most once per {@link #MIN_RESEND_INTERVAL_NANOS} (about a round trip: a second NACK
 * sooner is for the same loss), and only as RTX (RFC 4588): a packet rebuilt from the shared history could differ in
 * a byte from what went out under its SRTP index (its header extensions are rewritten per leg), and SRTP must never
 * protect other content under one index. Browsers always negotiate RTX for video; a leg without it is not repaired.
 */
final class Subscription implements Subscriber {
    final PublishedTrack track;
    final MediaSession subscriber;
    final String mid;
    final long outputSsrc;
    final StreamRewriter rewriter;
    /** RFC 4588: the SSRC of this leg's retransmissions (its FID group's second SSRC), -1 for audio. */
    final long rtxSsrc;
    /** What this leg sent, mapped to the publisher's numbering, for NACKs (video only, else null). */
    final SentPackets sent;
    /** Whether the subscriber's answer kept the RTX payload type. */
    private volatile boolean rtxNegotiated;
    /** The RTP timestamp of the last packet forwarded on this leg, which probe padding on its RTX SSRC reuses. */
    private volatile int lastTimestamp;
    private int rtxSequence = ThreadLocalRandom.current().nextInt(0x10000); // guarded by this
    /** Replaced when the subscriber answers; until then the ids offered, which a JSEP answerer keeps. */
    private volatile HeaderExtensionRewriter extensions;
    /** The subscriber's page does not show this video at all (its tile is scrolled away, or the page is hidden). */
    volatile boolean unseen;
    /** The height in device pixels at which the subscriber shows this video, -1 until its page tells. */
    volatile int tileHeight = -1;
    /** For a simulcast track: which layer this leg forwards, and its picture ids across switches; else null. */
    final LayerSelector layers;
    final Vp8PictureRewriter pictures;
    /** The allocator found no room for this video in the subscriber's bandwidth (see {@link LayerAllocator}). */
    private volatile boolean starved;
    /** When the allocator first asked for a lower layer than this leg's, 0 when it does not. */
    private long stepDownSince;
    static final long STEP_DOWN_AFTER_NANOS = 1_000_000_000L;
    /** Whether the last packet offered to this leg was held back by a pause; used on the forwarding thread only. */
    private boolean wasPaused;
    /** A camera the subscriber's last-N leaves out (see {@link dev.plenum.media.lastn.LastN}). */
    volatile boolean outsideLastN;

    static final long MIN_RESEND_INTERVAL_NANOS = 100_000_000L;
    /** Room for the OSN that RTX inserts before the payload (RFC 4588 §4). */
    private static final int RTX_HEADROOM = 2;

    Subscription(PublishedTrack track, MediaSession subscriber, String mid, long outputSsrc, long rtxSsrc) {
        this.track = track;
        this.subscriber = subscriber;
        this.mid = mid;
        this.outputSsrc = outputSsrc;
        this.rtxSsrc = rtxSsrc;
        this.sent = track.kind() == MediaKind.VIDEO ? new SentPackets() : null;
        this.rewriter = new StreamRewriter((int) outputSsrc);
        this.pictures = track.simulcast() ? new Vp8PictureRewriter() : null;
        this.layers = track.simulcast() ? new LayerSelector(rewriter, pictures, 90_000, 0) : null;
        this.extensions = new HeaderExtensionRewriter(track.extensions(), offered(track.kind()), mid);
    }

    /** The extension ids Plenum offers on an m-section of this kind (see OfferBuilder). */
    static ExtensionIds offered(MediaKind kind) {
        return new ExtensionIds(ServerCodecs.EXT_MID, kind == MediaKind.AUDIO ? ServerCodecs.EXT_AUDIO_LEVEL : 0,
                ServerCodecs.EXT_ABS_SEND_TIME, ServerCodecs.EXT_TRANSPORT_CC);
    }

    /** The ids of the extensions Plenum forwards among those an answer negotiated (matched by URI, RFC 8285 §5). */
    static ExtensionIds negotiated(List<Extmap> extmaps) {
        int mid = 0, audioLevel = 0, absSendTime = 0, transportCc = 0;
        for (Extmap e : extmaps) {
            switch (e.uri()) {
                case ServerCodecs.EXT_MID_URI -> mid = e.id();
                case ServerCodecs.EXT_AUDIO_LEVEL_URI -> audioLevel = e.id();
                case ServerCodecs.EXT_ABS_SEND_TIME_URI -> absSendTime = e.id();
                case ServerCodecs.EXT_TRANSPORT_CC_URI -> transportCc = e.id();
                default -> { }
            }
        }
        return new ExtensionIds(mid, audioLevel, absSendTime, transportCc);
    }

    /** The subscriber answered: its ids for this m-section apply from the next packet on. */
    void negotiated(ExtensionIds ids) {
        if (!ids.equals(extensions.output())) extensions = new HeaderExtensionRewriter(track.extensions(), ids, mid);
    }

    /** The subscriber answered whether it takes RTX on this m-section (the RTX payload type kept, RFC 4588 §8.6). */
    void rtxNegotiated(List<Integer> payloadTypes) {
        rtxNegotiated = rtxSsrc >= 0 && payloadTypes.contains(ServerCodecs.VP8_RTX_PT);
    }

    /**
     * The layer the size this video is shown at asks for (see {@link LayerSelector#layerFor}) among the layers the
     * publisher sends now; 0 for a track without layers, {@link LayerAllocator#PAUSED} when it is not to be sent at
     * all (unseen, outside last-N, audio only).
     */
    int wantedLayer(long nowNanos) {
        if (pausedBySubscriber()) return LayerAllocator.PAUSED;
        if (layers == null) return 0;
        InboundStream[] streams = track.streams();
        int[] heights = new int[streams.length];
        for (int i = 0; i < streams.length; i++) {
            // Until a key frame tells, a layer is taken to be as high as its share of a 720p capture.
            if (streams[i].active(nowNanos)) heights[i] = streams[i].height() > 0 ? streams[i].height() : 720 >> (streams.length - 1 - i);
        }
        int height = tileHeight;
        return height < 0 ? 0 : LayerSelector.layerFor(height, heights);
    }

    /** What each layer of the track costs now (bits/s), 0 for a layer the publisher does not send now. */
    long[] layerBitrates(long nowNanos) {
        InboundStream[] streams = track.streams();
        long[] bitrates = new long[streams.length];
        for (int i = 0; i < streams.length; i++) {
            if (!streams[i].active(nowNanos)) continue;
            long measured = streams[i].bitrate();
            // A layer just (re)started has no whole second measured yet: taken to cost three times the one below it
            // (each layer has four times the pixels), so it does not look free to the allocator.
            bitrates[i] = measured > 0 ? measured : i > 0 && bitrates[i - 1] > 0 ? 3 * bitrates[i - 1] : 1;
        }
        return bitrates;
    }

    /**
     * Applies the allocator's choice: a layer (or, for a track without layers, 0) to forward, or
     * {@link LayerAllocator#PAUSED}. A step down or a pause waits until the allocator has asked for it for
     * {@link #STEP_DOWN_AFTER_NANOS}, so a momentary dip of the estimate (a busy machine's delay spike) changes nothing
     * on the screen; a step up is taken at once. While the leg waits to switch, the publisher is asked for a key frame.
     */
    void allocate(int layer, long nowNanos) {
        // Lower than what is forwarded now: a leg still waiting to go up (or to start) takes a lower target at once.
        int forwarded = starved ? LayerAllocator.PAUSED : layers == null ? 0 : layers.current();
        boolean lower = layer < forwarded;
        if (lower && stepDownSince == 0) stepDownSince = nowNanos;
        if (lower && nowNanos - stepDownSince < STEP_DOWN_AFTER_NANOS) return;
        if (!lower) stepDownSince = 0;
        boolean wasStarved = starved;
        starved = layer == LayerAllocator.PAUSED;
        if (layers != null && layer >= 0) layers.setTarget(layer);
        if ((wasStarved && !starved) || (layers != null && layers.switching() && !paused())) requestKeyframe();
    }

    /** Asks the publisher for a key frame of the stream this leg forwards or is about to switch to. */
    void requestKeyframe() {
        InboundStream[] streams = track.streams();
        int layer = layers == null ? 0 : Math.min(Math.max(layers.target(), 0), streams.length - 1);
        long ssrc = streams[layer].ssrc();
        if (ssrc >= 0) track.publisher().requestKeyframe(ssrc);
    }

    @Override
    public boolean accepts(ByteBuf packet, int layer, long nowNanos) {
        if (paused()) {
            wasPaused = true;
            return false;
        }
        if (layers == null) return true;
        if (wasPaused) { // resumes at a key frame, numbered on from where it stopped
            wasPaused = false;
            layers.restart();
        }
        return layers.accepts(packet, packet.readerIndex(), packet.readableBytes(), layer, nowNanos);
    }

    @Override
    public boolean forwards(int layer) {
        return layers == null || layers.current() == layer;
    }

    @Override
    public void send(ByteBuf packet) {
        HeaderExtensionRewriter ext = extensions;
        int off = packet.readerIndex();
        int len = packet.readableBytes();
        int epoch = 0;
        if (pictures != null) {
            int payload = RtpHeader.payloadOffset(packet, off, len);
            if (payload >= 0) epoch = pictures.rewrite(packet, payload, RtpHeader.payloadLength(packet, off, len));
        }
        ext.rewrite(packet, off, len);
        if (sent != null) {
            int sequence = RtpHeader.sequenceNumber(packet, off);
            int layer = layers == null ? 0 : layers.current();
            long timestamp = RtpHeader.timestamp(packet, off);
            sent.record(sequence, source(rewriter.sourceSequence(sequence), layer, epoch), timestamp);
            lastTimestamp = (int) timestamp;
        }
        subscriber.sendRtp(packet, ext.output().transportCc());
    }

    /** What {@link SentPackets} keeps of a packet: the publisher's sequence number, its layer and picture-id epoch. */
    private static int source(int sequence, int layer, int epoch) {
        return sequence | layer << 16 | epoch << 20;
    }

    /**
     * Answers the subscriber's NACK for one sequence number (in its numbering): the packet is taken from the track's
     * history by the publisher's number, given this leg's sequence number, timestamp, SSRC and header extensions, and
     * sent as RTX on the RTX SSRC with its own sequence number and a fresh transport-wide sequence number (it is new
     * traffic to the subscriber's congestion control).
     */
    synchronized void retransmit(int sequenceNumber, long nowNanos, LossRecoveryCounters counters) {
        if (sent == null) return;
        if (!rtxNegotiated) {
            counters.unanswered(Unanswered.NO_RTX);
            return;
        }
        long found = sent.lookup(sequenceNumber, nowNanos, MIN_RESEND_INTERVAL_NANOS);
        if (found < 0) {
            counters.unanswered(found == SentPackets.RESENT_RECENTLY ? Unanswered.RESENT_RECENTLY : Unanswered.NOT_HELD);
            return;
        }
        int source = SentPackets.source(found);
        InboundStream[] streams = track.streams();
        int layer = (source >>> 16) & 0xF;
        PacketHistory history = layer < streams.length ? streams[layer].history : null;
        if (history == null) {
            counters.unanswered(Unanswered.NOT_HELD);
            return;
        }
        ByteBuf packet =
                ByteBufAllocator.DEFAULT.directBuffer(RTX_HEADROOM + PacketHistory.MAX_PACKET + Fanout.TAILROOM);
        packet.setIndex(RTX_HEADROOM, RTX_HEADROOM);
        if (history.copy(source & 0xFFFF, packet) < 0) {
            packet.release();
            counters.unanswered(Unanswered.NOT_HELD);
            return;
        }
        int off = packet.readerIndex();
        RtpHeader.setSequenceNumber(packet, off, sequenceNumber);
        RtpHeader.setTimestamp(packet, off, SentPackets.outputTimestamp(found));
        RtpHeader.setSsrc(packet, off, outputSsrc);
        if (pictures != null) {
            int len = packet.readableBytes();
            int payload = RtpHeader.payloadOffset(packet, off, len);
            if (payload >= 0) pictures.rewriteAgain(packet, payload, RtpHeader.payloadLength(packet, off, len), source >>> 20);
        }
        HeaderExtensionRewriter ext = extensions;
        ext.rewrite(packet, off, packet.readableBytes());
        if (!RtxPacket.wrap(packet, ServerCodecs.VP8_RTX_PT, rtxSsrc, rtxSequence)) {
            packet.release();
            return;
        }
        rtxSequence = (rtxSequence + 1) & 0xFFFF;
        counters.resent();
        subscriber.sendRtp(packet, ext.output().transportCc());
    }

    /** Whether probe padding can go out on this leg: it negotiated RTX and the transport-wide sequence number. */
    boolean canPad() {
        return rtxNegotiated && extensions.output().transportCc() != 0;
    }

    /**
     * Sends one padding-only packet of {@code padding} octets on this leg's RTX SSRC for a bandwidth probe
     * ({@link ProbePadding}); it takes the next RTX sequence number, so the RTX stream the subscriber sees stays
     * continuous with the retransmissions.
     */
    synchronized void sendPadding(int padding) {
        int transportCcId = extensions.output().transportCc();
        if (!rtxNegotiated || transportCcId == 0) return;
        ByteBuf packet = ByteBufAllocator.DEFAULT.directBuffer(ProbePadding.HEADER_BYTES + padding + Fanout.TAILROOM);
        ProbePadding.write(packet, ServerCodecs.VP8_RTX_PT, rtxSsrc, rtxSequence, lastTimestamp & 0xFFFF_FFFFL,
                transportCcId, padding);
        rtxSequence = (rtxSequence + 1) & 0xFFFF;
        subscriber.sendRtp(packet, transportCcId);
    }

    @Override
    public boolean paused() {
        return track.kind() == MediaKind.VIDEO && (pausedBySubscriber() || starved || subscriber.videoPausedForBandwidth());
    }

    /** Not to be sent whatever the bandwidth: not seen, outside last-N, or the subscriber chose audio only. */
    private boolean pausedBySubscriber() {
        return unseen || outsideLastN || subscriber.audioOnly();
    }

    @Override
    public void sendRtcp(ByteBuf packet) {
        subscriber.sendRtcp(packet);
    }
}
