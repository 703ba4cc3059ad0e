package dev.plenum.media.ice;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Prefixes each outgoing packet with its 16-bit length (RFC 4571 §2). The prefix is its own 2-byte buffer written
 * ahead of the packet, so the packet is not copied. Stateless and sharable.
 */
@ChannelHandler.Sharable
public final class Rfc4571FrameEncoder extends MessageToMessageEncoder<ByteBuf> {

    public Rfc4571FrameEncoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf packet, List<Object> out) {
        int length = packet.readableBytes();
        if (length > 0xFFFF) {
            throw new EncoderException("RFC 4571 frames carry at most 65535 bytes, got " + length);
        }
        out.add(ctx.alloc().buffer(2, 2).writeShort(length));
        out.add(packet.retain()); // the base class releases the message after encode
    }
}
