package dev.plenum.bench;

import dev.plenum.media.bwe.BandwidthEstimatorConfig;
import dev.plenum.media.bwe.SendSideBandwidthEstimator;
import dev.plenum.media.forward.Fanout;
import dev.plenum.media.forward.StreamRewriter;
import dev.plenum.media.forward.Subscriber;
import dev.plenum.media.nack.PacketHistory;
import dev.plenum.media.nack.SentPackets;
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
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The SFU's packet path without the sockets: one SRTP video packet (1100 B payload) from a publisher is
 * unprotected, fanned out to N subscribers (pooled copy, header rewrite) and protected once per subscriber with
 * that subscriber's keys, then released. Time per operation divided by N is the CPU per forwarded packet short of
 * {@code recvmsg}/{@code sendmsg}; gc.alloc.rate.norm divided by N+1 is per SRTP operation (the JDK's GCM).
 * With {@code history}, the clear packet is kept once in the track's {@link PacketHistory} before the fan-out and
 * each subscriber notes what it sent in its {@link SentPackets}, as the SFU does for video to answer NACKs, and logs
 * it under a transport-wide sequence number with its {@link SendSideBandwidthEstimator}, as every leg does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Djmh.executor=CUSTOM", "-Djmh.executor.class=dev.plenum.bench.NettyThreadsExecutor",
        "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED", "-Dio.netty.leakDetection.level=disabled"})
public class ForwardingPathBenchmark {
    private static final int PAYLOAD = 1100;

    @Param({"1", "10", "50"})
    int subscribers;

    @Param({"AEAD_AES_128_GCM", "AES128_CM_HMAC_SHA1_80"})
    SrtpProfile profile;

    @Param({"false", "true"})
    boolean history;

    private SrtpMasterKey publisherKey;
    private SrtpTransformer fromPublisher;
    private byte[][] ring;
    private int next;
    private Fanout fanout;
    private PacketHistory trackHistory;

    @Setup
    public void setUp() {
        Random random = new Random(7);
        publisherKey = key(random);
        SrtpTransformer publisherSends = new SrtpTransformer(profile, publisherKey, SrtpTransformer.DEFAULT_MAX_SSRCS);
        ring = new byte[SrtpBenchmark.RING][];
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(1400);
        byte[] payload = new byte[PAYLOAD];
        random.nextBytes(payload);
        for (int i = 0; i < ring.length; i++) {
            buf.clear().writeByte(0x80).writeByte(96).writeShort(i).writeInt(i / 3 * 3000).writeInt(SrtpBenchmark.SSRC);
            buf.writeBytes(payload);
            if (publisherSends.protectRtp(buf) != SrtpResult.OK) throw new IllegalStateException("protect failed");
            ring[i] = new byte[buf.readableBytes()];
            buf.getBytes(buf.readerIndex(), ring[i]);
        }
        buf.release();
        fromPublisher = new SrtpTransformer(profile, publisherKey, SrtpTransformer.DEFAULT_MAX_SSRCS);
        fanout = new Fanout(PooledByteBufAllocator.DEFAULT);
        trackHistory = history ? new PacketHistory() : null;
        for (int i = 0; i < subscribers; i++) {
            SrtpTransformer sender = new SrtpTransformer(profile, key(random), SrtpTransformer.DEFAULT_MAX_SSRCS);
            StreamRewriter rewriter = new StreamRewriter(0x1000 + i);
            fanout.subscribe(new Protecting(sender, rewriter, history ? new SentPackets() : null,
                    history ? new SendSideBandwidthEstimator(BandwidthEstimatorConfig.DEFAULTS) : null, new int[1]), rewriter);
        }
    }

    private SrtpMasterKey key(Random random) {
        byte[] k = new byte[profile.masterKeyLength()];
        byte[] s = new byte[profile.masterSaltLength()];
        random.nextBytes(k);
        random.nextBytes(s);
        return new SrtpMasterKey(k, s);
    }

    /**
     * A subscriber's last stages without the socket: the note of what it sent (when kept), protect with its keys, then
     * release (in place of the send).
     */
    private record Protecting(SrtpTransformer sender, StreamRewriter rewriter, SentPackets sent,
                              SendSideBandwidthEstimator bandwidth, int[] transportSequence) implements Subscriber {
        @Override
        public void send(ByteBuf packet) {
            if (sent != null) {
                int off = packet.readerIndex();
                int sequence = packet.getUnsignedShort(off + 2);
                sent.record(sequence, rewriter.sourceSequence(sequence), packet.getUnsignedInt(off + 4));
            }
            sender.protectRtp(packet);
            if (bandwidth != null) {
                bandwidth.packetSent(transportSequence[0], System.nanoTime(), packet.readableBytes() + 28);
                transportSequence[0] = (transportSequence[0] + 1) & 0xFFFF;
            }
            packet.release();
        }
    }

    @Benchmark
    public void receiveAndForward() {
        if (next == ring.length) {
            next = 0;
            fromPublisher = new SrtpTransformer(profile, publisherKey, SrtpTransformer.DEFAULT_MAX_SSRCS);
        }
        byte[] wire = ring[next++];
        ByteBuf packet = PooledByteBufAllocator.DEFAULT.directBuffer(wire.length + 64);
        packet.writeBytes(wire);
        if (fromPublisher.unprotectRtp(packet) != SrtpResult.OK) {
            packet.release();
            throw new IllegalStateException("unprotect failed");
        }
        if (trackHistory != null) trackHistory.record(packet, packet.readerIndex(), packet.readableBytes());
        fanout.forward(packet);
    }
}
