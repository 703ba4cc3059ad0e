package dev.plenum.media.stun;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded random messages: written, parsed back equal, authenticated; any corruption is caught. */
class StunRoundTripTest {

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    /** What a random message holds, to compare with what the parser finds. */
    private record Sample(byte[] bytes, int type, byte[] tid, String username, InetSocketAddress mapped,
                          long priority, boolean useCandidate, int role, long tieBreaker, int errorCode,
                          String reason, String password, boolean integrity, boolean fingerprint) {}

    private static Sample randomMessage(Random r) throws UnknownHostException {
        int type = StunMessage.messageType(r.nextInt(4) == 0 ? r.nextInt(0x1000) : 1,
                StunClass.ofBits(r.nextInt(4)));
        byte[] tid = new byte[12];
        r.nextBytes(tid);
        ByteBuf out = Unpooled.buffer();
        int start = StunWriter.begin(out, type, tid);

        String username = r.nextBoolean() ? randomText(r, r.nextInt(100)) : null;
        byte[] ip = new byte[r.nextBoolean() ? 4 : 16];
        r.nextBytes(ip);
        InetSocketAddress mapped = r.nextBoolean()
                ? new InetSocketAddress(InetAddress.getByAddress(ip), r.nextInt(65536)) : null;
        long priority = r.nextBoolean() ? r.nextLong(0, 1L << 32) : -1;
        boolean useCandidate = r.nextBoolean();
        int role = r.nextInt(3); // 0 none, 1 controlling, 2 controlled
        long tieBreaker = role == 0 ? 0 : r.nextLong();
        int errorCode = r.nextBoolean() ? 300 + r.nextInt(400) : 0;
        String reason = errorCode == 0 ? null : randomText(r, r.nextInt(30));

        // Attributes in a random order, with unknown comprehension-optional ones sprinkled in.
        Runnable[] writers = {
            () -> { if (username != null) StunWriter.username(out, start, username); },
            () -> { if (mapped != null) StunWriter.xorMappedAddress(out, start, mapped); },
            () -> { if (priority >= 0) StunWriter.priority(out, start, priority); },
            () -> { if (useCandidate) StunWriter.useCandidate(out, start); },
            () -> { if (role == 1) StunWriter.iceControlling(out, start, tieBreaker);
                    if (role == 2) StunWriter.iceControlled(out, start, tieBreaker); },
            () -> { if (errorCode != 0) StunWriter.errorCode(out, start, errorCode, reason); },
            () -> { byte[] v = new byte[r.nextInt(9)]; r.nextBytes(v);
                    StunWriter.attribute(out, start, 0x8000 | r.nextInt(0x10) << 4 | 0x1, v); },
        };
        for (int i = writers.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            Runnable t = writers[i];
            writers[i] = writers[j];
            writers[j] = t;
        }
        for (Runnable w : writers) {
            w.run();
        }
        String password = randomText(r, 22 + r.nextInt(10));
        boolean integrity = r.nextInt(4) != 0;
        if (integrity) {
            StunWriter.messageIntegrity(out, start, MessageIntegrity.shortTerm(password));
        }
        boolean fingerprint = r.nextInt(4) != 0;
        if (fingerprint) {
            StunWriter.fingerprint(out, start);
        }
        return new Sample(ByteBufUtil.getBytes(out), type, tid, username, mapped, priority, useCandidate, role,
                tieBreaker, errorCode, reason, password, integrity, fingerprint);
    }

    private static String randomText(Random r, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(r.nextInt(8) == 0 ? (char) (0xC0 + r.nextInt(0x200)) : (char) (0x21 + r.nextInt(0x5E)));
        }
        return s.toString();
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void writtenMessagesParseBackToTheSameValuesAndAuthenticate(long seed) throws Exception {
        Sample s = randomMessage(new Random(seed));
        ByteBuf buf = Unpooled.buffer();
        buf.writeZero(5).writeBytes(s.bytes()).writeZero(3);

        StunMessage m = (StunMessage) StunParser.parse(buf, 5, s.bytes().length);
        assertThat(StunMessage.messageType(m.method(), m.stunClass())).isEqualTo(s.type());
        assertThat(m.transactionId()).isEqualTo(s.tid());
        assertThat(m.username()).isEqualTo(s.username());
        assertThat(m.xorMappedAddress()).isEqualTo(s.mapped());
        assertThat(m.priority()).isEqualTo(s.priority());
        assertThat(m.useCandidate()).isEqualTo(s.useCandidate());
        assertThat(m.iceControlling()).isEqualTo(s.role() == 1);
        assertThat(m.iceControlled()).isEqualTo(s.role() == 2);
        assertThat(m.tieBreaker()).isEqualTo(s.tieBreaker());
        assertThat(m.errorCode()).isEqualTo(s.errorCode());
        assertThat(m.errorReason()).isEqualTo(s.reason());
        assertThat(m.unknownRequired()).isEmpty();
        assertThat(m.length()).isEqualTo(s.bytes().length);
        assertThat(MessageIntegrity.shortTerm(s.password()).verify(buf, 5, m)).isEqualTo(s.integrity());
        assertThat(StunMessages.fingerprintMatches(buf, 5, m)).isEqualTo(s.fingerprint());
        assertThat(StunMessages.looksLikeStun(buf, 5, s.bytes().length)).isTrue();
        if (s.username() != null && s.username().indexOf(':') > 0) {
            long span = StunMessages.usernameLocalPart(buf, 5, s.bytes().length);
            assertThat(buf.toString(StunMessages.spanOffset(span), StunMessages.spanLength(span),
                    java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(s.username().substring(0, s.username().indexOf(':')));
        }
        ParserContract.check(s.bytes());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void anyFlippedBitOrTruncationIsCaughtByParserIntegrityOrFingerprint(long seed) throws Exception {
        Random r = new Random(seed);
        Sample s;
        do {
            s = randomMessage(r);
        } while (!s.integrity() || !s.fingerprint());
        byte[] bytes = s.bytes().clone();
        int bit = r.nextInt(bytes.length * 8);
        bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        assertThat(authentic(bytes, bytes.length, s.password())).as("bit %d flipped", bit).isFalse();
        ParserContract.check(bytes);

        int cut = r.nextInt(s.bytes().length);
        byte[] truncated = java.util.Arrays.copyOf(s.bytes(), cut);
        assertThat(authentic(truncated, cut, s.password())).isFalse();
        ParserContract.check(truncated);

        byte[] garbage = new byte[r.nextInt(80)];
        r.nextBytes(garbage);
        ParserContract.check(garbage);
    }

    private static boolean authentic(byte[] bytes, int length, String password) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        return StunParser.parse(buf, 0, length) instanceof StunMessage m
                && MessageIntegrity.shortTerm(password).verify(buf, 0, m)
                && StunMessages.fingerprintMatches(buf, 0, m);
    }
}
