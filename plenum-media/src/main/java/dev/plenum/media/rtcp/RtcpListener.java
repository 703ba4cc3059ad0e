package dev.plenum.media.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * Receives what {@link RtcpParser} finds in a compound RTCP packet, as primitive values so that parsing allocates
 * nothing. Every method has an empty default; implement those you need. SSRCs and 32-bit counters are unsigned
 * values held in a long. Calls arrive in packet order, and only for a compound packet that is valid as a whole.
 */
public interface RtcpListener {

    /** Sender report (RFC 3550 §6.4.1); its report blocks follow as {@link #reportBlock} calls. */
    default void senderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount) {}

    /** Receiver report (RFC 3550 §6.4.2); its report blocks follow as {@link #reportBlock} calls. */
    default void receiverReport(long ssrc) {}

    default void reportBlock(long reporterSsrc, long sourceSsrc, int fractionLost, int cumulativeLost,
            long extendedHighestSequence, long jitter, long lastSr, long delaySinceLastSr) {}

    /** One SSRC leaving (RFC 3550 §6.6); once per listed source. */
    default void bye(long ssrc) {}

    /** One lost sequence number from a Generic NACK (RFC 4585 §6.2.1), PID and BLP already expanded. */
    default void nack(long senderSsrc, long mediaSsrc, int sequenceNumber) {}

    /** Picture Loss Indication (RFC 4585 §6.3.1). */
    default void pli(long senderSsrc, long mediaSsrc) {}

    /** Full Intra Request (RFC 5104 §4.3.1), once per FCI entry. */
    default void fir(long senderSsrc, long targetSsrc, int sequenceNumber) {}

    /**
     * Receiver Estimated Max Bitrate (draft-alvestrand-rmcat-remb-03 §2.2); the SSRCs it applies to are the
     * {@code ssrcCount} 32-bit values at absolute index {@code ssrcsIndex} of {@code buf}.
     */
    default void remb(long senderSsrc, long bitrateBps, ByteBuf buf, int ssrcsIndex, int ssrcCount) {}

    /** Transport-wide congestion control feedback header (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1). */
    default void transportCc(long senderSsrc, long mediaSsrc, int baseSequence, int statusCount,
            int referenceTime, int feedbackPacketCount) {}

    /**
     * One packet of the preceding transport-cc feedback: its sequence number, whether it was received, and its
     * receive delta in 250 µs ticks (0 when not received).
     */
    default void transportCcPacket(int sequenceNumber, boolean received, int deltaTicks) {}

    /** Any other packet (SDES, APP, unknown types or formats), skipped by the parser. */
    default void other(int packetType, int countOrFormat, ByteBuf buf, int index, int length) {}
}
