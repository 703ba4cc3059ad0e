package dev.plenum.media.session;

import dev.plenum.media.forward.Fanout;
import dev.plenum.media.rtcp.ReceiverStatistics;
import dev.plenum.media.sdp.MediaKind;

/**
 * One track a participant publishes (its primary SSRC from the SDP answer), the fan-out of its packets, and the
 * reception statistics the SFU reports back to the publisher. The statistics are updated on the socket thread and
 * read by the report timer, so both lock them.
 */
record PublishedTrack(MediaSession publisher, MediaKind kind, long ssrc, String trackId, Fanout fanout,
                      ReceiverStatistics statistics) {
}
