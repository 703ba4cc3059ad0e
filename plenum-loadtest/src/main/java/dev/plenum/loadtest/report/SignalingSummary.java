package dev.plenum.loadtest.report;

import dev.plenum.loadtest.measure.RoomEventDelays;
import java.util.List;

/**
 * The control plane's side of a run.
 *
 * @param signalingOnly participants started without media
 * @param welcomed of those, how many the server let in
 * @param welcomeP50Millis their time from the join request to the server's {@code welcome}
 * @param events the timed chat messages and polls: sent per room, and received by every participant (media ones too)
 */
public record SignalingSummary(int signalingOnly, int welcomed, double welcomeP50Millis, double welcomeP99Millis,
                               List<RoomEventDelays.Summary> events) {}
