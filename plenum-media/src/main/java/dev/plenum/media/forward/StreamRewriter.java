package dev.plenum.media.forward;

import dev.plenum.media.rtp.RtpHeader;
import io.netty.buffer.ByteBuf;

/**
 * Rewrites one forwarded RTP stream for one subscriber: the subscriber sees its own SSRC and a sequence number and
 * timestamp space that continue without gaps when the source behind it changes (a publisher resuming, later a
 * simulcast layer switch). RFC 3550 §5.1 fields at fixed offsets: sequence at 2, timestamp at 4, SSRC at 8.
 *
 * <p>It also counts what this subscriber was sent, which the sender reports forwarded to it carry instead of the
 * publisher's own counts (RFC 3550 §6.4.1: packets, and payload octets without header and padding).
 *
 * <p>Thread model: used only by the media thread that forwards the publisher's stream, which also handles that
 * publisher's RTCP (one transport, one event loop). Allocates nothing.
 */
public final class StreamRewriter {
    private final int outputSsrc;
    private boolean started;
    private int sequenceDelta;   // output = source + delta (mod 2^16)
    private long timestampDelta; // output = source + delta (mod 2^32)
    private int highestOutputSequence;
    private long lastOutputTimestamp;
    private boolean rebaseNext = true;
    /** How far past the last output timestamp a rebased source starts (RTP clock ticks, at least 1). */
    private long rebaseAdvance = 1;
    private long packetsSent;
    private long octetsSent;

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
        rebaseOnNextPacket(1);
    }

    /**
     * Like {@link #rebaseOnNextPacket()}, with the new source's first timestamp {@code timestampAdvance} ticks after
     * the last one seen: the time that passed, so the subscriber's jitter buffer sees frames at their real spacing.
     * Simulcast layers each start their timestamps at a random offset (RFC 3550 §5.1), so nothing else relates them.
     */
    public void rebaseOnNextPacket(long timestampAdvance) {
        rebaseNext = true;
        rebaseAdvance = Math.max(1, timestampAdvance);
    }

    /** Rewrites sequence, timestamp and SSRC of the RTP packet at {@code offset} in place. */
    public void rewrite(ByteBuf packet, int offset) {
        int sourceSequence = packet.getUnsignedShort(offset + 2);
        long sourceTimestamp = packet.getUnsignedInt(offset + 4);
        if (rebaseNext) {
            int nextSequence = started ? (highestOutputSequence + 1) & 0xFFFF : sourceSequence;
            long nextTimestamp = started ? (lastOutputTimestamp + rebaseAdvance) & 0xFFFF_FFFFL : sourceTimestamp;
            sequenceDelta = (nextSequence - sourceSequence) & 0xFFFF;
            timestampDelta = (nextTimestamp - sourceTimestamp) & 0xFFFF_FFFFL;
            rebaseNext = false;
            started = true;
            highestOutputSequence = nextSequence;
            lastOutputTimestamp = nextTimestamp;
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
        int payload = RtpHeader.payloadLength(packet, offset, packet.writerIndex() - offset);
        packetsSent++;
        if (payload > 0) octetsSent += payload;
    }

    /** The source sequence number behind an output one, while the numbering has not been rebased since. */
    public int sourceSequence(int outputSequence) {
        return (outputSequence - sequenceDelta) & 0xFFFF;
    }

    /** Whether a packet went through, so that timestamps have a mapping and the counts mean something. */
    public boolean started() {
        return started;
    }

    /** The source timestamp as this subscriber sees it: shifted by the same offset as the packets. */
    public long outputTimestamp(long sourceTimestamp) {
        return (sourceTimestamp + timestampDelta) & 0xFFFF_FFFFL;
    }

    /** Packets rewritten for this subscriber so far. */
    public long packetsSent() {
        return packetsSent;
    }

    /** Payload octets of those packets (RFC 3550 §6.4.1 sender's octet count). */
    public long octetsSent() {
        return octetsSent;
    }

    /** RFC 3550 §A.1 serial-number arithmetic on 16-bit sequence numbers. */
    static boolean isNewer(int a, int b) {
        int diff = (a - b) & 0xFFFF;
        return diff != 0 && diff < 0x8000;
    }
}
