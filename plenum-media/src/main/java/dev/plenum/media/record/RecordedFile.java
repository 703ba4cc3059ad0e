package dev.plenum.media.record;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A finished recording of one publisher: a WebM file with its camera and microphone, or its shared screen
 * ({@code screen}). {@code sha256} is the file's SHA-256 in lower-case hex; {@code packetsDropped} counts packets
 * the recorder's queue had no room for (the file then has a gap, never a stall of the packet path).
 */
public record RecordedFile(String participantId, boolean screen, Path path, Instant startedAt, Instant endedAt,
                           long bytes, String sha256, long durationMs, boolean video, boolean audio,
                           long packetsDropped) {
}
