package dev.plenum.media.session;

import io.netty.buffer.ByteBuf;

/**
 * SRTP and SRTCP that arrive in the moment between the browser finishing the DTLS handshake and this side deriving the
 * SRTP keys: the browser may send as soon as it has the last flight, which leaves before the keys here are ready
 * (RFC 6347 §4.2.4). Its first packets are its bandwidth probes; dropping them leaves its estimate, and so its video,
 * low for many seconds. They are held, up to {@value #CAPACITY}, with their arrival times, and handled in order once
 * the keys are there; whatever arrives meanwhile waits behind them, so the order is kept.
 *
 * <p>Thread model: {@link #hold} on the receive thread, {@link #release} once on the DTLS thread; both lock.
 */
final class EarlyPackets {
    static final int CAPACITY = 128;

    interface Handler {
        void handle(ByteBuf packet, boolean rtcp, long arrivalNanos);
    }

    private final ByteBuf[] packets = new ByteBuf[CAPACITY];
    private final boolean[] rtcp = new boolean[CAPACITY];
    private final long[] arrivals = new long[CAPACITY];
    private int count;
    private boolean released;

    /** Keeps the packet until {@link #release}; false (the caller handles it) once released or when full. */
    synchronized boolean hold(ByteBuf packet, boolean isRtcp, long arrivalNanos) {
        if (released) return false;
        if (count == CAPACITY) { // a browser that sends this much before the keys exist: the rest is dropped
            packet.release();
            return true;
        }
        packets[count] = packet;
        rtcp[count] = isRtcp;
        arrivals[count] = arrivalNanos;
        count++;
        return true;
    }

    /** Hands every held packet, in arrival order, to {@code handler}; from now on nothing is held. */
    synchronized void release(Handler handler) {
        released = true;
        try {
            for (int i = 0; i < count; i++) {
                ByteBuf packet = packets[i];
                packets[i] = null;
                handler.handle(packet, rtcp[i], arrivals[i]);
            }
        } finally { // a handler that failed on one packet leaves the rest to be freed here
            for (int i = 0; i < count; i++) {
                if (packets[i] != null) packets[i].release();
                packets[i] = null;
            }
            count = 0;
        }
    }
}
