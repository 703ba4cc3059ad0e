package dev.plenum.media.session;

import dev.plenum.media.forward.StreamRewriter;
import dev.plenum.media.forward.Subscriber;
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
 * recording takes nothing from the packet path but the copy every subscriber gets; of a simulcast camera it takes the
 * highest layer sent ({@link RecordedLayers}). Used under the room's lock.
 */
final class RoomRecording {
    private static final Logger log = LoggerFactory.getLogger(RoomRecording.class);

    /** One track's input to a recorder, as subscribed to the track's fan-out. */
    private record Leg(PublishedTrack track, Subscriber input) {}

    private record Recorded(MediaSession publisher, List<Leg> legs, PublisherRecorder recorder) {}

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
            // A simulcast camera is recorded in its highest layer, switched only at key frames.
            RecordedLayers[] layers = {null};
            try {
                PublisherRecorder recorder = new PublisherRecorder(publisher.participantId, screen,
                        target.newFile(publisher.participantId, screen), video != null, audio != null,
                        video == null ? () -> {} : () -> requestKeyframe(publisher, video, layers[0]),
                        publisher::recorderDropped, target, clock, System::nanoTime);
                List<Leg> legs = new ArrayList<>(2);
                if (video != null) {
                    if (video.simulcast()) {
                        layers[0] = new RecordedLayers(video, recorder.videoInput());
                        layers[0].chooseLayer(System.nanoTime());
                        video.fanout().subscribe(layers[0], layers[0].rewriter);
                        legs.add(new Leg(video, layers[0]));
                    } else {
                        video.fanout().subscribe(recorder.videoInput(), new StreamRewriter(1));
                        legs.add(new Leg(video, recorder.videoInput()));
                    }
                }
                if (audio != null) {
                    audio.fanout().subscribe(recorder.audioInput(), new StreamRewriter(1));
                    legs.add(new Leg(audio, recorder.audioInput()));
                }
                recorders.add(new Recorded(publisher, legs, recorder));
            } catch (IOException | RuntimeException e) {
                log.warn("{}: could not start recording", publisher.participantId, e);
                target.failed(publisher.participantId, screen, e);
            }
        }
    }

    /** Asks the publisher for a key frame of the recorded video: of the layer the recorder waits for, if simulcast. */
    private static void requestKeyframe(MediaSession publisher, PublishedTrack video, RecordedLayers layers) {
        long ssrc = layers != null ? layers.targetSsrc() : video.streams()[0].ssrc();
        if (ssrc >= 0) publisher.requestKeyframe(ssrc);
    }

    /** Once a second: each simulcast recording targets the highest layer sent now, and asks for its key frame. */
    void chooseLayers(long nowNanos) {
        for (Recorded r : recorders) {
            for (Leg leg : r.legs()) {
                if (leg.input() instanceof RecordedLayers layers && layers.chooseLayer(nowNanos)) {
                    long ssrc = layers.targetSsrc();
                    if (ssrc >= 0) r.publisher().requestKeyframe(ssrc);
                }
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
        for (Leg leg : r.legs()) leg.track().fanout().unsubscribe(leg.input());
        r.recorder().stop();
    }

    List<PublisherRecorder> recorders() {
        return recorders.stream().map(Recorded::recorder).toList();
    }
}
