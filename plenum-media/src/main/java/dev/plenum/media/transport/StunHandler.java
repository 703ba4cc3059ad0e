package dev.plenum.media.transport;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/**
 * Receives every STUN message that arrives on the media sockets, from any source, known or not: STUN binding
 * requests are how a participant's transport address becomes known (ICE-lite, RFC 8445 §2.5). The implementation
 * finds the participant by the USERNAME attribute's local ufrag, checks MESSAGE-INTEGRITY and, on success,
 * registers the address with {@link Demultiplexer#register}.
 *
 * <p>Ownership: the handler owns {@code packet} and must release it (in {@code finally}).
 * <p>Threads: called on a socket event loop thread; must not block.
 */
@FunctionalInterface
public interface StunHandler {

    void onStun(ByteBuf packet, InetSocketAddress from, PacketSender replyPath);
}
