package dev.plenum.media.forward;

import io.netty.buffer.ByteBuf;

/**
 * Rewrites one forwarded RTP stream for one subscriber: the subscriber sees its own SSRC and a sequence number and
 * timestamp space that continue without gaps when the source behind it changes (a publisher resuming, later a
 * simulcast layer switch). RFC 3550 §5.1 fields at fixed offsets: sequence at 2, timestamp at 4, SSRC at 8.
 *
 * <p>Thread model: used only by the media thread that forwards to this subscriber. Allocates nothing.
 */
public final class StreamRewriter {
    private final int outputSsrc;
    private boolean started;
    private int sequenceDelta;   // output = source + delta (mod 2^16)
    private long timestampDelta; // output = source + delta (mod 2^32)
    private int highestOutputSequence;
    private long lastOutputTimestamp;
    private boolean rebaseNext = true;

    public StreamRewriter(int outputSsrc) {
        this.outputSsrc = outputSsrc;
    }

    public int outputSsrc() {
        return outputSsrc;
    }

    /**
     * The next packet starts a new source (another publisher stream or layer): its numbering is rebased so the
     * subscriber sees the next sequence number and a timestamp just after the last one it saw.
     */
    public void rebaseOnNextPacket() {
        rebaseNext = true;
    }

    /** Rewrites sequence, timestamp and SSRC of the RTP packet at {@code offset} in place. */
    public void rewrite(ByteBuf packet, int offset) {
        int sourceSequence = packet.getUnsignedShort(offset + 2);
        long sourceTimestamp = packet.getUnsignedInt(offset + 4);
        if (rebaseNext) {
            int nextSequence = started ? (highestOutputSequence + 1) & 0xFFFF : sourceSequence;
            long nextTimestamp = started ? (lastOutputTimestamp + 1) & 0xFFFF_FFFFL : sourceTimestamp;
            sequenceDelta = (nextSequence - sourceSequence) & 0xFFFF;
            timestampDelta = (nextTimestamp - sourceTimestamp) & 0xFFFF_FFFFL;
            rebaseNext = false;
            started = true;
            highestOutputSequence = nextSequence;
        }
        int outSequence = (sourceSequence + sequenceDelta) & 0xFFFF;
        long outTimestamp = (sourceTimestamp + timestampDelta) & 0xFFFF_FFFFL;
        if (isNewer(outSequence, highestOutputSequence)) {
            highestOutputSequence = outSequence;
            lastOutputTimestamp = outTimestamp;
        }
        packet.setShort(offset + 2, outSequence);
        packet.setInt(offset + 4, (int) outTimestamp);
        packet.setInt(offset + 8, outputSsrc);
    }

    /** RFC 3550 §A.1 serial-number arithmetic on 16-bit sequence numbers. */
    static boolean isNewer(int a, int b) {
        int diff = (a - b) & 0xFFFF;
        return diff != 0 && diff < 0x8000;
    }
}
