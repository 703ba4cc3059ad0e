package dev.plenum.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** Compound RTCP (RFC 3550 §6) and feedback messages (RFC 4585, RFC 5104, REMB, transport-cc). */
class RtcpParserTest {

    private static ByteBuf hex(String hex) {
        String h = hex.replace(" ", "");
        ByteBuf buf = Unpooled.buffer(h.length() / 2 + 4);
        buf.writeZero(2); // the packet starts at index 2
        for (int i = 0; i < h.length(); i += 2) {
            buf.writeByte(Integer.parseInt(h.substring(i, i + 2), 16));
        }
        return buf;
    }

    private static Recorder parse(ByteBuf buf) {
        Recorder r = new Recorder();
        int n = RtcpParser.parse(buf, 2, buf.writerIndex() - 2, r);
        assertThat(n).as("packet count").isPositive();
        return r;
    }

    @Test
    void senderReportWithBlockThenSdesThenBye() {
        ByteBuf buf = hex(""
                // SR, RC=1, length 12 words: SSRC 1, NTP, RTP 3000, 10 packets, 2000 octets
                + "81C8000C 00000001 E1234567 89ABCDEF 00000BB8 0000000A 000007D0"
                // report block: SSRC 2, fraction 0x40, cumulative lost -3, EHSN 0x10005, jitter 28, LSR, DLSR
                + "00000002 40FFFFFD 00010005 0000001C 456789AB 00002666"
                // SDES, one chunk: SSRC 1, CNAME "ab", end, padding to a word
                + "81CA0003 00000001 01026162 00000000"
                // BYE for SSRC 1
                + "81CB0001 00000001");
        assertThat(parse(buf).events).containsExactly(
                "SR 1 ntp=e123456789abcdef rtp=3000 pc=10 oc=2000",
                "RB 1 2 f=64 cl=-3 ehsn=65541 j=28 lsr=1164413355 dlsr=9830",
                "OTHER 202 1 16",
                "BYE 1");
    }

    @Test
    void nackExpandsPidAndBlp() {
        // RTPFB FMT=1, sender 1, media 2, PID 65534 BLP 0b1000_0000_0000_0101: 65534, 65535, 1, 14 (wraps).
        ByteBuf buf = hex("81CD0003 00000001 00000002 FFFE8005");
        assertThat(parse(buf).events).containsExactly(
                "NACK 1 2 65534", "NACK 1 2 65535", "NACK 1 2 1", "NACK 1 2 14");
    }

    @Test
    void pliFirAndRemb() {
        ByteBuf buf = hex(""
                + "81CE0002 00000001 00000002"                          // PLI
                + "84CE0004 00000001 00000000 00000003 07000000"        // FIR for SSRC 3, seq 7
                // REMB: 2 SSRCs, exp 3 mantissa 0x3FFFF -> 0x3FFFF << 3 bps
                + "8FCE0006 00000001 00000000 52454D42 020FFFFF 0000000A 0000000B");
        assertThat(parse(buf).events).containsExactly(
                "PLI 1 2", "FIR 1 3 7", "REMB 1 " + (0x3FFFFL << 3) + " 10 11");
    }

    @Test
    void transportCcWithRunLengthAndVectorChunks() {
        // base 100, 5 packets, reference time 2 (128 ms), fb count 9;
        // chunk 1: run length, symbol 1 (small), run 2; chunk 2: two-bit vector: not received, large, small, ...
        // deltas: 4, 8 (small), 0xFF00 = -256 (large), 1 (small); then zero padding.
        ByteBuf buf = hex("8FCD0007 00000001 00000002 00640005 00000209 2002 C900 04 08 FF00 01 000000");
        assertThat(parse(buf).events).containsExactly(
                "TCC 1 2 base=100 n=5 ref=2 fb=9",
                "TCCP 100 4", "TCCP 101 8", "TCCP 102 lost", "TCCP 103 -256", "TCCP 104 1");
    }

    @Test
    void invalidCompoundReportsNothing() {
        Recorder r = new Recorder();
        // A valid PLI followed by a packet whose length field runs past the end.
        ByteBuf buf = hex("81CE0002 00000001 00000002 81CD0009 00000001 00000002");
        assertThat(RtcpParser.parse(buf, 2, buf.writerIndex() - 2, r)).isEqualTo(-1);
        assertThat(r.events).isEmpty();
    }

    @Test
    void rejectsWrongVersionPaddingOutsideTheLastPacketAndShortBodies() {
        assertThat(valid("41CE0002 00000001 00000002")).as("version 1").isFalse();
        assertThat(valid("A1CE0002 00000001 00000002 81CE0002 00000001 00000002")).as("padding not last").isFalse();
        assertThat(valid("81C90001 00000001")).as("RR announcing a block it lacks").isFalse();
        assertThat(valid("81CD0003 00000001 00000002")).as("length beyond data").isFalse();
        assertThat(valid("81CD0002 00000001 00000002")).as("NACK with no FCI").isFalse();
        assertThat(valid("84CE0003 00000001 00000000 00000003")).as("FIR entry cut short").isFalse();
        assertThat(valid("8FCD0004 00000001 00000002 00640005 00000209"))
                .as("transport-cc without chunks").isFalse();
        assertThat(valid("81CE00")).as("three bytes").isFalse();
        assertThat(valid("A1CE0003 00000001 00000002 00000004")).as("padding = 4 is fine").isTrue();
        assertThat(valid("A1CE0003 00000001 00000002 00000010")).as("padding larger than the body").isFalse();
    }

    private static boolean valid(String hex) {
        ByteBuf buf = hex(hex);
        return RtcpParser.isValid(buf, 2, buf.writerIndex() - 2);
    }
}
