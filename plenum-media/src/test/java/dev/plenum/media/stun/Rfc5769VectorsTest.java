package dev.plenum.media.stun;

import static dev.plenum.media.stun.Rfc5769Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every sample message of RFC 5769 parses, authenticates and, where Plenum writes that kind, re-encodes exactly. */
class Rfc5769VectorsTest {

    private static final byte[] TRANSACTION_ID = hex("b7e7a701bc34d686fa87dfae");

    /** The vectors sit inside a bigger buffer with guard bytes, as packets do in pooled buffers. */
    private static ByteBuf embedded(byte[] message) {
        ByteBuf buf = Unpooled.buffer(message.length + 64);
        buf.writeBytes(new byte[] {0x55, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55});
        buf.writeBytes(message);
        buf.writeBytes(new byte[] {0x55, 0x55, 0x55, 0x55, 0x55});
        return buf;
    }

    private static StunMessage parse(ByteBuf buf, int length) {
        StunParseResult result = StunParser.parse(buf, 7, length);
        assertThat(result).isInstanceOf(StunMessage.class);
        return (StunMessage) result;
    }

    @Test
    void sampleRequestParsesAuthenticatesAndReencodes() {
        ByteBuf buf = embedded(REQUEST);
        StunMessage m = parse(buf, REQUEST.length);

        assertThat(m.isBindingRequest()).isTrue();
        assertThat(m.transactionId()).isEqualTo(TRANSACTION_ID);
        assertThat(m.username()).isEqualTo("evtj:h6vY");
        assertThat(m.priority()).isEqualTo(0x6e0001ffL);
        assertThat(m.iceControlled()).isTrue();
        assertThat(m.iceControlling()).isFalse();
        assertThat(m.tieBreaker()).isEqualTo(0x932ff9b151263b36L);
        assertThat(m.useCandidate()).isFalse();
        assertThat(m.unknownRequired()).isEmpty();
        assertThat(MessageIntegrity.shortTerm(PASSWORD).verify(buf, 7, m)).isTrue();
        assertThat(MessageIntegrity.shortTerm("wrong").verify(buf, 7, m)).isFalse();
        assertThat(StunMessages.fingerprintMatches(buf, 7, m)).isTrue();
        assertThat(StunMessages.looksLikeStun(buf, 7, REQUEST.length)).isTrue();

        long span = StunMessages.usernameLocalPart(buf, 7, REQUEST.length);
        assertThat(buf.toString(StunMessages.spanOffset(span), StunMessages.spanLength(span),
                java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("evtj");

        // Re-encode: the RFC pads with 0x20 on purpose; patch our zero padding to match before authenticating.
        ByteBuf out = Unpooled.buffer();
        int start = StunWriter.begin(out, 0x0001, TRANSACTION_ID);
        StunWriter.software(out, start, "STUN test client");
        StunWriter.priority(out, start, 0x6e0001ffL);
        StunWriter.iceControlled(out, start, 0x932ff9b151263b36L);
        StunWriter.username(out, start, "evtj:h6vY");
        out.setBytes(out.writerIndex() - 3, new byte[] {0x20, 0x20, 0x20});
        StunWriter.messageIntegrity(out, start, MessageIntegrity.shortTerm(PASSWORD));
        StunWriter.fingerprint(out, start);
        assertThat(ByteBufUtil.getBytes(out)).isEqualTo(REQUEST);
    }

    @Test
    void sampleIpv4ResponseParsesAuthenticatesAndReencodes() throws Exception {
        ByteBuf buf = embedded(IPV4_RESPONSE);
        StunMessage m = parse(buf, IPV4_RESPONSE.length);

        assertThat(m.method()).isEqualTo(StunAttributes.METHOD_BINDING);
        assertThat(m.stunClass()).isEqualTo(StunClass.SUCCESS_RESPONSE);
        InetSocketAddress expected = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853);
        assertThat(m.xorMappedAddress()).isEqualTo(expected);
        assertThat(MessageIntegrity.shortTerm(PASSWORD).verify(buf, 7, m)).isTrue();
        assertThat(StunMessages.fingerprintMatches(buf, 7, m)).isTrue();

        assertThat(reencodeResponse(expected)).isEqualTo(IPV4_RESPONSE);
    }

    @Test
    void sampleIpv6ResponseParsesAuthenticatesAndReencodes() throws Exception {
        ByteBuf buf = embedded(IPV6_RESPONSE);
        StunMessage m = parse(buf, IPV6_RESPONSE.length);

        InetSocketAddress expected = new InetSocketAddress(
                InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853);
        assertThat(m.xorMappedAddress()).isEqualTo(expected);
        assertThat(MessageIntegrity.shortTerm(PASSWORD).verify(buf, 7, m)).isTrue();
        assertThat(StunMessages.fingerprintMatches(buf, 7, m)).isTrue();

        assertThat(reencodeResponse(expected)).isEqualTo(IPV6_RESPONSE);
    }

    private static byte[] reencodeResponse(InetSocketAddress mapped) {
        ByteBuf out = Unpooled.buffer();
        int start = StunWriter.begin(out, 0x0101, TRANSACTION_ID);
        StunWriter.software(out, start, "test vector");
        out.setByte(out.writerIndex() - 1, 0x20);
        StunWriter.xorMappedAddress(out, start, mapped);
        StunWriter.messageIntegrity(out, start, MessageIntegrity.shortTerm(PASSWORD));
        StunWriter.fingerprint(out, start);
        return ByteBufUtil.getBytes(out);
    }

    @Test
    void bindingSuccessWriterMatchesTheSampleModuloSoftware() throws Exception {
        // Our responses carry no SOFTWARE; the XOR-MAPPED-ADDRESS bytes must still equal the sample's.
        InetSocketAddress mapped = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853);
        ByteBuf out = Unpooled.buffer();
        StunWriter.bindingSuccess(out, TRANSACTION_ID, mapped, MessageIntegrity.shortTerm(PASSWORD));
        byte[] bytes = ByteBufUtil.getBytes(out);
        assertThat(Arrays.copyOfRange(bytes, 20, 32)).isEqualTo(Arrays.copyOfRange(IPV4_RESPONSE, 36, 48));

        StunMessage m = (StunMessage) StunParser.parse(out, 0, out.readableBytes());
        assertThat(m.xorMappedAddress()).isEqualTo(mapped);
        assertThat(MessageIntegrity.shortTerm(PASSWORD).verify(out, 0, m)).isTrue();
        assertThat(StunMessages.fingerprintMatches(out, 0, m)).isTrue();
    }

    @Test
    void longTermSampleParsesAndAuthenticatesWithTheMd5Key() {
        ByteBuf buf = embedded(LONG_TERM_REQUEST);
        StunMessage m = parse(buf, LONG_TERM_REQUEST.length);

        assertThat(m.isBindingRequest()).isTrue();
        assertThat(m.username()).isEqualTo(LONG_TERM_USERNAME);
        assertThat(m.hasFingerprint()).isFalse();
        // NONCE and REALM are comprehension-required attributes Plenum does not use.
        assertThat(m.unknownRequired()).containsExactly(StunAttributes.NONCE, StunAttributes.REALM);
        byte[] key = MessageIntegrity.longTermKey(LONG_TERM_USERNAME, LONG_TERM_REALM, LONG_TERM_PASSWORD);
        assertThat(new MessageIntegrity(key).verify(buf, 7, m)).isTrue();
    }
}
