package dev.plenum.media.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * Sends on the shared UDP media socket; one instance serves every peer. Each send wraps the buffer in a Netty
 * {@link DatagramPacket} (the one object per outbound packet Netty's datagram API requires).
 */
final class UdpPacketSender extends ChannelPacketSender {

    UdpPacketSender(Channel channel, TransportCounters counters) {
        super(channel, counters);
    }

    @Override
    public Transport transport() {
        return Transport.UDP;
    }

    @Override
    Object message(ByteBuf packet, InetSocketAddress to) {
        return new DatagramPacket(packet, to);
    }
}
