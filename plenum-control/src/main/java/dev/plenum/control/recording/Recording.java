package dev.plenum.control.recording;

import java.time.Instant;

/**
 * One recorded file of a conference's room: a participant's camera and microphone ({@code source} {@code camera}) or
 * a shared screen ({@code screen}), as WebM. {@code storageKey} names the file in the {@link RecordingFiles}
 * directory; {@code sessionId} is the attendance session it was recorded in (0 when none was known).
 */
public record Recording(long id, long organisationId, long conferenceId, long sessionId, String participantName,
                        String source, Instant startedAt, Instant endedAt, long durationMs, long sizeBytes,
                        String sha256, String mediaType, String storageKey) {
    public static final String WEBM = "video/webm";
}
