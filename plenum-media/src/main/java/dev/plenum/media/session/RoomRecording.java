package dev.plenum.media.session;

import dev.plenum.media.forward.StreamRewriter;
import dev.plenum.media.record.PublisherRecorder;
import dev.plenum.media.record.RecordingTarget;
import dev.plenum.media.sdp.MediaKind;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room's recording while it lasts: one {@link PublisherRecorder} per publisher for its camera and microphone, and
 * one for its shared screen (a file of its own). Each recorder is one more subscriber of the tracks' fan-outs, so
 * recording takes nothing from the packet path but the copy every subscriber gets. Used under the room's lock.
 */
final class RoomRecording {
    private static final Logger log = LoggerFactory.getLogger(RoomRecording.class);

    private record Recorded(MediaSession publisher, List<PublishedTrack> tracks, PublisherRecorder recorder) {}

    private final RecordingTarget target;
    private final Clock clock;
    private final List<Recorded> recorders = new ArrayList<>();

    RoomRecording(RecordingTarget target, Clock clock) {
        this.target = target;
        this.clock = clock;
    }

    /** Starts recording what the publisher just published: its camera and microphone, and its screen, apart. */
    void record(MediaSession publisher, List<PublishedTrack> tracks) {
        for (boolean screen : new boolean[] {false, true}) {
            List<PublishedTrack> group = tracks.stream().filter(t -> t.screen() == screen).toList();
            if (group.isEmpty()) continue;
            PublishedTrack video = group.stream().filter(t -> t.kind() == MediaKind.VIDEO).findFirst().orElse(null);
            PublishedTrack audio = group.stream().filter(t -> t.kind() == MediaKind.AUDIO).findFirst().orElse(null);
            try {
                PublisherRecorder recorder = new PublisherRecorder(publisher.participantId, screen,
                        target.newFile(publisher.participantId, screen), video != null, audio != null,
                        video == null ? () -> {} : () -> publisher.requestKeyframe(video.ssrc()),
                        publisher::recorderDropped, target, clock, System::nanoTime);
                if (video != null) video.fanout().subscribe(recorder.videoInput(), new StreamRewriter((int) video.ssrc()));
                if (audio != null) audio.fanout().subscribe(recorder.audioInput(), new StreamRewriter((int) audio.ssrc()));
                recorders.add(new Recorded(publisher, group, recorder));
            } catch (IOException | RuntimeException e) {
                log.warn("{}: could not start recording", publisher.participantId, e);
                target.failed(publisher.participantId, screen, e);
            }
        }
    }

    /** Stops the publisher's recordings (only its screen's with {@code screenOnly}). */
    void stop(MediaSession publisher, boolean screenOnly) {
        for (Iterator<Recorded> it = recorders.iterator(); it.hasNext(); ) {
            Recorded r = it.next();
            if (r.publisher() != publisher || (screenOnly && !r.recorder().screen())) continue;
            stop(r);
            it.remove();
        }
    }

    /** Stops every recording; each file is finished on its recorder's thread. */
    void stopAll() {
        recorders.forEach(RoomRecording::stop);
        recorders.clear();
    }

    private static void stop(Recorded r) {
        for (PublishedTrack t : r.tracks()) {
            t.fanout().unsubscribe(t.kind() == MediaKind.VIDEO ? r.recorder().videoInput() : r.recorder().audioInput());
        }
        r.recorder().stop();
    }

    List<PublisherRecorder> recorders() {
        return recorders.stream().map(Recorded::recorder).toList();
    }
}
