package dev.plenum.media.transport;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/**
 * A participant's receiving side as seen by the transport: DTLS, RTP and RTCP from a remote address registered
 * for it with {@link Demultiplexer#register}. RTP and RTCP are still SRTP/SRTCP-protected here.
 *
 * <p>Ownership: each method owns {@code packet} and must release it (in {@code finally}), or pass it on to a stage
 * that will.
 * <p>Threads: called on a socket event loop thread (UDP or TCP, whichever the packet arrived on); must not block.
 * {@code from} is the socket's own address object: keep it only as a key or for replies, never mutate.
 */
public interface Endpoint {

    void onDtls(ByteBuf packet, InetSocketAddress from, PacketSender replyPath);

    void onRtp(ByteBuf packet, InetSocketAddress from, PacketSender replyPath);

    void onRtcp(ByteBuf packet, InetSocketAddress from, PacketSender replyPath);
}
