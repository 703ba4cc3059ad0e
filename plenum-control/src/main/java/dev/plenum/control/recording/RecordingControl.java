package dev.plenum.control.recording;

import dev.plenum.control.conference.PlannedRoom;
import java.util.function.Function;

/** How the signaling service starts and stops a room's recording (on the media node of the room). */
public interface RecordingControl {
    /** No recording on this node: every start is refused. */
    RecordingControl NONE = new RecordingControl() {
        @Override public boolean start(String roomName, PlannedRoom plan, long sessionId, Function<String, String> names) {
            return false;
        }

        @Override public void stop(String roomName) {
        }
    };

    /**
     * Starts recording every publisher of the room; false when it cannot (no media here, nobody in the media room).
     * {@code names} gives a participant's display name for the recording's row.
     */
    boolean start(String roomName, PlannedRoom plan, long sessionId, Function<String, String> names);

    /** Stops it; each file is kept (its row written) once finished, shortly after. */
    void stop(String roomName);
}
