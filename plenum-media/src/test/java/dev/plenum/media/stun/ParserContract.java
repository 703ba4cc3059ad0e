package dev.plenum.media.stun;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;

/**
 * The contract every entry point over untrusted bytes keeps: no exception, no read outside
 * {@code [offset, offset + length)}. Reads past the end hit the buffer's capacity and throw; reads before the start
 * are caught by parsing the same bytes behind two different guard patterns and requiring the same outcome.
 */
final class ParserContract {
    private ParserContract() {}

    private static final int GUARD = 11;

    static void check(byte[] data) {
        String first = outcome(fenced(data, (byte) 0x00), data.length);
        String second = outcome(fenced(data, (byte) 0xA5), data.length);
        assertThat(second).isEqualTo(first);
    }

    /** {@code data} after GUARD guard bytes, in a buffer whose capacity ends exactly where {@code data} ends. */
    private static ByteBuf fenced(byte[] data, byte guard) {
        byte[] backing = new byte[GUARD + data.length];
        Arrays.fill(backing, 0, GUARD, guard);
        System.arraycopy(data, 0, backing, GUARD, data.length);
        return Unpooled.wrappedBuffer(backing);
    }

    /** Runs every entry point and describes what they found, so two runs can be compared. */
    private static String outcome(ByteBuf buf, int length) {
        StringBuilder s = new StringBuilder();
        s.append(StunMessages.looksLikeStun(buf, GUARD, length)).append('|');
        long span = StunMessages.usernameLocalPart(buf, GUARD, length);
        if (span != StunMessages.NO_SPAN) {
            int off = StunMessages.spanOffset(span);
            int len = StunMessages.spanLength(span);
            assertThat(off).isGreaterThanOrEqualTo(GUARD);
            assertThat(off + len).isLessThanOrEqualTo(GUARD + length);
            s.append(off).append('+').append(len);
        }
        s.append('|');
        StunParseResult result = StunParser.parse(buf, GUARD, length);
        switch (result) {
            case StunParseResult.Invalid invalid -> s.append(invalid.reason());
            case StunMessage m -> {
                s.append(m).append(Arrays.toString(m.transactionId()))
                        .append(Arrays.toString(m.unknownRequired()));
                s.append(StunMessages.fingerprintMatches(buf, GUARD, m));
                s.append(MessageIntegrity.shortTerm(Rfc5769Vectors.PASSWORD).verify(buf, GUARD, m));
            }
        }
        assertThat(buf.readerIndex()).isZero();
        return s.toString();
    }
}
