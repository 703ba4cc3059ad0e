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

    /** An RTCP packet written for this subscriber (a rewritten sender report); one that takes none releases it. */
    default void sendRtcp(ByteBuf rtcpPacket) {
        rtcpPacket.release();
    }
}
