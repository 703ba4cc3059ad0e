package dev.plenum.media.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StreamRewriterTest {
    private static ByteBuf rtp(int sequence, long timestamp, int ssrc) {
        ByteBuf b = Unpooled.buffer(12);
        b.writeByte(0x80).writeByte(96).writeShort(sequence).writeInt((int) timestamp).writeInt(ssrc);
        return b;
    }

    @Test
    void theFirstSourceKeepsItsNumberingButTakesTheSubscribersSsrc() {
        StreamRewriter r = new StreamRewriter(0xCAFE);
        ByteBuf p = rtp(1000, 90_000, 0x1111);
        r.rewrite(p, 0);
        assertThat(p.getUnsignedShort(2)).isEqualTo(1000);
        assertThat(p.getUnsignedInt(4)).isEqualTo(90_000);
        assertThat(p.getInt(8)).isEqualTo(0xCAFE);
    }

    @Test
    void aNewSourceContinuesRightAfterTheLastPacketSeen() {
        StreamRewriter r = new StreamRewriter(7);
        for (int s = 65530; s < 65536 + 3; s++) r.rewrite(rtp(s & 0xFFFF, 3000L * s, 1), 0);
        r.rebaseOnNextPacket();
        ByteBuf p = rtp(42, 5, 2);
        r.rewrite(p, 0);
        assertThat(p.getUnsignedShort(2)).isEqualTo(3); // 65538 & 0xFFFF = 2, so the next is 3
        assertThat(p.getUnsignedInt(4)).isEqualTo(((3000L * 65538) + 1) & 0xFFFF_FFFFL);
    }

    /** Randomized: however sources alternate and reorder, the subscriber never sees a duplicate or a jump back. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 20261124})
    void switchesNeverProduceDuplicatesOrReversals(long seed) {
        Random random = new Random(seed);
        StreamRewriter r = new StreamRewriter(9);
        int highest = -1;
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        int source = random.nextInt(65536);
        int emitted = 0;
        for (int burst = 0; burst < 50; burst++) {
            r.rebaseOnNextPacket();
            source = random.nextInt(65536);
            int length = 1 + random.nextInt(200);
            for (int i = 0; i < length; i++) {
                ByteBuf p = rtp((source + i) & 0xFFFF, random.nextInt(), 1);
                r.rewrite(p, 0);
                int out = p.getUnsignedShort(2);
                int unwrapped = emitted == 0 ? out : unwrap(out, highest);
                assertThat(seen.add(unwrapped)).as("duplicate %d", unwrapped).isTrue();
                assertThat(unwrapped).isEqualTo(highest == -1 ? unwrapped : highest + 1);
                highest = unwrapped;
                emitted++;
            }
        }
    }

    private static int unwrap(int sequence, int reference) {
        int candidate = (reference & ~0xFFFF) | sequence;
        if (candidate < reference - 0x8000) candidate += 0x10000;
        return candidate;
    }

    @Test
    void serialNumberComparisonWrapsAround() {
        assertThat(StreamRewriter.isNewer(1, 65535)).isTrue();
        assertThat(StreamRewriter.isNewer(65535, 1)).isFalse();
        assertThat(StreamRewriter.isNewer(5, 5)).isFalse();
    }
}
