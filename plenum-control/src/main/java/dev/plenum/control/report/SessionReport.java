package dev.plenum.control.report;

import dev.plenum.control.attendance.AttendeeRecord;
import dev.plenum.control.attendance.SessionRecord;
import dev.plenum.control.chat.ChatMessage;
import dev.plenum.control.conference.Conference;
import dev.plenum.control.files.StoredFile;
import dev.plenum.control.poll.Poll;
import dev.plenum.control.qa.Question;
import java.time.Instant;
import java.util.List;

/**
 * What one session of a conference's room kept, as its hosts may read it: who attended, the chat sent during it
 * (to everyone and to the hosts), the questions asked during it, the polls started during it with their results, and
 * the files put into the room up to its end.
 *
 * @param until the end of the session, or the time the report was made while it is still live
 */
public record SessionReport(Conference conference, SessionRecord session, Instant until, List<AttendeeRecord> attendees,
                            List<ChatMessage> chat, List<Question> questions, List<Poll> polls, List<StoredFile> files) {
    public SessionReport {
        attendees = List.copyOf(attendees);
        chat = List.copyOf(chat);
        questions = List.copyOf(questions);
        polls = List.copyOf(polls);
        files = List.copyOf(files);
    }

    /** Whether something happened at {@code at} during this session (from its start to its end, both included). */
    static boolean during(SessionRecord session, Instant until, Instant at) {
        return at != null && !at.isBefore(session.startedAt()) && !at.isAfter(until);
    }
}
