package dev.plenum.media.transport;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;

/**
 * The way back to a remote peer: the shared UDP socket (one sender for every peer, addressed per packet) or one
 * ICE-TCP connection (one sender per connection, RFC 4571 framed). Handed to {@link StunHandler} and
 * {@link Endpoint} with every packet, so replies leave by the socket or connection the request came in on.
 *
 * <p>Ownership: {@link #send} takes the buffer; the sender releases it once written, or at once if it drops it.
 *
 * <p>Threads: may be called from any thread and never blocks. On the socket's own event loop writes are queued
 * and flushed together at the end of the read burst (and by {@link #flush()}); from another thread each packet is
 * written and flushed by a task on the event loop. When the channel's write buffer is above its high water mark
 * the packet is dropped and counted ({@link DropReason#SEND_QUEUE_FULL}): media is better late-dropped than queued.
 */
public interface PacketSender {

    /** Which socket this sender writes to. */
    Transport transport();

    /**
     * Sends the readable bytes of {@code packet} to {@code to}. For TCP, {@code to} is informational: the
     * connection is the destination.
     */
    void send(ByteBuf packet, InetSocketAddress to);

    /** Flushes writes queued on the event loop. Cheap when nothing is queued. */
    void flush();

    /** The two media transports. */
    enum Transport {
        UDP,
        TCP
    }
}
