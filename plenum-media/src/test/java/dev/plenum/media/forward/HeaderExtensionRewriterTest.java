package dev.plenum.media.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.media.rtp.RtpExtensions;
import dev.plenum.media.rtp.RtpHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A forwarded packet's header extensions (RFC 8285) speak the subscriber's language: its ids, its mid, no element it
 * did not negotiate, and a transport-wide sequence slot for its own transport; the header keeps its length.
 */
class HeaderExtensionRewriterTest {
    /** The publisher's leg: mid 1, audio level 2, abs-send-time 3, transport-wide sequence 4 (what Plenum offers). */
    private static final ExtensionIds PUBLISHER = new ExtensionIds(1, 2, 3, 4);
    private static final int OFF = 5;
    private static final byte[] PAYLOAD = "opus-payload".getBytes(StandardCharsets.US_ASCII);

    private static int[] element(int id, int... value) {
        int[] e = new int[value.length + 1];
        e[0] = id;
        System.arraycopy(value, 0, e, 1, value.length);
        return e;
    }

    private static int[] mid(int id, String mid) {
        return element(id, mid.chars().toArray());
    }

    /** An RTP packet at index {@link #OFF} with the given elements in the one-byte (§4.2) or two-byte (§4.3) form. */
    private static ByteBuf packet(boolean oneByte, int[]... elements) {
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        for (int[] e : elements) {
            int length = e.length - 1;
            if (oneByte) {
                ext.write((e[0] << 4) | (length - 1));
            } else {
                ext.write(e[0]);
                ext.write(length);
            }
            for (int i = 1; i < e.length; i++) ext.write(e[i]);
        }
        while (ext.size() % 4 != 0) ext.write(0);
        ByteBuf buf = Unpooled.buffer(256);
        buf.writeZero(OFF);
        buf.writeByte(0x90).writeByte(111).writeShort(7).writeInt(960).writeInt(0x5555);
        buf.writeShort(oneByte ? RtpExtensions.ONE_BYTE_PROFILE : RtpExtensions.TWO_BYTE_PROFILE);
        buf.writeShort(ext.size() / 4);
        buf.writeBytes(ext.toByteArray());
        buf.writeBytes(PAYLOAD);
        buf.readerIndex(OFF);
        return buf;
    }

    private static byte[] value(ByteBuf buf, int id) {
        long found = RtpExtensions.find(buf, OFF, buf.readableBytes(), id);
        if (found == RtpExtensions.NOT_FOUND) return null;
        byte[] v = new byte[RtpExtensions.valueLength(found)];
        buf.getBytes(RtpExtensions.valueOffset(found), v);
        return v;
    }

    private static byte[] payload(ByteBuf buf) {
        int at = RtpHeader.payloadOffset(buf, OFF, buf.readableBytes());
        byte[] p = new byte[buf.writerIndex() - at];
        buf.getBytes(at, p);
        return p;
    }

    private static ByteBuf rewrite(ExtensionIds subscriber, String subscriberMid, ByteBuf packet) {
        new HeaderExtensionRewriter(PUBLISHER, subscriber, subscriberMid).rewrite(packet, OFF, packet.readableBytes());
        return packet;
    }

    private static ByteBuf publishersAudioPacket(boolean oneByte) {
        return packet(oneByte, mid(1, "0"), element(2, 0x80 | 42), element(3, 0x12, 0x34, 0x56), element(4, 0xAB, 0xCD));
    }

    @Test
    void audioLevelAndAbsSendTimeKeepTheirValuesUnderTheSubscribersIds() {
        for (boolean oneByte : new boolean[] {true, false}) {
            ByteBuf p = rewrite(new ExtensionIds(9, 10, 11, 12), "7", publishersAudioPacket(oneByte));
            assertThat(value(p, 10)).as("audio level, one-byte form: %s", oneByte).containsExactly(0x80 | 42);
            assertThat(value(p, 11)).as("abs-send-time").containsExactly(0x12, 0x34, 0x56);
            assertThat(value(p, 2)).as("nothing left under the publisher's audio level id").isNull();
            assertThat(value(p, 3)).isNull();
            assertThat(payload(p)).isEqualTo(PAYLOAD);
        }
    }

    @Test
    void theMidIsTheSubscribersNeverThePublishers() {
        for (boolean oneByte : new boolean[] {true, false}) {
            ByteBuf p = rewrite(PUBLISHER, "7", publishersAudioPacket(oneByte));
            assertThat(value(p, 1)).as("one-byte form: %s", oneByte).containsExactly('7');
        }
    }

    @Test
    void aLongerSubscriberMidThanTheElementHoldsRemovesTheElement() {
        for (boolean oneByte : new boolean[] {true, false}) {
            ByteBuf p = rewrite(PUBLISHER, "12", publishersAudioPacket(oneByte));
            assertThat(value(p, 1)).as("one-byte form: %s", oneByte).isNull();
            assertThat(value(p, 2)).containsExactly(0x80 | 42);
        }
    }

    @Test
    void aShorterSubscriberMidShrinksTheElementAndPadsTheRest() {
        for (boolean oneByte : new boolean[] {true, false}) {
            ByteBuf p = packet(oneByte, mid(1, "audio"), element(3, 1, 2, 3));
            int headerLength = RtpHeader.headerLength(p, OFF, p.readableBytes());
            rewrite(PUBLISHER, "5", p);
            assertThat(value(p, 1)).containsExactly('5');
            assertThat(value(p, 3)).as("the element after the padding").containsExactly(1, 2, 3);
            assertThat(RtpHeader.headerLength(p, OFF, p.readableBytes())).isEqualTo(headerLength);
        }
    }

    @Test
    void elementsTheSubscriberDidNotNegotiateOrThePublisherShouldNotHaveSentAreRemoved() {
        for (boolean oneByte : new boolean[] {true, false}) {
            ByteBuf p = packet(oneByte, element(9, 0xEE), element(2, 0x80 | 42), element(3, 1, 2, 3));
            rewrite(new ExtensionIds(1, 0, 3, 4), "7", p); // a video leg: no audio level
            assertThat(value(p, 9)).as("unknown element").isNull();
            assertThat(value(p, 2)).as("audio level not negotiated").isNull();
            assertThat(value(p, 3)).containsExactly(1, 2, 3);
            assertThat(payload(p)).isEqualTo(PAYLOAD);
        }
    }

    @Test
    void theTransportWideSlotStaysForTheSubscribersTransportToFill() {
        for (boolean oneByte : new boolean[] {true, false}) {
            ByteBuf p = rewrite(new ExtensionIds(1, 2, 3, 13), "7", publishersAudioPacket(oneByte));
            assertThat(value(p, 4)).isNull();
            assertThat(new TransportSequencer().stamp(p, OFF, p.readableBytes(), 13)).isZero();
            assertThat(RtpExtensions.transportSequenceNumber(p, OFF, p.readableBytes(), 13)).as("the publisher's "
                    + "0xABCD is gone").isZero();
        }
    }

    @Test
    void theTwoByteFormCarriesIdsAboveFourteenTheOneByteFormCannot() {
        ExtensionIds high = new ExtensionIds(1, 2, 3, 200);
        ByteBuf twoByte = rewrite(high, "7", publishersAudioPacket(false));
        assertThat(value(twoByte, 200)).hasSize(2);
        ByteBuf oneByte = rewrite(high, "7", publishersAudioPacket(true));
        assertThat(value(oneByte, 4)).as("removed rather than mislabelled").isNull();
        assertThat(value(oneByte, 2)).containsExactly(0x80 | 42);
    }

    @Test
    void aMalformedElementEndsTheBlockAndNothingAfterItIsForwarded() {
        ByteBuf p = packet(true, element(2, 0x80 | 42), element(3, 1, 2, 3));
        int ext = OFF + 12 + 4;
        p.setByte(ext + 2, 0x3F); // abs-send-time claims 16 bytes, more than the block holds
        rewrite(PUBLISHER, "7", p);
        assertThat(value(p, 2)).containsExactly(0x80 | 42);
        assertThat(p.getByte(ext + 2)).isZero();
        assertThat(payload(p)).isEqualTo(PAYLOAD);
    }

    @Test
    void aPacketWithoutExtensionsIsLeftAlone() {
        ByteBuf p = Unpooled.buffer(64).writeByte(0x80).writeByte(96).writeShort(1).writeInt(2).writeInt(3).writeBytes(PAYLOAD);
        ByteBuf copy = p.copy();
        new HeaderExtensionRewriter(PUBLISHER, PUBLISHER, "3").rewrite(p, 0, p.readableBytes());
        assertThat(p).isEqualTo(copy);
    }
}
