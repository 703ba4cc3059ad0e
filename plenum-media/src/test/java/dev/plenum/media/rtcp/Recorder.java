package dev.plenum.media.rtcp;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/** Test listener that writes down every event as a line of text, in order. */
final class Recorder implements RtcpListener {

    final List<String> events = new ArrayList<>();

    @Override
    public void senderReport(long ssrc, long ntp, long rtp, long packets, long octets) {
        events.add("SR " + ssrc + " ntp=" + Long.toHexString(ntp) + " rtp=" + rtp + " pc=" + packets + " oc=" + octets);
    }

    @Override
    public void receiverReport(long ssrc) {
        events.add("RR " + ssrc);
    }

    @Override
    public void reportBlock(long reporter, long source, int fraction, int cumLost, long ehsn, long jitter, long lsr,
            long dlsr) {
        events.add("RB " + reporter + " " + source + " f=" + fraction + " cl=" + cumLost + " ehsn=" + ehsn
                + " j=" + jitter + " lsr=" + lsr + " dlsr=" + dlsr);
    }

    @Override
    public void bye(long ssrc) {
        events.add("BYE " + ssrc);
    }

    @Override
    public void nack(long sender, long media, int seq) {
        events.add("NACK " + sender + " " + media + " " + seq);
    }

    @Override
    public void pli(long sender, long media) {
        events.add("PLI " + sender + " " + media);
    }

    @Override
    public void fir(long sender, long target, int seq) {
        events.add("FIR " + sender + " " + target + " " + seq);
    }

    @Override
    public void remb(long sender, long bitrate, ByteBuf buf, int index, int count) {
        StringBuilder sb = new StringBuilder("REMB " + sender + " " + bitrate);
        for (int i = 0; i < count; i++) {
            sb.append(' ').append(buf.getUnsignedInt(index + 4 * i));
        }
        events.add(sb.toString());
    }

    @Override
    public void transportCc(long sender, long media, int base, int count, int ref, int fbCount) {
        events.add("TCC " + sender + " " + media + " base=" + base + " n=" + count + " ref=" + ref + " fb=" + fbCount);
    }

    @Override
    public void transportCcPacket(int seq, boolean received, int delta) {
        events.add("TCCP " + seq + " " + (received ? delta : "lost"));
    }

    @Override
    public void other(int pt, int fmt, ByteBuf buf, int index, int length) {
        events.add("OTHER " + pt + " " + fmt + " " + length);
    }
}
