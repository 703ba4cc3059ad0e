package dev.plenum.media.session;

import dev.plenum.media.forward.ExtensionIds;
import dev.plenum.media.forward.Fanout;
import dev.plenum.media.sdp.MediaKind;
import dev.plenum.media.speaker.AudioLevels;

/**
 * One track a participant publishes: its RTP streams ({@code streams}, one per simulcast layer from the lowest, or
 * just one), the header extension ids its leg negotiated (with the RtpStreamId and RepairedRtpStreamId ids that name
 * a packet's layer, RFC 8852, 0 when not negotiated), and the fan-out of its packets and sender reports.
 * An audio track also keeps its loudness ({@code levels}, null for video) for the room's active-speaker choice.
 * {@code screen} marks the shared screen, a publisher's second video (its camera is the first); {@code streamId} is the
 * msid stream id its subscribers see it under (the publisher's id, or {@link MediaSession#screenStreamId} for a
 * screen).
 */
record PublishedTrack(MediaSession publisher, MediaKind kind, boolean screen, String streamId, String trackId,
                      ExtensionIds extensions, int ridId, int repairedRidId, Fanout fanout, AudioLevels levels,
                      InboundStream[] streams) {

    /** Whether the streams are simulcast layers, told apart by RID (a subscriber then receives one at a time). */
    boolean simulcast() {
        return streams[0].rid.length > 0;
    }

    /** The stream of this SSRC, or null. */
    InboundStream stream(long ssrc) {
        for (InboundStream s : streams) if (s.ssrc() == ssrc) return s;
        return null;
    }
}
