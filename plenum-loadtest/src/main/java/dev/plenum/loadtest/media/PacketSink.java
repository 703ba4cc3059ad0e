package dev.plenum.loadtest.media;

import io.netty.buffer.ByteBuf;

/** Where a {@link PeerTransport} hands what arrives once SRTP is keyed. Called on the transport's event loop. */
public interface PacketSink {
    /** The transport is connected: ICE checked, DTLS done, SRTP keyed. */
    void onConnected(PeerTransport transport);

    /** An SRTP packet, still encrypted (readerIndex..writerIndex); the sink may unprotect it; the caller releases. */
    void onRtp(ByteBuf packet, long arrivalNanos);

    /** An RTCP packet already unprotected; the caller releases. */
    void onRtcp(ByteBuf packet);

    /** ICE or DTLS failed, or the server closed DTLS. */
    void onFailed(String reason);
}
