package dev.plenum.control.recording;

import dev.plenum.control.conference.PlannedRoom;
import dev.plenum.media.record.RecordedFile;
import dev.plenum.media.record.RecordingTarget;
import dev.plenum.media.session.MediaNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recording on the media node of this process (the control plane calls the media plane in-process, as for joins):
 * each publisher's file goes to {@link RecordingFiles} under a fresh storage key, and once the recorder has closed and
 * hashed it, its row goes to {@link Recordings}. A file without any media (a publisher that sent nothing) is deleted,
 * not listed; a file whose row cannot be written is deleted too, so no file is kept that nobody can find.
 */
public final class MediaRecordingControl implements RecordingControl {
    private static final Logger log = LoggerFactory.getLogger(MediaRecordingControl.class);
    private final MediaNode media;
    private final Recordings rows;
    private final RecordingFiles files;
    private final Consumer<Recording> kept;

    /** @param kept told of every row written (tests wait on it); {@code r -> {}} otherwise */
    public MediaRecordingControl(MediaNode media, Recordings rows, RecordingFiles files, Consumer<Recording> kept) {
        this.media = media;
        this.rows = rows;
        this.files = files;
        this.kept = kept;
    }

    @Override
    public boolean start(String roomName, PlannedRoom plan, long sessionId, Function<String, String> names) {
        return media.startRecording(roomName, new Target(plan, sessionId, names));
    }

    @Override
    public void stop(String roomName) {
        media.stopRecording(roomName);
    }

    /** One room's recording: names each file and keeps its row. Called on media and recorder threads. */
    private final class Target implements RecordingTarget {
        private final PlannedRoom plan;
        private final long sessionId;
        private final Function<String, String> names;
        private final Map<Path, String> participantNames = new ConcurrentHashMap<>();

        Target(PlannedRoom plan, long sessionId, Function<String, String> names) {
            this.plan = plan;
            this.sessionId = sessionId;
            this.names = names;
        }

        @Override
        public Path newFile(String participantId, boolean screen) {
            Path file = files.path(files.newKey());
            participantNames.put(file, names.apply(participantId)); // now, while the participant is surely here
            return file;
        }

        @Override
        public void finished(RecordedFile file) {
            String name = participantNames.remove(file.path());
            String key = files.key(file.path());
            if (file.durationMs() == 0) {
                delete(key);
                return;
            }
            Recording r = new Recording(0, plan.organisationId(), plan.conferenceId(), sessionId,
                    name == null ? "" : name, file.screen() ? "screen" : "camera", file.startedAt(), file.endedAt(),
                    file.durationMs(), file.bytes(), file.sha256(), Recording.WEBM, key);
            try {
                long id = rows.add(r);
                kept.accept(new Recording(id, r.organisationId(), r.conferenceId(), r.sessionId(), r.participantName(),
                        r.source(), r.startedAt(), r.endedAt(), r.durationMs(), r.sizeBytes(), r.sha256(), r.mediaType(),
                        r.storageKey()));
            } catch (RuntimeException e) {
                log.warn("could not keep the recording {} of conference {}", key, plan.conferenceId(), e);
                delete(key);
            }
        }

        @Override
        public void failed(String participantId, boolean screen, Exception cause) {
            log.warn("a recording of {} in conference {} failed: {}", participantId, plan.conferenceId(), cause.toString());
        }

        private void delete(String key) {
            try {
                files.delete(key);
            } catch (IOException e) {
                log.warn("could not delete {}", key, e);
            }
        }
    }
}
