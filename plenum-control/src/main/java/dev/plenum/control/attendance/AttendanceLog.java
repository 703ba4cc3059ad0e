package dev.plenum.control.attendance;

import dev.plenum.control.token.Role;
import java.time.Instant;

/**
 * Where the signaling service records the sessions of planned rooms and who attended them. A session lasts from the
 * first participant in to the last one out; a person is identified across reconnects and rejoins by a key (see
 * {@link PersonKey}), so their time adds up in one record.
 */
public interface AttendanceLog {
    /** No database: nothing is recorded. */
    AttendanceLog NONE = new AttendanceLog() {
        @Override public long sessionStarted(long organisationId, long conferenceId, Instant at) {
            return 0;
        }

        @Override public void arrived(long sessionId, String personKey, String name, String email, Role role, Instant at) {
        }

        @Override public void departed(long sessionId, String personKey, Instant at) {
        }

        @Override public void roleChanged(long sessionId, String personKey, Role role) {
        }

        @Override public void sessionEnded(long sessionId, Instant at) {
        }
    };

    /** A planned room became live; returns the new session's id. */
    long sessionStarted(long organisationId, long conferenceId, Instant at);

    /** Someone entered the room (a first arrival, or a rejoin that adds to their time). */
    void arrived(long sessionId, String personKey, String name, String email, Role role, Instant at);

    /** Someone left the room (for good or until they rejoin). */
    void departed(long sessionId, String personKey, Instant at);

    /** Someone was promoted or demoted; the report shows the role they last had. */
    void roleChanged(long sessionId, String personKey, Role role);

    /** The last participant left: the session is over; anyone still counted present leaves with it. */
    void sessionEnded(long sessionId, Instant at);
}
