package dev.plenum.media.ice;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits an ICE-TCP stream (RFC 6544 §3) into packets framed as RFC 4571 §2: a 16-bit big-endian length, then that
 * many bytes of STUN, DTLS, RTP or RTCP. Each frame goes up the pipeline as a retained slice of the received bytes.
 *
 * <p>Frames longer than {@code maxFrameLength} are what a flood or a confused peer sends, never a browser (its
 * packets fit a UDP MTU): with {@link OversizePolicy#DROP} they are skipped, even across reads, and counted; with
 * {@link OversizePolicy#CLOSE} the connection is closed. Zero-length frames are skipped and counted too.
 *
 * <p>Thread model: one instance per connection, used on its event loop; {@link #droppedFrames()} may be read from
 * any thread.
 */
public final class Rfc4571FrameDecoder extends ByteToMessageDecoder {
    /** Enough for any packet that fits an Ethernet MTU, the smallest maximum allowed. */
    public static final int MIN_MAX_FRAME_LENGTH = 1500;
    public static final int DEFAULT_MAX_FRAME_LENGTH = 1500;

    /** What to do with a frame whose length exceeds the maximum. */
    public enum OversizePolicy { DROP, CLOSE }

    private final int maxFrameLength;
    private final OversizePolicy policy;
    /** Bytes of an oversize frame still to skip; they may arrive in later reads. */
    private int discarding;
    private volatile long droppedFrames;

    public Rfc4571FrameDecoder() {
        this(DEFAULT_MAX_FRAME_LENGTH, OversizePolicy.DROP);
    }

    public Rfc4571FrameDecoder(int maxFrameLength, OversizePolicy policy) {
        if (maxFrameLength < MIN_MAX_FRAME_LENGTH || maxFrameLength > 0xFFFF) {
            throw new IllegalArgumentException("maxFrameLength must be in 1500..65535");
        }
        this.maxFrameLength = maxFrameLength;
        this.policy = policy;
    }

    /** Frames dropped for being oversize or empty on this connection. */
    public long droppedFrames() {
        return droppedFrames;
    }

    /** Handles one step — a frame, a skipped frame or part of one — per call; the base class loops while input lasts. */
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (discarding > 0) {
            int skip = Math.min(discarding, in.readableBytes());
            in.skipBytes(skip);
            discarding -= skip;
            return;
        }
        if (in.readableBytes() < 2) {
            return;
        }
        int length = in.getUnsignedShort(in.readerIndex());
        if (length > maxFrameLength) {
            droppedFrames++;
            if (policy == OversizePolicy.CLOSE) {
                in.skipBytes(in.readableBytes());
                ctx.close();
                return;
            }
            in.skipBytes(2);
            discarding = length;
            return;
        }
        if (length == 0) {
            droppedFrames++;
            in.skipBytes(2);
            return;
        }
        if (in.readableBytes() < 2 + length) {
            return;
        }
        in.skipBytes(2);
        out.add(in.readRetainedSlice(length));
    }
}
