package dev.plenum.media.session;

import dev.plenum.media.forward.ExtensionIds;
import dev.plenum.media.forward.Fanout;
import dev.plenum.media.nack.NackRequester;
import dev.plenum.media.nack.PacketHistory;
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
 */
record PublishedTrack(MediaSession publisher, MediaKind kind, long ssrc, String trackId, ExtensionIds extensions,
                      Fanout fanout, ReceiverStatistics statistics, AudioLevels levels, long rtxSsrc,
                      NackRequester losses, PacketHistory history) {
}
