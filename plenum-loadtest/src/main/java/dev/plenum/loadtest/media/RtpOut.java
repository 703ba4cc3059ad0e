package dev.plenum.loadtest.media;

import io.netty.buffer.ByteBuf;

/** Where a publisher's packets go: buffers to write them in, the transport-wide numbering, and the socket. */
public interface RtpOut {
    /** A buffer for one packet of at most {@code capacity} bytes, SRTP's tag included. */
    ByteBuf buffer(int capacity);

    /** The negotiated transport-cc extension id, or 0 when there is none. */
    int transportCcId();

    /** The next transport-wide sequence number (one counter for every packet of the transport). */
    int nextTransportSequence();

    /** Protects and sends a packet (consumed); flushes when {@code flush}. */
    void send(ByteBuf packet, boolean flush);
}
