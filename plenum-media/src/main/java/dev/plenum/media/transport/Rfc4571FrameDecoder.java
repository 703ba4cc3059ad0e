package dev.plenum.media.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits an ICE-TCP byte stream into packets, RFC 4571 §2: each packet is preceded by its length as a 16-bit
 * unsigned big-endian integer (RFC 6544 §3 uses this framing for ICE-TCP).
 *
 * <p>Frames may arrive split across any number of reads or several to a read; the cumulation is Netty's. Each frame
 * is copied into its own pooled direct buffer of at least {@code packetBufferBytes}, so TCP packets have the same
 * shape as UDP ones (tailroom for SRTP) and do not pin the cumulation buffer.
 *
 * <p>Bounds: a declared length above {@code maxFrameBytes} is counted as {@link DropReason#OVERSIZE} and closes the
 * connection (a peer that lies about lengths cannot be resynchronised); a zero-length frame is counted as
 * {@link DropReason#MALFORMED} and skipped. The cumulation therefore never holds more than one frame plus one read.
 *
 * <p>Threads: one instance per connection, used on that connection's event loop only.
 */
public final class Rfc4571FrameDecoder extends ByteToMessageDecoder {

    /** Size of the RFC 4571 length prefix. */
    public static final int LENGTH_PREFIX_BYTES = 2;

    private final int maxFrameBytes;
    private final int packetBufferBytes;
    private final TransportCounters counters;
    private boolean failed;

    public Rfc4571FrameDecoder(int maxFrameBytes, int packetBufferBytes, TransportCounters counters) {
        if (maxFrameBytes < 1 || maxFrameBytes > 0xFFFF) {
            throw new IllegalArgumentException("maxFrameBytes must be in [1, 65535], was " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
        this.packetBufferBytes = packetBufferBytes;
        this.counters = counters;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < LENGTH_PREFIX_BYTES) {
            return;
        }
        int length = in.getUnsignedShort(in.readerIndex());
        if (length > maxFrameBytes) {
            failed = true;
            counters.dropped(DropReason.OVERSIZE);
            in.skipBytes(in.readableBytes());
            ctx.close();
            return;
        }
        if (in.readableBytes() < LENGTH_PREFIX_BYTES + length) {
            return; // wait for the rest of the frame
        }
        in.skipBytes(LENGTH_PREFIX_BYTES);
        if (length == 0) {
            counters.dropped(DropReason.MALFORMED);
            return;
        }
        ByteBuf frame = ctx.alloc().directBuffer(Math.max(length, packetBufferBytes));
        frame.writeBytes(in, length);
        out.add(frame);
    }
}
