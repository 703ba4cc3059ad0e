package dev.plenum.media.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * Writes RTCP packets at a buffer's writer index. Each method returns the number of bytes written; the length
 * field is set from what was written (RFC 3550 §6.4.1: 32-bit words minus one). Nothing here allocates, so the
 * methods can run on the media loop. Concatenating several packets into one buffer makes a compound packet.
 */
public final class RtcpWriter {

    private RtcpWriter() {}

    private static void header(ByteBuf out, int countOrFormat, int packetType, int lengthBytes) {
        out.writeByte(0x80 | (countOrFormat & 0x1F));
        out.writeByte(packetType);
        out.writeShort(lengthBytes / 4 - 1);
    }

    /**
     * Receiver report header (RFC 3550 §6.4.2) announcing {@code blockCount} report blocks (0..31), which the
     * caller writes right after, e.g. with {@link ReceiverStatistics#writeReportBlock}.
     */
    public static int writeReceiverReportHeader(ByteBuf out, long senderSsrc, int blockCount) {
        checkBlockCount(blockCount);
        header(out, blockCount, RtcpParser.RR, 8 + 24 * blockCount);
        out.writeInt((int) senderSsrc);
        return 8;
    }

    /** A complete receiver report with the given blocks (at most 31). */
    public static int writeReceiverReport(ByteBuf out, long senderSsrc, ReportBlock... blocks) {
        int n = writeReceiverReportHeader(out, senderSsrc, blocks.length);
        for (ReportBlock b : blocks) {
            n += b.write(out);
        }
        return n;
    }

    /**
     * Sender report header and sender info (RFC 3550 §6.4.1) announcing {@code blockCount} report blocks which
     * the caller writes right after.
     */
    public static int writeSenderReportHeader(ByteBuf out, long senderSsrc, long ntpTimestamp, long rtpTimestamp,
            long packetCount, long octetCount, int blockCount) {
        checkBlockCount(blockCount);
        header(out, blockCount, RtcpParser.SR, 28 + 24 * blockCount);
        out.writeInt((int) senderSsrc);
        out.writeLong(ntpTimestamp);
        out.writeInt((int) rtpTimestamp);
        out.writeInt((int) packetCount);
        out.writeInt((int) octetCount);
        return 28;
    }

    public static int writeSenderReport(ByteBuf out, long senderSsrc, long ntpTimestamp, long rtpTimestamp,
            long packetCount, long octetCount, ReportBlock... blocks) {
        int n = writeSenderReportHeader(out, senderSsrc, ntpTimestamp, rtpTimestamp, packetCount, octetCount,
                blocks.length);
        for (ReportBlock b : blocks) {
            n += b.write(out);
        }
        return n;
    }

    /**
     * Rewrites, in place, the sender SSRC and RTP timestamp of the SR at absolute index {@code off} (e.g. one
     * forwarded to a subscriber whose stream carries rewritten SSRC and timestamps). Returns false, changing
     * nothing, when {@code off..off+len} does not start with a sender report of at least 28 bytes.
     */
    public static boolean rewriteSenderReport(ByteBuf buf, int off, int len, long newSsrc, long newRtpTimestamp) {
        if (len < 28 || (buf.getUnsignedByte(off) >> 6) != 2 || buf.getUnsignedByte(off + 1) != RtcpParser.SR
                || (buf.getUnsignedShort(off + 2) + 1) * 4 < 28) {
            return false;
        }
        buf.setInt(off + 4, (int) newSsrc);
        buf.setInt(off + 16, (int) newRtpTimestamp);
        return true;
    }

    /** Picture Loss Indication (RFC 4585 §6.3.1): a payload-specific feedback with no FCI. */
    public static int writePli(ByteBuf out, long senderSsrc, long mediaSsrc) {
        header(out, RtcpParser.FMT_PLI, RtcpParser.PSFB, 12);
        out.writeInt((int) senderSsrc);
        out.writeInt((int) mediaSsrc);
        return 12;
    }

    /**
     * Full Intra Request (RFC 5104 §4.3.1) for one target. The media SSRC field is 0 (§4.3.1.2); the sequence
     * number (0..255) increases by one per new request and repeats on retransmission of the same request.
     */
    public static int writeFir(ByteBuf out, long senderSsrc, long targetSsrc, int sequenceNumber) {
        header(out, RtcpParser.FMT_FIR, RtcpParser.PSFB, 20);
        out.writeInt((int) senderSsrc);
        out.writeInt(0);
        out.writeInt((int) targetSsrc);
        out.writeInt((sequenceNumber & 0xFF) << 24);
        return 20;
    }

    /**
     * Generic NACK (RFC 4585 §6.2.1) for the lost sequence numbers {@code seqs[from..from+count)}, in increasing
     * order modulo 2^16. Each FCI entry holds a PID and a bitmask (BLP) of the 16 following numbers, so nearby
     * losses share an entry. Returns 0 and writes nothing when {@code count} is 0.
     */
    public static int writeNack(ByteBuf out, long senderSsrc, long mediaSsrc, int[] seqs, int from, int count) {
        if (count <= 0) {
            return 0;
        }
        int start = out.writerIndex();
        out.writeInt(0); // header, patched below once the entry count is known
        out.writeInt((int) senderSsrc);
        out.writeInt((int) mediaSsrc);
        int end = from + count;
        int i = from;
        while (i < end) {
            int pid = seqs[i] & 0xFFFF;
            int blp = 0;
            int j = i + 1;
            while (j < end) {
                int diff = (seqs[j] - pid) & 0xFFFF;
                if (diff == 0) { // duplicate entry: already covered
                    j++;
                    continue;
                }
                if (diff > 16) {
                    break;
                }
                blp |= 1 << (diff - 1);
                j++;
            }
            out.writeShort(pid);
            out.writeShort(blp);
            i = j;
        }
        int written = out.writerIndex() - start;
        out.setByte(start, 0x80 | RtcpParser.FMT_NACK);
        out.setByte(start + 1, RtcpParser.RTPFB);
        out.setShort(start + 2, written / 4 - 1);
        return written;
    }

    /**
     * Receiver Estimated Max Bitrate (draft-alvestrand-rmcat-remb-03 §2.2) for the given media SSRCs (at most
     * 255). The bitrate is encoded as an 18-bit mantissa and a 6-bit exponent, rounded down.
     */
    public static int writeRemb(ByteBuf out, long senderSsrc, long bitrateBps, long[] ssrcs, int from, int count) {
        if (count < 0 || count > 255) {
            throw new IllegalArgumentException("REMB carries 0..255 SSRCs: " + count);
        }
        long bitrate = Math.max(0, bitrateBps);
        int exp = 0;
        while ((bitrate >>> exp) > 0x3FFFF) {
            exp++;
        }
        long mantissa = bitrate >>> exp;
        int length = 20 + 4 * count;
        header(out, RtcpParser.FMT_AFB, RtcpParser.PSFB, length);
        out.writeInt((int) senderSsrc);
        out.writeInt(0); // media SSRC unused (draft §2.2)
        out.writeInt(RtcpParser.REMB_IDENTIFIER);
        out.writeByte(count);
        out.writeMedium((int) ((exp << 18) | mantissa));
        for (int k = 0; k < count; k++) {
            out.writeInt((int) ssrcs[from + k]);
        }
        return length;
    }

    private static void checkBlockCount(int blockCount) {
        if (blockCount < 0 || blockCount > 31) {
            throw new IllegalArgumentException("report block count must be 0..31: " + blockCount);
        }
    }
}
