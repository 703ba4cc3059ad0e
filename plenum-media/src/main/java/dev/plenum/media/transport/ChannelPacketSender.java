package dev.plenum.media.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/**
 * The common write path of the UDP and TCP senders: drop when the channel is closed or backed up, queue without
 * flushing on the event loop (flushed once per read burst), write-and-flush from other threads.
 *
 * <p>{@code flushPending} is touched only on the channel's event loop thread.
 */
abstract sealed class ChannelPacketSender implements PacketSender permits UdpPacketSender, TcpPacketSender {

    final Channel channel;
    private final TransportCounters counters;
    private boolean flushPending;

    ChannelPacketSender(Channel channel, TransportCounters counters) {
        this.channel = channel;
        this.counters = counters;
    }

    /** The message the channel's pipeline expects for this packet. */
    abstract Object message(ByteBuf packet, InetSocketAddress to);

    @Override
    public final void send(ByteBuf packet, InetSocketAddress to) {
        if (!channel.isActive()) {
            packet.release();
            counters.dropped(DropReason.SEND_FAILED);
            return;
        }
        if (!channel.isWritable()) {
            packet.release();
            counters.dropped(DropReason.SEND_QUEUE_FULL);
            return;
        }
        int bytes = packet.readableBytes();
        Object message = message(packet, to);
        counters.sent(bytes);
        if (channel.eventLoop().inEventLoop()) {
            channel.write(message, channel.voidPromise());
            flushPending = true;
        } else {
            channel.writeAndFlush(message, channel.voidPromise());
        }
    }

    @Override
    public final void flush() {
        // Writes from other threads flush themselves; only event-loop writes are batched.
        if (flushPending && channel.eventLoop().inEventLoop()) {
            flushPending = false;
            channel.flush();
        }
    }
}
