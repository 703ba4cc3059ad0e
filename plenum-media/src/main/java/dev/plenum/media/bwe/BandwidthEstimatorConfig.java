package dev.plenum.media.bwe;

/**
 * Bounds of one subscriber's send-side estimate.
 *
 * @param startBps the estimate before any feedback (Chrome starts at 300 kbit/s too)
 * @param minBps the floor: enough for audio, never less whatever loss or delay says
 * @param maxBps the ceiling, also of probes
 * @param probing whether probe clusters are sent (off only to measure what probing is worth)
 */
public record BandwidthEstimatorConfig(long startBps, long minBps, long maxBps, boolean probing) {
    public static final BandwidthEstimatorConfig DEFAULTS = new BandwidthEstimatorConfig(300_000, 30_000, 6_000_000, true);

    public BandwidthEstimatorConfig {
        if (minBps <= 0 || startBps < minBps || maxBps < startBps) {
            throw new IllegalArgumentException("need 0 < min <= start <= max: " + minBps + ", " + startBps + ", " + maxBps);
        }
    }

    public BandwidthEstimatorConfig withProbing(boolean on) {
        return new BandwidthEstimatorConfig(startBps, minBps, maxBps, on);
    }
}
