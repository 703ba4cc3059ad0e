package dev.plenum.media.record;

import dev.plenum.media.rtp.RtpHeader;
import io.netty.buffer.ByteBuf;

/**
 * Takes Opus out of RTP (RFC 7587 §4.2): each packet's payload is exactly one Opus packet, which decodes on its own,
 * so a loss costs only its own 20 ms. Empty payloads (nothing to decode) are skipped. Used by one recorder thread.
 */
final class OpusDepacketizer implements ReorderBuffer.Sink {
    /** Where Opus packets go. */
    interface PacketSink {
        void opus(long rtpTimestamp, byte[] packet, long arrivalNanos);
    }

    private final PacketSink sink;
    private long lost;

    OpusDepacketizer(PacketSink sink) {
        this.sink = sink;
    }

    @Override
    public void packet(ByteBuf p, long extendedSequence, long arrivalNanos) {
        int off = p.readerIndex();
        int len = p.readableBytes();
        if (!RtpHeader.isValid(p, off, len)) return;
        int payload = RtpHeader.payloadOffset(p, off, len);
        int payloadLength = RtpHeader.payloadLength(p, off, len);
        if (payload < 0 || payloadLength <= 0) return;
        byte[] data = new byte[payloadLength];
        p.getBytes(payload, data);
        sink.opus(RtpHeader.timestamp(p, off), data, arrivalNanos);
    }

    @Override
    public void lost(long extendedSequence) {
        lost++;
    }

    long lost() {
        return lost;
    }
}
