package dev.plenum.media.session;

import dev.plenum.media.forward.ExtensionIds;
import dev.plenum.media.forward.Fanout;
import dev.plenum.media.nack.NackRequester;
import dev.plenum.media.nack.PacketHistory;
import dev.plenum.media.rtcp.KeyframeRequestThrottle;
import dev.plenum.media.rtcp.ReceiverStatistics;
import dev.plenum.media.sdp.MediaKind;
import dev.plenum.media.speaker.AudioLevels;

/**
 * One track a participant publishes (its primary SSRC from the SDP answer), the header extension ids its leg
 * negotiated, the fan-out of its packets and sender reports, and the reception statistics the SFU reports back to
 * the publisher. The statistics are updated on the socket thread and read by the report timer, so both lock them.
 * An audio track also keeps its loudness ({@code levels}, null for video) for the room's active-speaker choice.
 * A video track keeps its losses ({@code losses}, null for audio), requested from the publisher by NACK, the SSRC
 * of the RTX stream (RFC 4588) that repairs them ({@code rtxSsrc}, -1 when the publisher announced none), and the
 * packets it recently forwarded ({@code history}, null for audio), from which every subscriber's NACKs are answered.
 * {@code screen} marks the shared screen, a publisher's second video (its camera is the first); {@code streamId} is the
 * msid stream id its subscribers see it under (the publisher's id, or {@link MediaSession#screenStreamId} for a
 * screen). Each video track limits its own keyframe requests ({@code keyframes}), so a request for the camera never
 * holds back one for the screen.
 */
record PublishedTrack(MediaSession publisher, MediaKind kind, boolean screen, long ssrc, String streamId,
                      String trackId, ExtensionIds extensions, Fanout fanout, ReceiverStatistics statistics,
                      AudioLevels levels, long rtxSsrc, NackRequester losses, PacketHistory history,
                      KeyframeRequestThrottle keyframes) {
}
