/**
 * Send-side bandwidth estimation toward each subscriber, in the manner of Google Congestion Control
 * (draft-ietf-rmcat-gcc-02) driven by transport-wide feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01):
 * what was sent ({@link dev.plenum.media.bwe.SentPacketLog}), the delay-based estimate (arrival groups, trendline,
 * overuse detector, AIMD), the loss-based limit, the acknowledged bitrate, probe clusters sent as RTX padding, and
 * {@link dev.plenum.media.bwe.SendSideBandwidthEstimator} that combines them. Everything is driven by explicit
 * nanosecond times, so tests run on a simulated clock; nothing allocates per packet.
 */
package dev.plenum.media.bwe;
