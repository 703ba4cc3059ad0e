package dev.plenum.loadtest.report;

/**
 * What the load tester reads of the server's {@code /metrics} at one moment. NaN where the server does not expose
 * the metric.
 *
 * @param cpuSeconds the server process's CPU time ({@code process_cpu_time_ns_total}, Micrometer's ProcessorMetrics)
 * @param packetsSent packets handed to the media sockets ({@code plenum_media_packets_sent_total}): forwarded RTP
 *     plus the server's own RTCP and STUN responses
 * @param packetsReceived packets that arrived on the media sockets
 * @param heapBytes heap in use, all pools
 * @param directBytes direct memory in use: JVM direct buffers ({@code jvm_buffer_memory_used_bytes{id="direct"}})
 *     plus what Netty's packet allocator holds ({@code plenum_media_netty_direct_memory_used_bytes}), which the
 *     JVM's figure does not include
 */
public record ServerSnapshot(double cpuSeconds, double packetsSent, double packetsReceived, double heapBytes,
                             double directBytes) {

    public static ServerSnapshot of(PrometheusText metrics) {
        double cpuNanos = metrics.sum("process_cpu_time_ns_total");
        double netty = metrics.sum("plenum_media_netty_direct_memory_used_bytes"); // NaN from servers without it
        return new ServerSnapshot(cpuNanos / 1e9, metrics.sum("plenum_media_packets_sent_total"),
                metrics.sum("plenum_media_packets_received_total"), metrics.sum("jvm_memory_used_bytes", "area", "heap"),
                metrics.sum("jvm_buffer_memory_used_bytes", "id", "direct")
                        + (Double.isNaN(netty) ? 0 : netty));
    }
}
