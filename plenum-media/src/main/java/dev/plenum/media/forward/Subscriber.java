package dev.plenum.media.forward;

import io.netty.buffer.ByteBuf;

/**
 * Where a forwarded packet goes: the next stages (SRTP protect, send) of one subscriber's transport.
 * The subscriber owns the buffer it is given and must release it.
 */
public interface Subscriber {
    void send(ByteBuf rtpPacket);
}
