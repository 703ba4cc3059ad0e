package dev.plenum.media.forward;

import dev.plenum.media.rtp.RtpExtensions;
import io.netty.buffer.ByteBuf;

/**
 * The transport-wide sequence numbers (draft-holmer-rmcat-transport-wide-cc-extensions-01 §2) of one subscriber's
 * transport: one 16-bit sequence over every stream forwarded to it, written into each packet's slot as it leaves, so a
 * congestion controller can match the subscriber's feedback to what was sent. A packet without the slot takes no
 * number. The publishers' own numbers, which describe their transports, are overwritten and so never passed on.
 *
 * <p>Not thread-safe: the owner calls it under the lock that orders its packets on the wire. Allocates nothing.
 */
public final class TransportSequencer {
    private int next;

    /** Writes the next number into the packet's element {@code id}; returns it, or -1 when the packet has no slot. */
    public int stamp(ByteBuf packet, int off, int len, int id) {
        if (id == 0 || !RtpExtensions.setTransportSequenceNumber(packet, off, len, id, next)) return -1;
        int stamped = next;
        next = (next + 1) & 0xFFFF;
        return stamped;
    }
}
