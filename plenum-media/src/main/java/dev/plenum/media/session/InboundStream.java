package dev.plenum.media.session;

import dev.plenum.media.nack.NackRequester;
import dev.plenum.media.nack.PacketHistory;
import dev.plenum.media.rtcp.KeyframeRequestThrottle;
import dev.plenum.media.rtcp.ReceiverStatistics;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * One RTP stream a publisher sends on a track: the track's only stream, or one of its simulcast layers (RFC 8853),
 * from 0, the lowest. A layer is named by its RID (RFC 8851) in the SDP; its SSRC is learnt from the first packet
 * that carries the RID in the RtpStreamId header extension (RFC 8852 §3), and its RTX SSRC from the first
 * retransmission that carries it in RepairedRtpStreamId; a stream announced with {@code a=ssrc} is known from the
 * start.
 *
 * <p>Per stream: the reception statistics reported back to the publisher (a report block per SSRC, RFC 3550 §6.4.2),
 * and, for video, the losses requested by NACK, the packets kept for subscribers' NACKs, the keyframe request limit,
 * the size of its pictures (from its last key frame) and its bitrate.
 *
 * <p>Thread model: packets arrive on the publisher's receive thread; the allocator reads {@link #active},
 * {@link #height} and {@link #bitrate} from the node's timer thread. The learnt SSRCs are volatile; the statistics
 * object is published before the SSRC that leads to it.
 */
final class InboundStream {
    /** A layer that sent nothing for this long is taken as switched off by the publisher (quality limitation). */
    static final long INACTIVE_AFTER_NANOS = 1_000_000_000L;
    private static final long RATE_WINDOW_NANOS = 1_000_000_000L;

    final int layer;
    /** RtpStreamId in US-ASCII, empty for a stream without simulcast. */
    final byte[] rid;
    private final int clockRate;
    private volatile long ssrc;
    private volatile long rtxSsrc;
    private volatile ReceiverStatistics statistics;
    final NackRequester losses;
    final PacketHistory history;
    final KeyframeRequestThrottle keyframes;
    private volatile long lastArrivalNanos = Long.MIN_VALUE;
    private volatile int width;
    private volatile int height;
    // Bitrate over the last whole window; written on the receive thread only.
    private boolean windowStarted;
    private long windowStartNanos;
    private long windowBytes;
    private volatile long bitrate;

    InboundStream(int layer, String rid, int clockRate, long ssrc, long rtxSsrc, boolean video) {
        this.layer = layer;
        this.rid = rid.getBytes(StandardCharsets.US_ASCII);
        this.clockRate = clockRate;
        this.losses = video ? new NackRequester(NackRequester.DEFAULT_MAX_RETRY_NANOS) : null;
        this.history = video ? new PacketHistory() : null;
        this.keyframes = video ? new KeyframeRequestThrottle(KeyframeRequestThrottle.DEFAULT_INTERVAL_NANOS) : null;
        this.rtxSsrc = rtxSsrc;
        if (ssrc >= 0) learn(ssrc);
        else this.ssrc = -1;
    }

    long ssrc() {
        return ssrc;
    }

    long rtxSsrc() {
        return rtxSsrc;
    }

    /** Null until the SSRC is known. */
    ReceiverStatistics statistics() {
        return statistics;
    }

    /** The SSRC of this stream, seen with its RID in a packet's header extension. */
    void learn(long learnt) {
        statistics = new ReceiverStatistics(learnt, clockRate, System::nanoTime);
        ssrc = learnt;
    }

    void learnRtx(long learnt) {
        rtxSsrc = learnt;
    }

    /** Whether {@code length} bytes at {@code offset} spell this stream's RID. */
    boolean hasRid(ByteBuf buf, int offset, int length) {
        if (length != rid.length || length == 0) return false;
        for (int i = 0; i < length; i++) if (buf.getByte(offset + i) != rid[i]) return false;
        return true;
    }

    /** Notes a packet of {@code bytes} that arrived at {@code nowNanos}. */
    void arrived(int bytes, long nowNanos) {
        lastArrivalNanos = nowNanos;
        if (!windowStarted) {
            windowStarted = true;
            windowStartNanos = nowNanos;
        } else if (nowNanos - windowStartNanos >= RATE_WINDOW_NANOS) {
            long elapsed = nowNanos - windowStartNanos;
            bitrate = elapsed >= 2 * RATE_WINDOW_NANOS ? 0 : windowBytes * 8 * 1_000_000_000L / elapsed;
            windowStartNanos = nowNanos;
            windowBytes = 0;
        }
        windowBytes += bytes;
    }

    /** A key frame told the size of this stream's pictures (RFC 6386 §9.1). */
    void pictureSize(int pictureWidth, int pictureHeight) {
        width = pictureWidth;
        height = pictureHeight;
    }

    boolean active(long nowNanos) {
        return lastArrivalNanos != Long.MIN_VALUE && nowNanos - lastArrivalNanos < INACTIVE_AFTER_NANOS;
    }

    /** Picture height from the last key frame, 0 before one arrived. */
    int height() {
        return height;
    }

    int width() {
        return width;
    }

    /** Bits per second over the last whole second it sent in. */
    long bitrate() {
        return bitrate;
    }
}
