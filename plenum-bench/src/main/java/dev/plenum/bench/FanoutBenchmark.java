package dev.plenum.bench;

import dev.plenum.media.forward.Fanout;
import dev.plenum.media.forward.StreamRewriter;
import dev.plenum.media.forward.Subscriber;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Forwarding one RTP packet (1200 B payload) from a publisher to N subscribers: pooled copy, header rewrite, hand
 * over, release. Run with {@code -prof gc}: gc.alloc.rate.norm divided by N is Plenum's allocation per forwarded
 * packet on this stage (SRTP and the socket are measured separately).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// Forwarding runs on Netty event-loop threads; NettyThreadsExecutor makes JMH's threads the same kind.
@Fork(value = 1, jvmArgsAppend = {"-Djmh.executor=CUSTOM", "-Djmh.executor.class=dev.plenum.bench.NettyThreadsExecutor",
        "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED", "-Dio.netty.leakDetection.level=disabled"})
public class FanoutBenchmark {
    @Param({"1", "10", "50"})
    int subscribers;

    private Fanout fanout;
    private int sequence;

    @Setup
    public void setUp() {
        PooledByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
        fanout = new Fanout(allocator);
        Subscriber releasing = ByteBuf::release;
        for (int i = 0; i < subscribers; i++) fanout.subscribe(releasing, new StreamRewriter(0x1000 + i));
    }

    @Benchmark
    public void forwardOnePacket() {
        ByteBuf packet = PooledByteBufAllocator.DEFAULT.directBuffer(1400);
        packet.writeByte(0x80).writeByte(96).writeShort(sequence++).writeInt(sequence * 3000).writeInt(0x5555);
        packet.writerIndex(12 + 1200);
        fanout.forward(packet);
    }
}
