package dev.plenum.media.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Gives every received datagram the same shape: its own buffer of at least {@code packetBufferBytes}, the packet at
 * the reader index, the rest tailroom (for the SRTP tag and header extensions written in place).
 *
 * <p>NIO already delivers the whole receive buffer. Netty's epoll transport instead hands up a retained slice
 * exactly as long as the datagram, whose capacity is the datagram: no tailroom, although the buffer behind it is the
 * full pooled receive buffer. When the slice is provably the whole readable region of that buffer and the only
 * holder of it, we take the buffer and drop the slice (no copy). Otherwise the packet is copied into a fresh pooled
 * buffer. Either way the caller receives a buffer it owns (reference count 1) and the input is consumed.
 *
 * <p>Called on the socket's event loop; allocates nothing on the zero-copy path.
 */
final class ReceiveBuffers {

    private ReceiveBuffers() {
    }

    static ByteBuf withTailroom(ByteBuf packet, int packetBufferBytes, ByteBufAllocator allocator) {
        if (packet.capacity() >= packetBufferBytes && packet.refCnt() == 1) {
            return packet;
        }
        ByteBuf parent = packet.unwrap();
        int length = packet.readableBytes();
        if (parent != null
                && parent.refCnt() == 1
                && parent.capacity() >= packetBufferBytes
                && parent.readableBytes() == length
                && packet.hasMemoryAddress()
                && parent.hasMemoryAddress()
                && packet.memoryAddress() + packet.readerIndex() == parent.memoryAddress() + parent.readerIndex()) {
            parent.retain();
            packet.release(); // the slice's release gives back its hold on the parent; ours remains
            return parent;
        }
        try {
            ByteBuf copy = allocator.directBuffer(Math.max(length, packetBufferBytes));
            copy.writeBytes(packet, packet.readerIndex(), length);
            return copy;
        } finally {
            packet.release();
        }
    }
}
