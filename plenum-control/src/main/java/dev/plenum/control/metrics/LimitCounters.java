package dev.plenum.control.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts what each configured limit refused, as {@code plenum_limit_refusals_total{limit="..."}} at {@code /metrics}.
 * Every limit is registered at start, so a zero is visible before the first refusal.
 */
public final class LimitCounters {
    /** The limits, named as in the metric's {@code limit} tag. */
    public enum Limit {
        PARTICIPANTS_PER_ROOM("participants-per-room"),
        TRACKS_PER_PARTICIPANT("tracks-per-participant"),
        SIGNALING_MESSAGE_SIZE("signaling-message-size"),
        SIGNALING_MESSAGE_RATE("signaling-message-rate"),
        SDP_SIZE("sdp-size");

        private final String tag;

        Limit(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    private final Map<Limit, Counter> counters = new EnumMap<>(Limit.class);

    public LimitCounters(MeterRegistry registry) {
        for (Limit limit : Limit.values()) {
            counters.put(limit, Counter.builder("plenum.limit.refusals").tag("limit", limit.tag())
                    .description("requests refused because they exceeded a configured limit").register(registry));
        }
    }

    public void refused(Limit limit) {
        counters.get(limit).increment();
    }

    public long count(Limit limit) {
        return (long) counters.get(limit).count();
    }
}
