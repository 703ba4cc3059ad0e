package dev.plenum.bench;

import dev.plenum.media.srtp.SrtpMasterKey;
import dev.plenum.media.srtp.SrtpProfile;
import dev.plenum.media.srtp.SrtpResult;
import dev.plenum.media.srtp.SrtpTransformer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SRTP protect and unprotect of one RTP packet through {@link SrtpTransformer}, for both profiles Plenum negotiates
 * and two payload sizes (an Opus frame, a full video packet). The packet lives in a pooled direct buffer, as on the
 * packet path. Each operation first copies the packet's bytes into that buffer (the same copy in both benchmarks,
 * about 1.3 KB at most), because protecting and unprotecting work in place.
 *
 * <p>Unprotect needs packets that authenticate and move the replay window forward, so a ring of
 * {@value #RING} packets is protected in advance; when the ring wraps, a fresh receiving transformer takes over
 * (its construction, about 50 KB with key derivation and cipher set-up, is amortised over {@value #RING}
 * operations: about 3 B/op in gc.alloc.rate.norm).
 *
 * <p>{@link JdkCipherBaseline} calls only the JDK's cipher objects the way the suites do, so the difference
 * between the two is Plenum's own cost and allocation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Djmh.executor=CUSTOM", "-Djmh.executor.class=dev.plenum.bench.NettyThreadsExecutor",
        "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED", "-Dio.netty.leakDetection.level=disabled"})
public class SrtpBenchmark {
    static final int RING = 16_384;
    static final int SSRC = 0x1234_5678;

    @Param({"AEAD_AES_128_GCM", "AES128_CM_HMAC_SHA1_80"})
    SrtpProfile profile;

    @Param({"100", "1200"})
    int payload;

    private SrtpMasterKey key;
    private SrtpTransformer sender;
    private SrtpTransformer receiver;
    private ByteBuf buf;
    private byte[] clear;
    private byte[][] protectedRing;
    private int sequence;
    private int next;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        byte[] k = new byte[profile.masterKeyLength()];
        byte[] s = new byte[profile.masterSaltLength()];
        random.nextBytes(k);
        random.nextBytes(s);
        key = new SrtpMasterKey(k, s);
        sender = new SrtpTransformer(profile, key, SrtpTransformer.DEFAULT_MAX_SSRCS);
        buf = PooledByteBufAllocator.DEFAULT.directBuffer(12 + payload + 64);
        clear = rtpPacket(0, random);
        // The ring: packets 0..RING-1 as a fresh sender protects them, ready for a fresh receiver.
        SrtpTransformer ringSender = new SrtpTransformer(profile, key, SrtpTransformer.DEFAULT_MAX_SSRCS);
        protectedRing = new byte[RING][];
        for (int i = 0; i < RING; i++) {
            byte[] packet = rtpPacket(i, random);
            buf.clear().writeBytes(packet);
            if (ringSender.protectRtp(buf) != SrtpResult.OK) throw new IllegalStateException("protect failed");
            protectedRing[i] = new byte[buf.readableBytes()];
            buf.getBytes(buf.readerIndex(), protectedRing[i]);
        }
        receiver = new SrtpTransformer(profile, key, SrtpTransformer.DEFAULT_MAX_SSRCS);
    }

    private byte[] rtpPacket(int seq, Random random) {
        byte[] p = new byte[12 + payload];
        random.nextBytes(p);
        p[0] = (byte) 0x80;
        p[1] = 96;
        p[2] = (byte) (seq >>> 8);
        p[3] = (byte) seq;
        p[8] = (byte) (SSRC >>> 24);
        p[9] = (byte) (SSRC >>> 16);
        p[10] = (byte) (SSRC >>> 8);
        p[11] = (byte) SSRC;
        return p;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        buf.release();
    }

    @Benchmark
    public SrtpResult protect() {
        buf.clear().writeBytes(clear);
        buf.setShort(2, sequence++);
        return sender.protectRtp(buf);
    }

    @Benchmark
    public SrtpResult unprotect() {
        if (next == RING) {
            next = 0;
            receiver = new SrtpTransformer(profile, key, SrtpTransformer.DEFAULT_MAX_SSRCS);
        }
        buf.clear().writeBytes(protectedRing[next++]);
        return receiver.unprotectRtp(buf);
    }
}
