package dev.plenum.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Arbitrary bytes never make the compound parser throw or read past the packet (handed over as a slice that
 * ends exactly where the packet does), and a compound either parses whole or reports nothing.
 */
class RtcpFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void parserStaysInsideThePacket(byte[] data) {
        exercise(data);
    }

    /** The same property on seeded random compounds built from plausible headers, for runs without Jazzer. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomCompoundsStayInsideThePacket(long seed) {
        Random rnd = new Random(seed);
        int[] types = {200, 201, 202, 203, 204, 205, 206};
        for (int i = 0; i < 5_000; i++) {
            ByteBuf b = Unpooled.buffer();
            int packets = 1 + rnd.nextInt(3);
            for (int p = 0; p < packets; p++) {
                int words = rnd.nextInt(8);
                b.writeByte(0x80 | (rnd.nextInt(8) == 0 ? 0x20 : 0) | (rnd.nextBoolean() ? 15 : rnd.nextInt(4)));
                b.writeByte(types[rnd.nextInt(types.length)]);
                b.writeShort(rnd.nextInt(10) == 0 ? rnd.nextInt(65536) : words);
                byte[] body = new byte[4 * words];
                rnd.nextBytes(body);
                b.writeBytes(body);
            }
            byte[] data = new byte[b.readableBytes()];
            b.readBytes(data);
            exercise(data);
        }
    }

    static void exercise(byte[] data) {
        ByteBuf backing = Unpooled.buffer(data.length + 8);
        backing.writeShort(0x5A5A);
        backing.writeBytes(data);
        ByteBuf view = backing.slice(0, 2 + data.length);
        Recorder r = new Recorder();
        boolean valid = RtcpParser.isValid(view, 2, data.length);
        int n = RtcpParser.parse(view, 2, data.length, r);
        assertThat(n >= 0).isEqualTo(valid);
        if (n < 0) {
            assertThat(r.events).isEmpty();
        }
    }
}
