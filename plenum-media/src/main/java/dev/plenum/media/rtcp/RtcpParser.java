package dev.plenum.media.rtcp;

import io.netty.buffer.ByteBuf;

/**
 * Parses a compound RTCP packet (RFC 3550 §6.1) held at absolute index {@code off} of a buffer, {@code len} bytes
 * long, and reports its contents to an {@link RtcpListener}.
 *
 * <p>Two passes: the first checks every packet (version 2, length field within the compound, padding only in
 * the last packet, type-specific sizes, transport-cc chunks and deltas within the packet) and the second
 * reports. A listener thus sees either the whole compound or nothing. Reading never goes past {@code len}. The
 * first packet need not be SR/RR: reduced-size RTCP (RFC 5506), which WebRTC negotiates, allows lone feedback.
 * Unknown packet types and feedback formats are reported through {@link RtcpListener#other} and skipped.
 */
public final class RtcpParser {

    public static final int SR = 200;
    public static final int RR = 201;
    public static final int SDES = 202;
    public static final int BYE = 203;
    public static final int APP = 204;
    public static final int RTPFB = 205;
    public static final int PSFB = 206;

    /** RTPFB formats (RFC 4585 §6.2, draft-holmer §3.1). */
    public static final int FMT_NACK = 1;
    public static final int FMT_TRANSPORT_CC = 15;
    /** PSFB formats (RFC 4585 §6.3, RFC 5104 §4.3). */
    public static final int FMT_PLI = 1;
    public static final int FMT_FIR = 4;
    public static final int FMT_AFB = 15;

    /** "REMB" in ASCII, the identifier of an REMB application-layer feedback message. */
    public static final int REMB_IDENTIFIER = 0x52454D42;

    private static final RtcpListener NONE = new RtcpListener() {};

    private RtcpParser() {}

    /** True when {@code off..off+len} is a well-formed compound RTCP packet. */
    public static boolean isValid(ByteBuf buf, int off, int len) {
        return walk(buf, off, len, null) >= 0;
    }

    /**
     * Validates, then reports every packet to {@code listener}. Returns the number of RTCP packets in the
     * compound, or -1 (having reported nothing) when it is malformed.
     */
    public static int parse(ByteBuf buf, int off, int len, RtcpListener listener) {
        if (walk(buf, off, len, null) < 0) {
            return -1;
        }
        return walk(buf, off, len, listener);
    }

    /** With a null listener only validates; returns the packet count or -1. */
    private static int walk(ByteBuf buf, int off, int len, RtcpListener listener) {
        if (buf == null || off < 0 || len < 4 || off > buf.capacity() - len) {
            return -1;
        }
        int end = off + len;
        int p = off;
        int count = 0;
        while (p < end) {
            if (end - p < 4) {
                return -1;
            }
            int b0 = buf.getUnsignedByte(p);
            if ((b0 >> 6) != 2) {
                return -1;
            }
            int size = (buf.getUnsignedShort(p + 2) + 1) * 4;
            if (size > end - p) {
                return -1;
            }
            int contentLen = size;
            if ((b0 & 0x20) != 0) {
                // RFC 3550 §6.4.1: only the last packet of a compound may be padded.
                if (p + size != end) {
                    return -1;
                }
                int pad = buf.getUnsignedByte(p + size - 1);
                if (pad == 0 || pad > size - 4) {
                    return -1;
                }
                contentLen = size - pad;
            }
            if (!packet(buf, p, contentLen, b0 & 0x1F, buf.getUnsignedByte(p + 1),
                    listener == null ? NONE : listener, listener == null)) {
                return -1;
            }
            p += size;
            count++;
        }
        return count;
    }

    private static boolean packet(ByteBuf buf, int p, int len, int rc, int pt, RtcpListener l, boolean validateOnly) {
        switch (pt) {
            case SR -> {
                if (len < 28 + 24 * rc) {
                    return false;
                }
                long ssrc = buf.getUnsignedInt(p + 4);
                l.senderReport(ssrc, buf.getLong(p + 8), buf.getUnsignedInt(p + 16), buf.getUnsignedInt(p + 20),
                        buf.getUnsignedInt(p + 24));
                reportBlocks(buf, p + 28, rc, ssrc, l);
                return true;
            }
            case RR -> {
                if (len < 8 + 24 * rc) {
                    return false;
                }
                long ssrc = buf.getUnsignedInt(p + 4);
                l.receiverReport(ssrc);
                reportBlocks(buf, p + 8, rc, ssrc, l);
                return true;
            }
            case BYE -> {
                if (len < 4 + 4 * rc) {
                    return false;
                }
                for (int i = 0; i < rc; i++) {
                    l.bye(buf.getUnsignedInt(p + 4 + 4 * i));
                }
                return true;
            }
            case RTPFB -> {
                return transportFeedback(buf, p, len, rc, l, validateOnly);
            }
            case PSFB -> {
                return payloadFeedback(buf, p, len, rc, l);
            }
            default -> {
                l.other(pt, rc, buf, p, len);
                return true;
            }
        }
    }

    private static void reportBlocks(ByteBuf buf, int q, int count, long reporter, RtcpListener l) {
        for (int i = 0; i < count; i++, q += 24) {
            int lost = buf.getInt(q + 4);
            l.reportBlock(reporter, buf.getUnsignedInt(q), (lost >>> 24) & 0xFF, ReportBlock.signExtend24(lost),
                    buf.getUnsignedInt(q + 8), buf.getUnsignedInt(q + 12), buf.getUnsignedInt(q + 16),
                    buf.getUnsignedInt(q + 20));
        }
    }

    /** RFC 4585 §6.1: common feedback header is 12 bytes (header, sender SSRC, media SSRC), then the FCI. */
    private static boolean transportFeedback(ByteBuf buf, int p, int len, int fmt, RtcpListener l,
            boolean validateOnly) {
        if (len < 12) {
            return false;
        }
        long sender = buf.getUnsignedInt(p + 4);
        long media = buf.getUnsignedInt(p + 8);
        int fci = p + 12;
        int fciLen = len - 12;
        switch (fmt) {
            case FMT_NACK -> {
                if (fciLen == 0 || fciLen % 4 != 0) {
                    return false;
                }
                for (int q = fci; q < fci + fciLen; q += 4) {
                    int pid = buf.getUnsignedShort(q);
                    int blp = buf.getUnsignedShort(q + 2);
                    l.nack(sender, media, pid);
                    // RFC 4585 §6.2.1: bit i of BLP (LSB = bit 0) reports PID + i + 1 lost.
                    for (int i = 0; i < 16; i++) {
                        if ((blp & (1 << i)) != 0) {
                            l.nack(sender, media, (pid + i + 1) & 0xFFFF);
                        }
                    }
                }
                return true;
            }
            case FMT_TRANSPORT_CC -> {
                return TransportCcFeedback.parse(buf, fci, fciLen, sender, media, validateOnly ? null : l);
            }
            default -> {
                l.other(RTPFB, fmt, buf, p, len);
                return true;
            }
        }
    }

    private static boolean payloadFeedback(ByteBuf buf, int p, int len, int fmt, RtcpListener l) {
        if (len < 12) {
            return false;
        }
        long sender = buf.getUnsignedInt(p + 4);
        long media = buf.getUnsignedInt(p + 8);
        int fci = p + 12;
        int fciLen = len - 12;
        switch (fmt) {
            case FMT_PLI -> {
                l.pli(sender, media);
                return true;
            }
            case FMT_FIR -> {
                // RFC 5104 §4.3.1.1: entries of SSRC(32), Seq nr.(8), Reserved(24).
                if (fciLen == 0 || fciLen % 8 != 0) {
                    return false;
                }
                for (int q = fci; q < fci + fciLen; q += 8) {
                    l.fir(sender, buf.getUnsignedInt(q), buf.getUnsignedByte(q + 4));
                }
                return true;
            }
            case FMT_AFB -> {
                if (fciLen >= 8 && buf.getInt(fci) == REMB_IDENTIFIER) {
                    int n = buf.getUnsignedByte(fci + 4);
                    if (fciLen < 8 + 4 * n) {
                        return false;
                    }
                    int exp = buf.getUnsignedByte(fci + 5) >> 2;
                    long mantissa = buf.getUnsignedMedium(fci + 5) & 0x3FFFF;
                    long bitrate = exp > 45 ? (mantissa == 0 ? 0 : Long.MAX_VALUE) : mantissa << exp;
                    l.remb(sender, bitrate, buf, fci + 8, n);
                } else {
                    l.other(PSFB, fmt, buf, p, len);
                }
                return true;
            }
            default -> {
                l.other(PSFB, fmt, buf, p, len);
                return true;
            }
        }
    }
}
