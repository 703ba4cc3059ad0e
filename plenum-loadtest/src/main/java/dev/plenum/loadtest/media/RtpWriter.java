package dev.plenum.loadtest.media;

import io.netty.buffer.ByteBuf;

/**
 * Writes an RTP fixed header (RFC 3550 §5.1) and, as a browser does, a one-byte-header extension block (RFC 8285
 * §4.2) with the transport-wide sequence number (draft-holmer-rmcat-transport-wide-cc-extensions-01) and the
 * RtpStreamId or RepairedRtpStreamId (RFC 8852 §3) of a simulcast layer. An extension whose id is 0 is left out;
 * with neither, there is no extension block. Allocates nothing.
 */
public final class RtpWriter {
    /** Most a header with these extensions takes: 12 fixed, 4 block header, 3 transport-cc, 17 RID, padding. */
    public static final int MAX_HEADER = 12 + 4 + 3 + 17 + 3;

    private RtpWriter() {}

    /**
     * @param transportCcId the negotiated transport-cc extension id, or 0 for none
     * @param ridId the RtpStreamId (or, for RTX, RepairedRtpStreamId) extension id, or 0 for none
     * @param rid the RID's ASCII bytes, 1 to 16 (RFC 8852 §3: the value is the RID's characters)
     */
    public static void header(ByteBuf out, int payloadType, boolean marker, int sequence, int timestamp, int ssrc,
            int transportCcId, int transportSequence, int ridId, byte[] rid) {
        boolean withRid = ridId != 0 && rid != null && rid.length > 0;
        boolean extension = transportCcId != 0 || withRid;
        out.writeByte(extension ? 0x90 : 0x80).writeByte((marker ? 0x80 : 0) | payloadType).writeShort(sequence)
                .writeInt(timestamp).writeInt(ssrc);
        if (!extension) return;
        int elements = (transportCcId != 0 ? 3 : 0) + (withRid ? 1 + rid.length : 0);
        int words = (elements + 3) / 4;
        out.writeShort(0xBEDE).writeShort(words);
        if (transportCcId != 0) out.writeByte(transportCcId << 4 | 1).writeShort(transportSequence);
        if (withRid) {
            out.writeByte(ridId << 4 | (rid.length - 1));
            out.writeBytes(rid);
        }
        out.writeZero(words * 4 - elements); // padding (RFC 8285 §4.2: zero bytes are skipped)
    }
}
