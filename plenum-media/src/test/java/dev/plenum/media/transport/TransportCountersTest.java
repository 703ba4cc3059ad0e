package dev.plenum.media.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class TransportCountersTest {

    @Test
    void countsAndExposesToMicrometer() {
        TransportCounters counters = new TransportCounters();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        counters.bindTo(registry);

        counters.received(100);
        counters.received(50);
        counters.sent(20);
        counters.classified(PacketType.RTP);
        counters.dropped(DropReason.UNKNOWN_SOURCE);
        counters.dropped(DropReason.UNKNOWN_SOURCE);
        counters.dropped(DropReason.OVERSIZE);

        assertThat(registry.get("plenum.media.packets.received").functionCounter().count()).isEqualTo(2);
        assertThat(registry.get("plenum.media.bytes.received").functionCounter().count()).isEqualTo(150);
        assertThat(registry.get("plenum.media.packets.sent").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("plenum.media.bytes.sent").functionCounter().count()).isEqualTo(20);
        assertThat(registry.get("plenum.media.packets.classified").tag("type", "rtp").functionCounter().count())
                .isEqualTo(1);
        assertThat(registry.get("plenum.media.packets.dropped").tag("reason", "unknown_source").functionCounter()
                .count()).isEqualTo(2);
        assertThat(registry.get("plenum.media.packets.dropped").tag("reason", "oversize").functionCounter().count())
                .isEqualTo(1);
        assertThat(registry.get("plenum.media.packets.dropped").functionCounters()).hasSize(DropReason.values().length);
        assertThat(counters.droppedTotal()).isEqualTo(3);
    }
}
