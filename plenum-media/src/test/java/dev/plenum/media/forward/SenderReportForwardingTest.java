package dev.plenum.media.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.media.rtcp.RtcpListener;
import dev.plenum.media.rtcp.RtcpParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A publisher's sender report reaches each subscriber in that subscriber's terms (RFC 3550 §6.4.1): its SSRC, the RTP
 * timestamp shifted like its packets', the packets and payload octets it was actually sent, the NTP time unchanged,
 * and nothing that names the publisher's SSRCs.
 */
class SenderReportForwardingTest {
    private static final long NTP = 0xE8A1_2345_8000_0000L;

    /** A subscriber that keeps what it is sent. */
    private static final class Recording implements Subscriber {
        final List<ByteBuf> rtp = new ArrayList<>();
        final List<ByteBuf> rtcp = new ArrayList<>();

        @Override public void send(ByteBuf packet) {
            rtp.add(packet);
        }

        @Override public void sendRtcp(ByteBuf packet) {
            rtcp.add(packet);
        }

        void release() {
            rtp.forEach(ByteBuf::release);
            rtcp.forEach(ByteBuf::release);
        }
    }

    /** Everything a parsed compound said, as text, for exact comparison. */
    private static List<String> parse(ByteBuf p) {
        List<String> seen = new ArrayList<>();
        int packets = RtcpParser.parse(p, p.readerIndex(), p.readableBytes(), new RtcpListener() {
            @Override public void senderReport(long ssrc, long ntp, long rtp, long packets, long octets) {
                seen.add("SR ssrc=" + ssrc + " ntp=" + Long.toHexString(ntp) + " rtp=" + rtp + " packets=" + packets
                        + " octets=" + octets);
            }

            @Override public void reportBlock(long reporter, long source, int fraction, int cumulative, long highest,
                    long jitter, long lsr, long dlsr) {
                seen.add("block about " + source);
            }

            @Override public void other(int type, int count, ByteBuf buf, int index, int length) {
                seen.add("other " + type);
            }
        });
        assertThat(packets).as("one valid RTCP packet").isEqualTo(1);
        return seen;
    }

    private static void forward(Fanout fanout, int sequence, long timestamp, int payloadBytes) {
        ByteBuf p = ByteBufAllocator.DEFAULT.directBuffer(12 + payloadBytes);
        p.writeByte(0x80).writeByte(96).writeShort(sequence).writeInt((int) timestamp).writeInt(0x5555);
        p.writeZero(payloadBytes);
        fanout.forward(p);
    }

    @Test
    void eachSubscriberGetsTheReportInItsOwnTerms() {
        Fanout fanout = new Fanout(ByteBufAllocator.DEFAULT);
        Recording early = new Recording();
        Recording late = new Recording();
        StreamRewriter earlyRewriter = new StreamRewriter(0xA0);
        fanout.subscribe(early, earlyRewriter);
        forward(fanout, 100, 90_000, 1000);
        forward(fanout, 101, 93_000, 800);
        StreamRewriter lateRewriter = new StreamRewriter(0xB0);
        lateRewriter.rebaseOnNextPacket();
        fanout.subscribe(late, lateRewriter);
        forward(fanout, 102, 96_000, 500);

        fanout.forwardSenderReport(NTP, 96_500);

        assertThat(early.rtcp).singleElement().satisfies(sr -> assertThat(parse(sr))
                .containsExactly("SR ssrc=160 ntp=" + Long.toHexString(NTP) + " rtp=96500 packets=3 octets=2300"));
        long lateTimestampOfPacket102 = late.rtp.getFirst().getUnsignedInt(late.rtp.getFirst().readerIndex() + 4);
        assertThat(late.rtcp).singleElement().satisfies(sr -> assertThat(parse(sr))
                .containsExactly("SR ssrc=176 ntp=" + Long.toHexString(NTP) + " rtp=" + (lateTimestampOfPacket102 + 500)
                        + " packets=1 octets=500"));
        early.release();
        late.release();
    }

    @Test
    void theTimestampFollowsTheSameShiftAsThePacketsAcrossTheWrap() {
        Fanout fanout = new Fanout(ByteBufAllocator.DEFAULT);
        Recording sub = new Recording();
        StreamRewriter rewriter = new StreamRewriter(0xA0);
        fanout.subscribe(sub, rewriter);
        forward(fanout, 1, 0xFFFF_FF00L, 10);
        rewriter.rebaseOnNextPacket(); // the source changes: the subscriber's numbering continues from where it was
        forward(fanout, 5000, 7_000_000, 10);
        long shifted = sub.rtp.getLast().getUnsignedInt(sub.rtp.getLast().readerIndex() + 4);
        fanout.forwardSenderReport(NTP, 7_000_000 + 3000);
        assertThat(parse(sub.rtcp.getFirst()).getFirst()).contains("rtp=" + ((shifted + 3000) & 0xFFFF_FFFFL) + " ");
        sub.release();
    }

    @Test
    void aSubscriberThatHasReceivedNothingGetsNoReport() {
        Fanout fanout = new Fanout(ByteBufAllocator.DEFAULT);
        Recording sub = new Recording();
        fanout.subscribe(sub, new StreamRewriter(0xA0));
        fanout.forwardSenderReport(NTP, 1234);
        assertThat(sub.rtcp).isEmpty();
    }
}
