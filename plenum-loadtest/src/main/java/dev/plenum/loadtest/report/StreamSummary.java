package dev.plenum.loadtest.report;

import dev.plenum.loadtest.measure.DelayHistogram;
import dev.plenum.loadtest.measure.TrackStats;
import java.util.List;

/**
 * Received tracks of one kind (or all) summed over every subscriber: rates per track, loss over all, jitter mean
 * and max, and the delay percentiles of every decrypted packet together.
 *
 * @param kind {@code audio}, {@code video} or {@code all}
 * @param packetsPerSecondPerTrack mean over tracks of packets / active seconds
 * @param kbpsPerTrack mean over tracks of SRTP bytes × 8 / active seconds / 1000
 * @param lossPercent lost / expected over all tracks, from sequence numbers
 * @param delayP50Millis send-to-receive delay, median (publisher send → subscriber receive, same host clock)
 */
public record StreamSummary(String kind, int tracks, long packets, long expected, long lost, long duplicates,
                            long reordered, double packetsPerSecondPerTrack, double kbpsPerTrack, double lossPercent,
                            double jitterMeanMillis, double jitterMaxMillis, long decrypted, long decryptFailures,
                            double delayP50Millis, double delayP99Millis, double delayMaxMillis) {

    public static StreamSummary of(String kind, List<TrackStats> tracks) {
        long packets = 0, expected = 0, lost = 0, dups = 0, reordered = 0, decrypted = 0, failures = 0;
        double pps = 0, kbps = 0, jitterSum = 0, jitterMax = 0;
        DelayHistogram delay = new DelayHistogram();
        for (TrackStats t : tracks) {
            packets += t.packets();
            expected += t.loss().expected();
            lost += t.loss().lost();
            dups += t.loss().duplicates();
            reordered += t.loss().reordered();
            decrypted += t.decrypted();
            failures += t.decryptFailures();
            double seconds = t.activeSeconds();
            if (seconds > 0) {
                pps += (t.packets() - 1) / seconds;
                kbps += t.bytes() * 8 / seconds / 1000;
            }
            double j = t.jitter().jitterMillis();
            jitterSum += j;
            jitterMax = Math.max(jitterMax, j);
            delay.merge(t.delayMicros());
        }
        int n = tracks.size();
        return new StreamSummary(kind, n, packets, expected, lost, dups, reordered, n == 0 ? 0 : pps / n,
                n == 0 ? 0 : kbps / n, expected == 0 ? 0 : 100.0 * lost / expected, n == 0 ? 0 : jitterSum / n,
                jitterMax, decrypted, failures, delay.percentile(0.5) / 1000.0, delay.percentile(0.99) / 1000.0,
                delay.max() / 1000.0);
    }
}
