package dev.plenum.control.metrics;

import dev.plenum.control.room.RoomDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/** Participants per room, refreshed just before each scrape of {@code /metrics}. */
public final class RoomMetrics implements Runnable {
    private final RoomDirectory rooms;
    private final MultiGauge participants;

    public RoomMetrics(RoomDirectory rooms, MeterRegistry registry) {
        this.rooms = rooms;
        this.participants = MultiGauge.builder("plenum.room.participants")
                .description("participants in each room").register(registry);
    }

    @Override
    public void run() {
        participants.register(rooms.participantCounts().entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("room", e.getKey().value()), e.getValue())).toList(), true);
    }
}
