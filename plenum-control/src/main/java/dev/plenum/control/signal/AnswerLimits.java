package dev.plenum.control.signal;

import dev.plenum.control.ControlConfig;
import dev.plenum.control.metrics.LimitCounters;
import dev.plenum.control.metrics.LimitCounters.Limit;
import dev.plenum.media.sdp.MediaDescription;
import dev.plenum.media.sdp.MediaKind;
import dev.plenum.media.sdp.SdpException;
import dev.plenum.media.sdp.SdpParser;
import dev.plenum.media.sdp.SessionDescription;
import dev.plenum.media.session.MediaSession;
import java.nio.charset.StandardCharsets;

/**
 * The configured limits on a browser's SDP, checked before the media plane sees it: its size, and how many tracks
 * it sends. A track is an accepted m-section whose direction sends (sendonly or sendrecv, RFC 3264 §6.1). The media
 * plane offers each participant one audio and one video slot, so a browser never sends more unless it is broken or
 * hostile; the limits make that explicit and let a deployment lower them (0 video: audio-only meetings). The screen
 * slot is not counted: the media plane offers it only to a participant allowed to share, and takes one track there.
 */
final class AnswerLimits {
    private final ControlConfig config;
    private final LimitCounters counters;

    AnswerLimits(ControlConfig config, LimitCounters counters) {
        this.config = config;
        this.counters = counters;
    }

    /** Refuses an over-long SDP or one that sends too many tracks; the exception's field is {@code sdp}. */
    void check(String sdp) throws SignalException {
        // UTF-8 takes at least a byte per char, so a long string is refused without encoding it.
        if (sdp.length() > config.maxSdpBytes() || sdp.getBytes(StandardCharsets.UTF_8).length > config.maxSdpBytes()) {
            counters.refused(Limit.SDP_SIZE);
            throw new SignalException("too-large", "sdp", "sdp is longer than the limit of " + config.maxSdpBytes()
                    + " bytes (maxSdpBytes)");
        }
        SessionDescription description;
        try {
            description = SdpParser.parse(sdp);
        } catch (SdpException e) {
            throw new SignalException("invalid-sdp", "sdp", e.getMessage());
        }
        int audio = 0;
        int video = 0;
        for (MediaDescription m : description.media()) {
            if (m.isRejected() || !m.direction().sends()) continue;
            if (m.mid().filter(MediaSession.SCREEN_MID::equals).isPresent()) continue; // the screen slot, see above
            if (m.kind() == MediaKind.AUDIO) audio++;
            else if (m.kind() == MediaKind.VIDEO) video++;
        }
        if (audio > config.maxAudioTracksPerParticipant() || video > config.maxVideoTracksPerParticipant()) {
            counters.refused(Limit.TRACKS_PER_PARTICIPANT);
            throw new SignalException("too-many-tracks", "sdp", "sdp sends " + audio + " audio and " + video
                    + " video tracks; a participant may send at most " + config.maxAudioTracksPerParticipant()
                    + " audio (maxAudioTracksPerParticipant) and " + config.maxVideoTracksPerParticipant()
                    + " video (maxVideoTracksPerParticipant)");
        }
    }
}
