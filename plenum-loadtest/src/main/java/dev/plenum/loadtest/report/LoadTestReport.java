package dev.plenum.loadtest.report;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one run, written as the JSON file and the table.
 *
 * @param publishersSentPackets RTP packets all publishers sent
 * @param joinP50Millis time from the join request to SRTP keyed (HTTP join, signaling, offer/answer, ICE, DTLS)
 * @param failures participants that failed, counted by reason
 * @param server the server's CPU and memory from /metrics, or null when /metrics could not be read
 */
public record LoadTestReport(String server, int publishers, int subscribers, int rooms, double seconds,
                             int participants, int connected, Map<String, Integer> failures,
                             long publishersSentPackets, long publishersSentBytes, long keyframesSent,
                             long keyframeRequests, double joinP50Millis, double joinP99Millis,
                             double samplePercent, StreamSummary audio, StreamSummary video, StreamSummary all,
                             ServerUsage serverUsage, List<TrackReport> tracks) {

    /** One received track at one subscriber. */
    public record TrackReport(String room, String subscriber, String kind, long ssrc, long packets, long lost,
                              double lossPercent, double jitterMillis, long decrypted, double delayP50Millis,
                              double delayP99Millis) {}
}
