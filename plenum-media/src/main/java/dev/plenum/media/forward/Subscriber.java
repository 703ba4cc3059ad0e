package dev.plenum.media.forward;

import io.netty.buffer.ByteBuf;

/**
 * Where a forwarded packet goes: the next stages (SRTP protect, send) of one subscriber's transport.
 * The subscriber owns the buffer it is given and must release it.
 */
public interface Subscriber {
    void send(ByteBuf rtpPacket);

    /** A paused subscriber is skipped before any copy is made (e.g. video for someone who chose audio only). */
    default boolean paused() {
        return false;
    }

    /**
     * Whether this packet of simulcast layer {@code layer} (0 for a stream without layers) goes to this subscriber;
     * asked before any copy is made, on the forwarding thread. A subscriber that picks one layer of several
     * switches here (see {@link LayerSelector}).
     */
    default boolean accepts(ByteBuf rtpPacket, int layer, long nowNanos) {
        return !paused();
    }

    /** Whether this subscriber is sent {@code layer} now: the publisher's sender reports of that layer are its own. */
    default boolean forwards(int layer) {
        return true;
    }

    /** An RTCP packet written for this subscriber (a rewritten sender report); one that takes none releases it. */
    default void sendRtcp(ByteBuf rtcpPacket) {
        rtcpPacket.release();
    }
}
