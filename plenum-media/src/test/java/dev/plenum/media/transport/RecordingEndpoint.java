package dev.plenum.media.transport;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test double for {@link Endpoint} and {@link StunHandler}. With {@code keep} it holds the buffers it receives (the
 * test releases them); otherwise it records a copy of the bytes and releases at once, as a real stage would.
 */
final class RecordingEndpoint implements Endpoint, StunHandler {

    record Received(PacketType type, byte[] bytes, InetSocketAddress from, PacketSender replyPath, ByteBuf kept) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final boolean keep;

    RecordingEndpoint(boolean keep) {
        this.keep = keep;
    }

    @Override
    public void onStun(ByteBuf packet, InetSocketAddress from, PacketSender replyPath) {
        record(PacketType.STUN, packet, from, replyPath);
    }

    @Override
    public void onDtls(ByteBuf packet, InetSocketAddress from, PacketSender replyPath) {
        record(PacketType.DTLS, packet, from, replyPath);
    }

    @Override
    public void onRtp(ByteBuf packet, InetSocketAddress from, PacketSender replyPath) {
        record(PacketType.RTP, packet, from, replyPath);
    }

    @Override
    public void onRtcp(ByteBuf packet, InetSocketAddress from, PacketSender replyPath) {
        record(PacketType.RTCP, packet, from, replyPath);
    }

    private void record(PacketType type, ByteBuf packet, InetSocketAddress from, PacketSender replyPath) {
        byte[] bytes = new byte[packet.readableBytes()];
        packet.getBytes(packet.readerIndex(), bytes);
        if (keep) {
            received.add(new Received(type, bytes, from, replyPath, packet));
        } else {
            try {
                received.add(new Received(type, bytes, from, replyPath, null));
            } finally {
                packet.release();
            }
        }
    }

    List<PacketType> types() {
        return received.stream().map(Received::type).toList();
    }
}
