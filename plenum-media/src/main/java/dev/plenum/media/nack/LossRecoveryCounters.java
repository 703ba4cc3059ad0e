package dev.plenum.media.nack;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.atomic.LongAdder;

/**
 * What loss recovery did on a media node, one {@link LongAdder} per counter (updated from several receive threads).
 * As Prometheus renders them: {@code plenum_media_nack_received_total} (sequence numbers subscribers requested),
 * {@code plenum_media_retransmissions_total{format="rtx"|"original"}} (packets resent to subscribers),
 * {@code plenum_media_nack_unanswered_total{reason="not_held"|"resent_recently"}}, {@code plenum_media_nack_sent_total}
 * (sequence numbers requested from publishers) and {@code plenum_media_rtx_repaired_total} (publishers' RTX packets
 * unwrapped and forwarded).
 */
public final class LossRecoveryCounters implements MeterBinder {
    private final LongAdder nackReceived = new LongAdder();
    private final LongAdder resentRtx = new LongAdder();
    private final LongAdder resentOriginal = new LongAdder();
    private final LongAdder notHeld = new LongAdder();
    private final LongAdder resentRecently = new LongAdder();
    private final LongAdder nackSent = new LongAdder();
    private final LongAdder repaired = new LongAdder();

    public void nackReceived() {
        nackReceived.increment();
    }

    public void resent(boolean rtx) {
        (rtx ? resentRtx : resentOriginal).increment();
    }

    /** A NACK that was not answered: {@link PacketHistory#NOT_HELD} or {@link PacketHistory#RESENT_RECENTLY}. */
    public void unanswered(int reason) {
        (reason == PacketHistory.RESENT_RECENTLY ? resentRecently : notHeld).increment();
    }

    public void nackSent(int sequenceNumbers) {
        nackSent.add(sequenceNumbers);
    }

    public void repaired() {
        repaired.increment();
    }

    public long retransmissions() {
        return resentRtx.sum() + resentOriginal.sum();
    }

    public long notHeld() {
        return notHeld.sum();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "plenum.media.nack.received", "Sequence numbers subscribers requested by NACK", nackReceived);
        FunctionCounter.builder("plenum.media.retransmissions", resentRtx, LongAdder::sum).tag("format", "rtx")
                .description("Packets resent to subscribers").register(registry);
        FunctionCounter.builder("plenum.media.retransmissions", resentOriginal, LongAdder::sum)
                .tag("format", "original")
                .description("Packets resent to subscribers").register(registry);
        FunctionCounter.builder("plenum.media.nack.unanswered", notHeld, LongAdder::sum).tag("reason", "not_held")
                .description("NACKed sequence numbers not resent").register(registry);
        FunctionCounter.builder("plenum.media.nack.unanswered", resentRecently, LongAdder::sum)
                .tag("reason", "resent_recently").description("NACKed sequence numbers not resent").register(registry);
        counter(registry, "plenum.media.nack.sent", "Sequence numbers requested from publishers by NACK", nackSent);
        counter(registry, "plenum.media.rtx.repaired", "Publishers' retransmissions unwrapped and forwarded", repaired);
    }

    private static void counter(MeterRegistry registry, String name, String description, LongAdder adder) {
        FunctionCounter.builder(name, adder, LongAdder::sum).description(description).register(registry);
    }
}
