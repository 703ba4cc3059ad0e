package dev.plenum.media.bwe;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.atomic.LongAdder;

/**
 * What bandwidth estimation did on a media node. As Prometheus renders them: {@code plenum_media_bwe_estimate_bits}
 * (a summary of the subscribers' estimates, sampled once a second), {@code plenum_media_bwe_probe_clusters_total}
 * (probe clusters started), {@code plenum_media_bwe_probe_results_total} (valid probe measurements: clusters whose
 * padding the subscriber acknowledged), {@code plenum_media_bwe_video_paused_total} and {@code plenum_media_bwe_video_resumed_total}
 * (video toward a subscriber paused or resumed for its estimate, {@link LowBandwidthVideoPause}).
 */
public final class BandwidthEstimationMetrics implements MeterBinder {
    private final LongAdder probeClusters = new LongAdder();
    private final LongAdder probeResults = new LongAdder();
    private final LongAdder videoPaused = new LongAdder();
    private final LongAdder videoResumed = new LongAdder();
    private volatile DistributionSummary estimates;

    public void probeClusterStarted() {
        probeClusters.increment();
    }

    /** Valid probe measurements (the subscriber acknowledged enough of a cluster), {@code n} more of them. */
    public void probeResults(long n) {
        probeResults.add(n);
    }

    public void videoPaused() {
        videoPaused.increment();
    }

    public void videoResumed() {
        videoResumed.increment();
    }

    /** One subscriber's current estimate, sampled. */
    public void estimate(long bps) {
        DistributionSummary summary = estimates;
        if (summary != null) summary.record(bps);
    }

    public long videoPausedCount() {
        return videoPaused.sum();
    }

    public long probeClustersStarted() {
        return probeClusters.sum();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        estimates = DistributionSummary.builder("plenum.media.bwe.estimate").baseUnit("bits")
                .description("Subscribers' send-side bandwidth estimates, sampled once a second").register(registry);
        FunctionCounter.builder("plenum.media.bwe.probe.clusters", probeClusters, LongAdder::sum)
                .description("Probe clusters started toward subscribers").register(registry);
        FunctionCounter.builder("plenum.media.bwe.probe.results", probeResults, LongAdder::sum)
                .description("Valid probe measurements from subscribers' feedback").register(registry);
        FunctionCounter.builder("plenum.media.bwe.video.paused", videoPaused, LongAdder::sum)
                .description("Times video toward a subscriber paused for a low estimate").register(registry);
        FunctionCounter.builder("plenum.media.bwe.video.resumed", videoResumed, LongAdder::sum)
                .description("Times video toward a subscriber resumed after its estimate recovered").register(registry);
    }
}
