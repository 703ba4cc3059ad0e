package dev.plenum.media.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.EncoderException;

/**
 * Prefixes each outbound packet with its RFC 4571 §2 length (16-bit unsigned, big-endian).
 *
 * <p>When the buffer is exclusively ours (reference count 1, not a derived view) and has two bytes of headroom
 * before its reader index, the length is written there in place and the packet goes out as one buffer; otherwise a
 * two-byte header buffer is written ahead of it (one gathering write on the socket). A packet longer than 65535
 * bytes cannot be framed: it is released and the write fails with an {@link EncoderException}.
 *
 * <p>Stateless and {@link ChannelHandler.Sharable}; runs on the connection's event loop.
 */
@ChannelHandler.Sharable
public final class Rfc4571FrameEncoder extends ChannelOutboundHandlerAdapter {

    /** The largest length RFC 4571 can express. */
    public static final int MAX_FRAME_BYTES = 0xFFFF;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf packet)) {
            ctx.write(msg, promise);
            return;
        }
        int length = packet.readableBytes();
        if (length > MAX_FRAME_BYTES) {
            packet.release();
            promise.tryFailure(new EncoderException("RFC 4571 frame too long: " + length + " bytes"));
            return;
        }
        int readerIndex = packet.readerIndex();
        if (readerIndex >= Rfc4571FrameDecoder.LENGTH_PREFIX_BYTES && packet.refCnt() == 1 && packet.unwrap() == null) {
            packet.setShort(readerIndex - Rfc4571FrameDecoder.LENGTH_PREFIX_BYTES, length);
            packet.readerIndex(readerIndex - Rfc4571FrameDecoder.LENGTH_PREFIX_BYTES);
            ctx.write(packet, promise);
            return;
        }
        ByteBuf header = ctx.alloc().directBuffer(Rfc4571FrameDecoder.LENGTH_PREFIX_BYTES);
        header.writeShort(length);
        ctx.write(header, ctx.voidPromise());
        ctx.write(packet, promise);
    }
}
