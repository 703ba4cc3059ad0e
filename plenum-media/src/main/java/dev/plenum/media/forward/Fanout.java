package dev.plenum.media.forward;

import dev.plenum.media.rtcp.RtcpWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Forwards one publisher stream to its subscribers. For each received (already decrypted) RTP packet:
 * <pre>
 *   source packet ─┬─► copy ─► StreamRewriter(sub 1) ─► Subscriber 1 (protect, send; releases)
 *                  ├─► copy ─► StreamRewriter(sub 2) ─► Subscriber 2
 *                  └─► ...
 *   the source packet is released here, in finally
 * </pre>
 * Each subscriber needs its own copy because its header and its encryption differ. Copies come from the pooled
 * allocator with {@link #HEADROOM} bytes in front (header extensions may grow) and {@link #TAILROOM} behind (the
 * SRTP authentication tag is written in place).
 *
 * <p>The publisher's sender reports reach the same subscribers through {@link #forwardSenderReport}, each rewritten
 * for its leg.
 *
 * <p>Thread model: one media thread per publisher's transport calls {@link #forward} and
 * {@link #forwardSenderReport}; subscriptions change through
 * {@link #subscribe}/{@link #unsubscribe} from any thread (copy-on-write array). Allocates no objects per packet
 * beyond the pooled buffers themselves.
 */
public final class Fanout {
    public static final int HEADROOM = 64;
    public static final int TAILROOM = 64;
    /** A sender report without report blocks (RFC 3550 §6.4.1). */
    private static final int SENDER_REPORT_LENGTH = 28;

    private record Leg(Subscriber subscriber, StreamRewriter rewriter) {}

    private static final Leg[] NONE = new Leg[0];
    private final ByteBufAllocator allocator;
    private volatile Leg[] legs = NONE;

    public Fanout(ByteBufAllocator allocator) {
        this.allocator = allocator;
    }

    public synchronized void subscribe(Subscriber subscriber, StreamRewriter rewriter) {
        Leg[] next = java.util.Arrays.copyOf(legs, legs.length + 1);
        next[legs.length] = new Leg(subscriber, rewriter);
        legs = next;
    }

    public synchronized void unsubscribe(Subscriber subscriber) {
        legs = java.util.Arrays.stream(legs).filter(l -> l.subscriber() != subscriber).toArray(Leg[]::new);
    }

    public int subscriberCount() {
        return legs.length;
    }

    /** Forwards the RTP packet (readerIndex..writerIndex) of a stream without layers to every subscriber; releases it. */
    public void forward(ByteBuf packet) {
        forward(packet, 0, 0);
    }

    /**
     * Forwards the RTP packet (readerIndex..writerIndex), which belongs to simulcast layer {@code layer} and arrived
     * at {@code nowNanos}, to every subscriber that takes it, and releases it.
     */
    public void forward(ByteBuf packet, int layer, long nowNanos) {
        try {
            Leg[] current = legs;
            int length = packet.readableBytes();
            int from = packet.readerIndex();
            for (Leg leg : current) {
                if (!leg.subscriber().accepts(packet, layer, nowNanos)) continue;
                ByteBuf copy = allocator.directBuffer(HEADROOM + length + TAILROOM);
                copy.setIndex(HEADROOM, HEADROOM);
                copy.writeBytes(packet, from, length);
                leg.rewriter().rewrite(copy, HEADROOM);
                leg.subscriber().send(copy);
            }
        } finally {
            packet.release();
        }
    }

    /**
     * Sends each subscriber that has received packets a sender report (RFC 3550 §6.4.1) in its own terms: its SSRC,
     * the RTP timestamp shifted like its packets', the packets and payload octets it was sent, and the publisher's NTP
     * time unchanged, so the subscriber can sync audio with video and estimate what it lost. Nothing else of the
     * publisher's compound (its report blocks, SDES, feedback) is passed on: those name the publisher's SSRCs.
     */
    public void forwardSenderReport(long ntpTimestamp, long rtpTimestamp) {
        forwardSenderReport(0, ntpTimestamp, rtpTimestamp);
    }

    /** As {@link #forwardSenderReport(long, long)}, for the sender report of simulcast layer {@code layer}. */
    public void forwardSenderReport(int layer, long ntpTimestamp, long rtpTimestamp) {
        for (Leg leg : legs) {
            StreamRewriter r = leg.rewriter();
            if (!r.started() || !leg.subscriber().forwards(layer)) continue;
            ByteBuf report = allocator.directBuffer(SENDER_REPORT_LENGTH + TAILROOM);
            RtcpWriter.writeSenderReportHeader(report, r.outputSsrc() & 0xFFFF_FFFFL, ntpTimestamp,
                    r.outputTimestamp(rtpTimestamp), r.packetsSent(), r.octetsSent(), 0);
            leg.subscriber().sendRtcp(report);
        }
    }
}
