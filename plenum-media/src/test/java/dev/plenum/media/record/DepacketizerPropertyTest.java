package dev.plenum.media.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * VP8 and Opus streams sent through random loss, reordering and duplicates (seeded) into the reorder buffer and the
 * depacketizers: nothing throws, every buffer is released, and only frames whose every packet arrived come out.
 */
class DepacketizerPropertyTest {
    private record Sent(ByteBuf packet, long arrivalNanos) {}

    /** A VP8 frame: a keyframe starts with the RFC 6386 header, others with P=1; random bytes after. */
    private static byte[] frame(Random random, boolean key, int index) {
        byte[] f = new byte[10 + random.nextInt(key ? 6000 : 2500)];
        random.nextBytes(f);
        if (key) {
            byte[] header = WebmWriterTest.vp8Keyframe(640, 480, 0);
            System.arraycopy(header, 0, f, 0, header.length);
        } else {
            f[0] = (byte) (f[0] | 0x01);
        }
        f[f.length - 1] = (byte) index;
        return f;
    }

    /** RFC 7741 packets of a frame: S=1 and PID 0 on the first, a 15-bit PictureID, the marker on the last. */
    private static List<ByteBuf> packetize(byte[] frame, int[] sequence, long timestamp, int pictureId, Random random) {
        List<ByteBuf> packets = new ArrayList<>();
        int mtu = 600 + random.nextInt(600);
        for (int off = 0; off < frame.length; off += mtu) {
            int n = Math.min(mtu, frame.length - off);
            ByteBuf p = Unpooled.directBuffer(64 + 12 + 4 + n);
            p.writerIndex(64).readerIndex(64); // headroom like the fan-out's copies
            boolean last = off + n == frame.length;
            p.writeByte(0x80).writeByte((last ? 0x80 : 0) | 96).writeShort(sequence[0]++ & 0xFFFF)
                    .writeInt((int) timestamp).writeInt(0x1234);
            p.writeByte(0x80 | (off == 0 ? 0x10 : 0)).writeByte(0x80).writeShort(0x8000 | (pictureId & 0x7FFF));
            p.writeBytes(frame, off, n);
            packets.add(p);
        }
        return packets;
    }

    /** Loss, duplicates, and reordering of up to a few packets; arrival 2 ms apart plus the lateness of a swap. */
    private static List<Sent> network(List<ByteBuf> packets, Random random, double loss) {
        List<ByteBuf> out = new ArrayList<>();
        for (ByteBuf p : packets) {
            if (random.nextDouble() < loss) {
                p.release();
                continue;
            }
            out.add(p);
            if (random.nextDouble() < 0.02) out.add(p.retainedDuplicate());
        }
        for (int i = 0; i + 1 < out.size(); i++) {
            if (random.nextDouble() < 0.1) Collections.swap(out, i, Math.min(out.size() - 1, i + 1 + random.nextInt(4)));
        }
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) sent.add(new Sent(out.get(i), i * 2_000_000L));
        return sent;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void vp8FramesComeOnlyFromCompletePacketsAndInterFramesOnlyAfterAnUnbrokenChainFromAKeyframe(long seed) {
        Random random = new Random(seed);
        double loss = seed <= 2 ? 0 : random.nextDouble() * 0.15;
        int[] sequence = {random.nextInt(0x10000)}; // wraps within the run for some seeds
        long timestamp = random.nextLong(0x1_0000_0000L);
        Map<Long, byte[]> frames = new HashMap<>();
        Map<Long, Integer> order = new HashMap<>();
        List<ByteBuf> packets = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            boolean key = i % 60 == 0;
            byte[] f = frame(random, key, i);
            long ts = (timestamp + 3000L * i) & 0xFFFF_FFFFL;
            frames.put(ts, f);
            order.put(ts, i);
            packets.addAll(packetize(f, sequence, ts, i, random));
        }
        List<Sent> sent = network(packets, random, loss);

        List<long[]> out = new ArrayList<>(); // {index, keyframe}
        int[] keyframeRequests = {0};
        Vp8Depacketizer vp8 = new Vp8Depacketizer(new Vp8Depacketizer.FrameSink() {
            @Override public void frame(long ts, boolean key, byte[] data, int width, int height, long arrival) {
                assertThat(frames).containsKey(ts);
                assertThat(data).as("frame %d is exactly what was sent", order.get(ts)).isEqualTo(frames.get(ts));
                if (key) assertThat(width).isEqualTo(640);
                out.add(new long[] {order.get(ts), key ? 1 : 0});
            }

            @Override public void keyframeNeeded() {
                keyframeRequests[0]++;
            }
        });
        ReorderBuffer reorder = new ReorderBuffer(512, 100_000_000L, vp8);
        for (Sent s : sent) reorder.add(s.packet(), s.arrivalNanos(), s.arrivalNanos());
        reorder.flush();

        for (Sent s : sent) assertThat(s.packet().refCnt()).isZero();
        assertThat(out).isNotEmpty();
        assertThat(out.getFirst()[1]).as("the first frame is a keyframe").isEqualTo(1);
        for (int i = 1; i < out.size(); i++) {
            assertThat(out.get(i)[0]).as("frames in order").isGreaterThan(out.get(i - 1)[0]);
            if (out.get(i)[1] == 0) {
                assertThat(out.get(i)[0]).as("an inter frame follows the frame before it").isEqualTo(out.get(i - 1)[0] + 1);
            }
        }
        if (loss == 0) {
            assertThat(out).hasSize(400);
            assertThat(keyframeRequests[0]).isZero();
        } else {
            assertThat(out.size()).isLessThanOrEqualTo(400);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25, 26})
    void opusPacketsComeOutWholeInOrderAndEachLossIsCountedOnce(long seed) {
        Random random = new Random(seed);
        double loss = random.nextDouble() * 0.2;
        int sequence = random.nextInt(0x10000);
        long timestamp = random.nextLong(0x1_0000_0000L);
        Map<Long, byte[]> payloads = new HashMap<>();
        List<ByteBuf> packets = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            byte[] payload = new byte[1 + random.nextInt(200)];
            random.nextBytes(payload);
            long ts = (timestamp + 960L * i) & 0xFFFF_FFFFL;
            payloads.put(ts, payload);
            ByteBuf p = Unpooled.directBuffer(300).writerIndex(64).readerIndex(64);
            p.writeByte(0x80).writeByte(111).writeShort((sequence + i) & 0xFFFF).writeInt((int) ts).writeInt(7).writeBytes(payload);
            packets.add(p);
        }
        List<Sent> sent = network(packets, random, loss);
        long distinctArrived = sent.stream().map(s -> s.packet().getUnsignedShort(66)).distinct().count();
        List<Long> out = new ArrayList<>();
        OpusDepacketizer opus = new OpusDepacketizer((ts, packet, arrival) -> {
            assertThat(packet).isEqualTo(payloads.get(ts));
            out.add(ts);
        });
        ReorderBuffer reorder = new ReorderBuffer(64, 100_000_000L, opus);
        for (Sent s : sent) reorder.add(s.packet(), s.arrivalNanos(), s.arrivalNanos());
        reorder.flush();

        for (Sent s : sent) assertThat(s.packet().refCnt()).isZero();
        assertThat(out).hasSize((int) distinctArrived); // within the window, every packet that arrived comes out
        List<Long> unwrapped = out.stream().map(ts -> (ts - timestamp) & 0xFFFF_FFFFL).toList();
        assertThat(unwrapped).isSorted();
        assertThat(opus.lost() + out.size()).isLessThanOrEqualTo(500);
        assertThat(Arrays.asList(unwrapped.toArray())).doesNotHaveDuplicates();
    }
}
