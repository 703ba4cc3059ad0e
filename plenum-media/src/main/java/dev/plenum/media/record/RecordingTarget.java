package dev.plenum.media.record;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where a room's recording goes: the control plane names each publisher's file and learns when it is finished.
 * Called from recorder threads.
 */
public interface RecordingTarget {
    /** A new, empty file for {@code participantId}'s camera and microphone, or its shared screen. */
    Path newFile(String participantId, boolean screen) throws IOException;

    /** The file is complete (closed, hashed); it may be empty of media if the publisher sent none. */
    void finished(RecordedFile file);

    /** The file could not be written; it has been deleted. */
    void failed(String participantId, boolean screen, Exception cause);
}
