package dev.plenum.media.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/** Sends on one ICE-TCP connection; the pipeline's {@link Rfc4571FrameEncoder} adds the RFC 4571 length. */
final class TcpPacketSender extends ChannelPacketSender {

    TcpPacketSender(Channel channel, TransportCounters counters) {
        super(channel, counters);
    }

    @Override
    public Transport transport() {
        return Transport.TCP;
    }

    @Override
    Object message(ByteBuf packet, InetSocketAddress to) {
        return packet;
    }
}
