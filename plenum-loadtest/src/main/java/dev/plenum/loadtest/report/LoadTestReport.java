package dev.plenum.loadtest.report;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one run, written as the JSON file and the table.
 *
 * @param measuredFromSeconds delays and server CPU count from this many seconds into the run: once everyone
 *     connected, plus the warm-up; -1 when that steady state never came. Loss, jitter and rates cover the whole run
 * @param publishersSentPackets RTP packets all publishers sent
 * @param joinP50Millis time from the join request to SRTP keyed (HTTP join, signaling, offer/answer, ICE, DTLS)
 * @param offerP50Millis time from the join request to the server's first offer
 * @param iceP50Millis time from the join request to the first answered connectivity check; the rest of the
 *     join time up to SRTP keyed is the DTLS handshake
 * @param failures participants that failed, counted by reason
 * @param testerCpuMicrosPerReceivedPacket the load tester's own CPU (its whole process, sending included) per
 *     packet its subscribers received over the steady state; it should stay below the server's figure
 * @param serverUsage the server's CPU and memory over the steady state from /metrics, or null (no /metrics, or no
 *     steady state)
 * @param signaling signaling-only participants and the delivery times of the timed room events
 * @param receivedVideoSizes received video tracks by the picture size of the last key frame each got
 *     ({@code 1280x720}; {@code none} before any), which shows the simulcast layer the SFU chose
 */
public record LoadTestReport(String server, int publishers, int subscribers, int rooms, double seconds,
                             double measuredFromSeconds,
                             int participants, int connected, Map<String, Integer> failures,
                             long publishersSentPackets, long publishersSentBytes, long keyframesSent,
                             long keyframeRequests, double joinP50Millis, double joinP99Millis,
                             double offerP50Millis, double iceP50Millis,
                             double samplePercent, StreamSummary audio, StreamSummary video, StreamSummary all,
                             ServerUsage serverUsage, double testerCpuMicrosPerReceivedPacket,
                             SignalingSummary signaling, LossRecovery lossRecovery, List<TrackReport> tracks,
                             Map<String, Integer> receivedVideoSizes) {

    public LoadTestReport(String server, int publishers, int subscribers, int rooms, double seconds,
            double measuredFromSeconds, int participants, int connected, Map<String, Integer> failures,
            long publishersSentPackets, long publishersSentBytes, long keyframesSent, long keyframeRequests,
            double joinP50Millis, double joinP99Millis, double offerP50Millis, double iceP50Millis, double samplePercent,
            StreamSummary audio, StreamSummary video, StreamSummary all, ServerUsage serverUsage,
            double testerCpuMicrosPerReceivedPacket, SignalingSummary signaling, LossRecovery lossRecovery,
            List<TrackReport> tracks) {
        this(server, publishers, subscribers, rooms, seconds, measuredFromSeconds, participants, connected, failures,
                publishersSentPackets, publishersSentBytes, keyframesSent, keyframeRequests, joinP50Millis, joinP99Millis,
                offerP50Millis, iceP50Millis, samplePercent, audio, video, all, serverUsage,
                testerCpuMicrosPerReceivedPacket, signaling, lossRecovery, tracks, Map.of());
    }

    /**
     * What the media participants' loss recovery did: packets dropped on purpose ({@code --loss}), sequence numbers
     * requested by NACK (repeats included), RTX packets received, and lost packets repaired by them; and on the
     * uplink, RTX packets the publishers sent in answer to the SFU's NACKs.
     */
    public record LossRecovery(long dropped, long nackedSequences, long rtxReceived, long repaired,
                               long publisherRetransmissions) {
        public LossRecovery(long dropped, long nackedSequences, long rtxReceived, long repaired) {
            this(dropped, nackedSequences, rtxReceived, repaired, 0);
        }
    }

    /**
     * One received track at one subscriber; for video the picture size of the last key frame received (0×0 before
     * any), which is the simulcast layer the SFU sends it.
     */
    public record TrackReport(String room, String subscriber, String kind, long ssrc, long packets, long lost,
                              double lossPercent, double jitterMillis, long decrypted, double delayP50Millis,
                              double delayP99Millis, double kbps, int width, int height) {}
}
