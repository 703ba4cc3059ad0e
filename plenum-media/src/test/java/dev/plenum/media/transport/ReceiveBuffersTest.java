package dev.plenum.media.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** Received packets always come out as an owned buffer with tailroom, whatever shape the transport gave them. */
class ReceiveBuffersTest {

    private final PooledByteBufAllocator pool = PooledByteBufAllocator.DEFAULT;

    @Test
    void aWholeReceiveBufferPassesThrough() {
        ByteBuf buf = pool.directBuffer(2048).writeBytes(TestPackets.rtp());

        ByteBuf out = ReceiveBuffers.withTailroom(buf, 2048, pool);

        assertThat(out).isSameAs(buf);
        assertThat(out.refCnt()).isEqualTo(1);
        out.release();
    }

    @Test
    void anEpollStyleSliceIsTurnedBackIntoItsReceiveBufferWithoutCopying() {
        // What Netty's epoll datagram read does: receive into a 2048-byte buffer, hand up a retained slice of the
        // datagram, release the buffer.
        ByteBuf receive = pool.directBuffer(2048).writeBytes(TestPackets.rtp());
        ByteBuf slice = receive.retainedSlice(receive.readerIndex(), receive.readableBytes());
        receive.release();
        assertThat(slice.capacity()).isEqualTo(16);

        ByteBuf out = ReceiveBuffers.withTailroom(slice, 2048, pool);

        if (receive.hasMemoryAddress()) {
            assertThat(out).as("zero-copy path").isSameAs(receive);
        }
        assertThat(out.refCnt()).isEqualTo(1);
        assertThat(out.capacity()).isGreaterThanOrEqualTo(2048);
        assertThat(out.readableBytes()).isEqualTo(16);
        byte[] bytes = new byte[16];
        out.getBytes(out.readerIndex(), bytes);
        assertThat(bytes).isEqualTo(TestPackets.rtp());
        out.release();
        assertThat(slice.refCnt()).isZero();
    }

    @Test
    void aSliceOfPartOfABufferIsCopied() {
        ByteBuf big = Unpooled.directBuffer(2048).writeBytes(new byte[100]);
        ByteBuf slice = big.retainedSlice(10, 20);

        ByteBuf out = ReceiveBuffers.withTailroom(slice, 2048, pool);

        assertThat(out).isNotSameAs(big);
        assertThat(out.capacity()).isGreaterThanOrEqualTo(2048);
        assertThat(out.readableBytes()).isEqualTo(20);
        assertThat(big.refCnt()).as("the slice's hold given back; still held by its owner").isEqualTo(1);
        out.release();
        big.release();
    }
}
