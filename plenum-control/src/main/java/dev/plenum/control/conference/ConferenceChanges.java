package dev.plenum.control.conference;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Told, inside the transaction that changes a conference, that it changed or was deleted, so that what depends on
 * it (reminders scheduled from its start) changes in the same commit.
 */
public interface ConferenceChanges {
    ConferenceChanges NONE = new ConferenceChanges() {
        @Override
        public void updated(Handle h, Conference before, Conference after, Instant now) {}

        @Override
        public void deleted(Handle h, long conferenceId, Instant now) {}
    };

    void updated(Handle h, Conference before, Conference after, Instant now);

    void deleted(Handle h, long conferenceId, Instant now);
}
