package dev.plenum.media.session;

import dev.plenum.media.forward.Fanout;
import dev.plenum.media.sdp.MediaKind;

/** One track a participant publishes (its primary SSRC from the SDP answer) and the fan-out of its packets. */
record PublishedTrack(MediaSession publisher, MediaKind kind, long ssrc, String trackId, Fanout fanout) {
}
