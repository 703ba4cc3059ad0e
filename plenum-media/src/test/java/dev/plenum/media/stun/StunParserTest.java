package dev.plenum.media.stun;

import static dev.plenum.media.stun.Rfc5769Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.media.stun.StunParseResult.Invalid;
import dev.plenum.media.stun.StunParseResult.Reason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each rule of the parser, shown by the smallest message that breaks it. */
class StunParserTest {

    private static final byte[] TID = new byte[12];

    private static Reason reasonOf(ByteBuf buf) {
        StunParseResult r = StunParser.parse(buf, 0, buf.readableBytes());
        assertThat(r).isInstanceOf(Invalid.class);
        return ((Invalid) r).reason();
    }

    private static ByteBuf header(int type, int length) {
        ByteBuf b = Unpooled.buffer();
        b.writeShort(type).writeShort(length).writeInt(StunAttributes.MAGIC_COOKIE).writeBytes(TID);
        return b;
    }

    @Test
    void aBareHeaderIsAValidMessage() {
        StunParseResult r = StunParser.parse(header(0x0001, 0), 0, 20);
        assertThat(r.isValid()).isTrue();
        assertThat(((StunMessage) r).isBindingRequest()).isTrue();
    }

    @Test
    void rejectsShortInputAndBadSlices() {
        ByteBuf b = Unpooled.wrappedBuffer(io.netty.buffer.ByteBufUtil.getBytes(header(0x0001, 0))); // capacity 20
        assertThat(((Invalid) StunParser.parse(b, 0, 19)).reason()).isEqualTo(Reason.TOO_SHORT);
        assertThat(((Invalid) StunParser.parse(b, 1, 20)).reason()).isEqualTo(Reason.BAD_SLICE);
        assertThat(((Invalid) StunParser.parse(b, -1, 20)).reason()).isEqualTo(Reason.BAD_SLICE);
        assertThat(((Invalid) StunParser.parse(b, 0, -5)).reason()).isEqualTo(Reason.BAD_SLICE);
        assertThat(((Invalid) StunParser.parse(b, Integer.MAX_VALUE, 20)).reason()).isEqualTo(Reason.BAD_SLICE);
    }

    @Test
    void rejectsHeadersThatAreNotStun() {
        assertThat(reasonOf(header(0x8001, 0))).isEqualTo(Reason.NOT_STUN_HEADER); // RTP/DTLS-like first bits
        ByteBuf b = header(0x0001, 0);
        b.setInt(4, 0x2112A443);
        assertThat(reasonOf(b)).isEqualTo(Reason.BAD_MAGIC_COOKIE);
    }

    @Test
    void headerLengthMustBeAMultipleOf4AndMatchTheDatagram() {
        ByteBuf b = header(0x0001, 2);
        b.writeZero(2);
        assertThat(reasonOf(b)).isEqualTo(Reason.LENGTH_NOT_MULTIPLE_OF_4);
        assertThat(reasonOf(header(0x0001, 4))).isEqualTo(Reason.LENGTH_MISMATCH);
        ByteBuf trailing = header(0x0001, 0);
        trailing.writeZero(4);
        assertThat(reasonOf(trailing)).isEqualTo(Reason.LENGTH_MISMATCH);
    }

    @Test
    void attributesWithPaddingMustFit() {
        ByteBuf b = header(0x0001, 8);
        b.writeShort(StunAttributes.USERNAME).writeShort(5).writeBytes("abcd".getBytes(StandardCharsets.US_ASCII));
        assertThat(reasonOf(b)).isEqualTo(Reason.ATTRIBUTE_OVERRUN); // 5 bytes pad to 8, only 4 present
    }

    @Test
    void knownAttributesMustHaveTheirDefinedLengths() {
        assertThat(reasonOf(withAttribute(StunAttributes.PRIORITY, new byte[3])))
                .isEqualTo(Reason.BAD_ATTRIBUTE_LENGTH);
        assertThat(reasonOf(withAttribute(StunAttributes.USE_CANDIDATE, new byte[4])))
                .isEqualTo(Reason.BAD_ATTRIBUTE_LENGTH);
        assertThat(reasonOf(withAttribute(StunAttributes.ICE_CONTROLLING, new byte[4])))
                .isEqualTo(Reason.BAD_ATTRIBUTE_LENGTH);
        assertThat(reasonOf(withAttribute(StunAttributes.MESSAGE_INTEGRITY, new byte[19])))
                .isEqualTo(Reason.BAD_ATTRIBUTE_LENGTH);
        assertThat(reasonOf(withAttribute(StunAttributes.FINGERPRINT, new byte[8])))
                .isEqualTo(Reason.BAD_ATTRIBUTE_LENGTH);
        assertThat(reasonOf(withAttribute(StunAttributes.USERNAME, new byte[514])))
                .isEqualTo(Reason.BAD_ATTRIBUTE_LENGTH);
        assertThat(reasonOf(withAttribute(StunAttributes.ERROR_CODE, new byte[3])))
                .isEqualTo(Reason.BAD_ATTRIBUTE_LENGTH);
    }

    @Test
    void addressFamilyMustAgreeWithLengthAndErrorCodesMustBeInRange() {
        assertThat(reasonOf(withAttribute(StunAttributes.XOR_MAPPED_ADDRESS, new byte[] {0, 2, 0, 0, 1, 2, 3, 4})))
                .isEqualTo(Reason.BAD_ATTRIBUTE_VALUE);
        assertThat(reasonOf(withAttribute(StunAttributes.XOR_MAPPED_ADDRESS, new byte[] {0, 3, 0, 0, 1, 2, 3, 4})))
                .isEqualTo(Reason.BAD_ATTRIBUTE_VALUE);
        assertThat(reasonOf(withAttribute(StunAttributes.ERROR_CODE, new byte[] {0, 0, 2, 0})))
                .isEqualTo(Reason.BAD_ATTRIBUTE_VALUE);
        assertThat(reasonOf(withAttribute(StunAttributes.ERROR_CODE, new byte[] {0, 0, 4, 100})))
                .isEqualTo(Reason.BAD_ATTRIBUTE_VALUE);
    }

    @Test
    void nothingMayFollowFingerprint() {
        ByteBuf b = Unpooled.buffer();
        int start = StunWriter.begin(b, 0x0001, TID);
        StunWriter.fingerprint(b, start);
        StunWriter.priority(b, start, 1);
        assertThat(reasonOf(b)).isEqualTo(Reason.ATTRIBUTE_AFTER_FINGERPRINT);
    }

    @Test
    void attributesBetweenIntegrityAndFingerprintAreIgnored() {
        ByteBuf b = Unpooled.buffer();
        int start = StunWriter.begin(b, 0x0001, TID);
        StunWriter.messageIntegrity(b, start, MessageIntegrity.shortTerm(PASSWORD));
        StunWriter.useCandidate(b, start);
        StunWriter.username(b, start, "late:comer");
        StunWriter.fingerprint(b, start);
        StunMessage m = (StunMessage) StunParser.parse(b, 0, b.readableBytes());
        assertThat(m.useCandidate()).isFalse();
        assertThat(m.username()).isNull();
        assertThat(MessageIntegrity.shortTerm(PASSWORD).verify(b, 0, m)).isTrue();
        assertThat(StunMessages.fingerprintMatches(b, 0, m)).isTrue();
    }

    @Test
    void theFirstOfRepeatedAttributesCountsAndUnknownOptionalOnesAreSkipped() {
        ByteBuf b = Unpooled.buffer();
        int start = StunWriter.begin(b, 0x0001, TID);
        StunWriter.attribute(b, start, 0xC057, new byte[] {1, 2, 3}); // comprehension-optional: skipped silently
        StunWriter.username(b, start, "first:one");
        StunWriter.username(b, start, "second:one");
        StunWriter.priority(b, start, 0xFFFFFFFFL);
        StunWriter.priority(b, start, 7);
        StunMessage m = (StunMessage) StunParser.parse(b, 0, b.readableBytes());
        assertThat(m.username()).isEqualTo("first:one");
        assertThat(m.priority()).isEqualTo(0xFFFFFFFFL);
        assertThat(m.unknownRequired()).isEmpty();
    }

    @Test
    void errorCodeAndReasonArePreserved() {
        ByteBuf b = Unpooled.buffer();
        StunWriter.errorResponse(b, StunAttributes.METHOD_BINDING, TID, 487, null);
        StunMessage m = (StunMessage) StunParser.parse(b, 0, b.readableBytes());
        assertThat(m.stunClass()).isEqualTo(StunClass.ERROR_RESPONSE);
        assertThat(m.errorCode()).isEqualTo(487);
        assertThat(m.errorReason()).isEqualTo("Role Conflict");
        assertThat(m.hasMessageIntegrity()).isFalse();
        assertThat(StunMessages.fingerprintMatches(b, 0, m)).isTrue();
    }

    @Test
    void messageTypeEncodingFollowsTheInterleavedBitLayout() {
        assertThat(StunMessage.messageType(1, StunClass.REQUEST)).isEqualTo(0x0001);
        assertThat(StunMessage.messageType(1, StunClass.INDICATION)).isEqualTo(0x0011);
        assertThat(StunMessage.messageType(1, StunClass.SUCCESS_RESPONSE)).isEqualTo(0x0101);
        assertThat(StunMessage.messageType(1, StunClass.ERROR_RESPONSE)).isEqualTo(0x0111);
        for (int method = 0; method < 0x1000; method++) {
            for (StunClass c : StunClass.values()) {
                int type = StunMessage.messageType(method, c);
                assertThat(type & 0xC000).isZero();
                assertThat(StunMessage.methodOf(type)).isEqualTo(method);
                assertThat(StunMessage.classOf(type)).isEqualTo(c);
            }
        }
    }

    @Test
    void looksLikeStunAndUsernameLocalPartAgreeWithTheParser() {
        ByteBuf b = Unpooled.wrappedBuffer(REQUEST);
        assertThat(StunMessages.looksLikeStun(b, 0, REQUEST.length)).isTrue();
        assertThat(StunMessages.looksLikeStun(b, 0, REQUEST.length - 4)).isFalse();
        assertThat(StunMessages.looksLikeStun(b, 4, REQUEST.length - 4)).isFalse();
        ByteBuf noColon = withAttribute(StunAttributes.USERNAME, "nocolon".getBytes(StandardCharsets.US_ASCII));
        assertThat(StunMessages.usernameLocalPart(noColon, 0, noColon.readableBytes())).isEqualTo(StunMessages.NO_SPAN);
        ByteBuf emptyLocal = withAttribute(StunAttributes.USERNAME, ":remote".getBytes(StandardCharsets.US_ASCII));
        assertThat(StunMessages.usernameLocalPart(emptyLocal, 0, emptyLocal.readableBytes()))
                .isEqualTo(StunMessages.NO_SPAN);
        ByteBuf responseWithoutUsername = Unpooled.wrappedBuffer(IPV4_RESPONSE);
        assertThat(StunMessages.usernameLocalPart(responseWithoutUsername, 0, IPV4_RESPONSE.length))
                .isEqualTo(StunMessages.NO_SPAN);
    }

    private static ByteBuf withAttribute(int type, byte[] value) {
        ByteBuf b = Unpooled.buffer();
        int start = StunWriter.begin(b, 0x0001, TID);
        StunWriter.attribute(b, start, type, value);
        return b;
    }
}
