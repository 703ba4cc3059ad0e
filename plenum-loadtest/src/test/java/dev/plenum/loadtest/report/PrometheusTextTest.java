package dev.plenum.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    private static final String BEFORE = """
            # HELP process_cpu_time_ns_total The "cpu time" used by the Java Virtual Machine process
            # TYPE process_cpu_time_ns_total counter
            process_cpu_time_ns_total 4.5E9
            plenum_media_packets_sent_total 1000.0
            plenum_media_packets_received_total 50.0
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.0E7
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 3.0E7
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 3.0E7
            jvm_buffer_memory_used_bytes{id="direct"} 8193.0
            jvm_buffer_memory_used_bytes{id="mapped"} 0.0
            """;

    @Test
    void readsCountersAndSumsLabelledGauges() {
        ServerSnapshot s = ServerSnapshot.of(PrometheusText.parse(BEFORE));
        assertThat(s.cpuSeconds()).isEqualTo(4.5);
        assertThat(s.packetsSent()).isEqualTo(1000);
        assertThat(s.heapBytes()).isEqualTo(4.0E7);
        assertThat(s.directBytes()).isEqualTo(8193);
    }

    @Test
    void cpuPerForwardedPacketIsTheCpuDeltaOverThePacketDelta() {
        ServerSnapshot before = ServerSnapshot.of(PrometheusText.parse(BEFORE));
        ServerSnapshot after = ServerSnapshot.of(PrometheusText.parse(BEFORE
                .replace("process_cpu_time_ns_total 4.5E9", "process_cpu_time_ns_total 5.5E9")
                .replace("plenum_media_packets_sent_total 1000.0", "plenum_media_packets_sent_total 201000.0")));
        ServerUsage u = ServerUsage.between(before, after, 10);
        assertThat(u.cpuSeconds()).isCloseTo(1.0, within(1e-9));
        assertThat(u.cpuMicrosPerPacketSent()).isCloseTo(5.0, within(1e-9));
        assertThat(u.packetsSentPerSecond()).isCloseTo(20_000, within(1e-9));
    }

    @Test
    void aMissingMetricIsNaNAndGarbageIsSkipped() {
        PrometheusText t = PrometheusText.parse("garbage\nfoo{a=\"b\"} notanumber\nbar 1\n");
        assertThat(t.sum("foo")).isNaN();
        assertThat(t.sum("bar")).isEqualTo(1);
    }
}
