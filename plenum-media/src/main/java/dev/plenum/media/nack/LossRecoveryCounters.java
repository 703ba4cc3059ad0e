package dev.plenum.media.nack;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.atomic.LongAdder;

/**
 * What loss recovery did on a media node, one {@link LongAdder} per counter (updated from several receive threads).
 * As Prometheus renders them: {@code plenum_media_nack_received_total} (sequence numbers subscribers requested),
 * {@code plenum_media_retransmissions_total} (RTX packets resent to subscribers),
 * {@code plenum_media_nack_unanswered_total{reason="not_held"|"resent_recently"|"no_rtx"}},
 * {@code plenum_media_nack_sent_total} (sequence numbers requested from publishers) and
 * {@code plenum_media_rtx_repaired_total} (publishers' RTX packets unwrapped and forwarded).
 */
public final class LossRecoveryCounters implements MeterBinder {
    /** Why a NACKed sequence number was not resent. */
    public enum Unanswered { NOT_HELD, RESENT_RECENTLY, NO_RTX }

    private final LongAdder nackReceived = new LongAdder();
    private final LongAdder resent = new LongAdder();
    private final LongAdder[] unanswered = {new LongAdder(), new LongAdder(), new LongAdder()};
    private final LongAdder nackSent = new LongAdder();
    private final LongAdder repaired = new LongAdder();

    public void nackReceived() {
        nackReceived.increment();
    }

    public void resent() {
        resent.increment();
    }

    public void unanswered(Unanswered reason) {
        unanswered[reason.ordinal()].increment();
    }

    public void nackSent(int sequenceNumbers) {
        nackSent.add(sequenceNumbers);
    }

    public void repaired() {
        repaired.increment();
    }

    public long retransmissions() {
        return resent.sum();
    }

    public long unansweredCount(Unanswered reason) {
        return unanswered[reason.ordinal()].sum();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "plenum.media.nack.received", "Sequence numbers subscribers requested by NACK", nackReceived);
        counter(registry, "plenum.media.retransmissions", "RTX packets resent to subscribers", resent);
        for (Unanswered reason : Unanswered.values()) {
            FunctionCounter.builder("plenum.media.nack.unanswered", unanswered[reason.ordinal()], LongAdder::sum)
                    .tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT))
                    .description("NACKed sequence numbers not resent").register(registry);
        }
        counter(registry, "plenum.media.nack.sent", "Sequence numbers requested from publishers by NACK", nackSent);
        counter(registry, "plenum.media.rtx.repaired", "Publishers' retransmissions unwrapped and forwarded", repaired);
    }

    private static void counter(MeterRegistry registry, String name, String description, LongAdder adder) {
        FunctionCounter.builder(name, adder, LongAdder::sum).description(description).register(registry);
    }
}
