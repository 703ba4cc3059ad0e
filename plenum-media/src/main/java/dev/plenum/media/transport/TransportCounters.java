package dev.plenum.media.transport;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Traffic and drop counters of the media sockets.
 *
 * <p>Updated from the socket event loop threads on every packet, so each counter is a {@link LongAdder} (no
 * contended CAS) indexed by enum ordinal (no map lookup, no boxing). Micrometer reads them lazily through
 * {@link #bindTo(MeterRegistry)}. Meter names use Micrometer's dotted convention; the Prometheus registry renders
 * {@code plenum.media.packets.received} as {@code plenum_media_packets_received_total}, and the drop counter as
 * {@code plenum_media_packets_dropped_total{reason="unknown_source"}}.
 */
public final class TransportCounters implements MeterBinder {

    private final LongAdder packetsReceived = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder packetsSent = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder[] classified = adders(PacketType.values().length);
    private final LongAdder[] dropped = adders(DropReason.values().length);
    private final AtomicInteger tcpConnections = new AtomicInteger();

    private static LongAdder[] adders(int n) {
        LongAdder[] array = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            array[i] = new LongAdder();
        }
        return array;
    }

    /** One packet of {@code bytes} arrived on a media socket (before classification). */
    public void received(int bytes) {
        packetsReceived.increment();
        bytesReceived.add(bytes);
    }

    /** One packet of {@code bytes} was handed to a socket for sending. */
    public void sent(int bytes) {
        packetsSent.increment();
        bytesSent.add(bytes);
    }

    /** A packet of this type passed classification and length checks. */
    public void classified(PacketType type) {
        classified[type.ordinal()].increment();
    }

    /** A packet (or connection) was discarded for this reason. */
    public void dropped(DropReason reason) {
        dropped[reason.ordinal()].increment();
    }

    void tcpConnectionOpened() {
        tcpConnections.incrementAndGet();
    }

    void tcpConnectionClosed() {
        tcpConnections.decrementAndGet();
    }

    public long packetsReceived() {
        return packetsReceived.sum();
    }

    public long bytesReceived() {
        return bytesReceived.sum();
    }

    public long packetsSent() {
        return packetsSent.sum();
    }

    public long bytesSent() {
        return bytesSent.sum();
    }

    public long classifiedCount(PacketType type) {
        return classified[type.ordinal()].sum();
    }

    public long droppedCount(DropReason reason) {
        return dropped[reason.ordinal()].sum();
    }

    /** Sum of drops over every reason. */
    public long droppedTotal() {
        long total = 0;
        for (LongAdder adder : dropped) {
            total += adder.sum();
        }
        return total;
    }

    /** ICE-TCP connections currently open. */
    public int tcpConnections() {
        return tcpConnections.get();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "plenum.media.packets.received", "Packets received on the media sockets", packetsReceived);
        counter(registry, "plenum.media.bytes.received", "Bytes received on the media sockets", bytesReceived);
        counter(registry, "plenum.media.packets.sent", "Packets handed to the media sockets", packetsSent);
        counter(registry, "plenum.media.bytes.sent", "Bytes handed to the media sockets", bytesSent);
        for (PacketType type : PacketType.values()) {
            if (type == PacketType.UNCLASSIFIED) {
                continue; // counted as a drop
            }
            FunctionCounter.builder("plenum.media.packets.classified", classified[type.ordinal()], LongAdder::sum)
                    .description("Packets accepted by the classifier, by type (RFC 7983)")
                    .tag("type", type.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        for (DropReason reason : DropReason.values()) {
            FunctionCounter.builder("plenum.media.packets.dropped", dropped[reason.ordinal()], LongAdder::sum)
                    .description("Packets or connections discarded by the transport layer, by reason")
                    .tag("reason", reason.label())
                    .register(registry);
        }
        Gauge.builder("plenum.media.tcp.connections", tcpConnections, AtomicInteger::get)
                .description("ICE-TCP connections open")
                .register(registry);
        // Packets live in Netty's pooled direct memory, which the JVM's own buffer pool metrics do not see.
        if (io.netty.buffer.ByteBufAllocator.DEFAULT instanceof io.netty.buffer.ByteBufAllocatorMetricProvider pooled) {
            Gauge.builder("plenum.media.netty.direct.memory.used", pooled, p -> p.metric().usedDirectMemory())
                    .description("Direct memory Netty's packet allocator holds, in bytes")
                    .baseUnit("bytes")
                    .register(registry);
        }
    }

    private static void counter(MeterRegistry registry, String name, String description, LongAdder adder) {
        FunctionCounter.builder(name, adder, LongAdder::sum).description(description).register(registry);
    }
}
