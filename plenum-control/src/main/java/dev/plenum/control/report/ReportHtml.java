package dev.plenum.control.report;

import dev.plenum.control.attendance.AttendeeRecord;
import dev.plenum.control.chat.ChatAudience;
import dev.plenum.control.chat.ChatMessage;
import dev.plenum.control.files.StoredFile;
import dev.plenum.control.poll.Poll;
import dev.plenum.control.qa.Question;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A session's report as one self-contained HTML file a host downloads, keeps and prints: plain tables with header
 * cells, styles inline, nothing loaded from anywhere. Every text people wrote (names, chat, questions, answers, polls,
 * file names) is escaped, so it reads literally and can run nothing. Times are in the conference's time zone (UTC for
 * a room without a schedule), and the file says which.
 */
final class ReportHtml {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; color: #111; margin: 2rem; line-height: 1.4; }
            h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; } h3 { font-size: 1.05rem; }
            table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
            table.results { width: auto; min-width: 50%; }
            caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
            th, td { border: 1px solid #999; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
            th { background: #eee; }
            td.text { white-space: pre-wrap; overflow-wrap: anywhere; }
            td.number { text-align: right; }
            dl { display: grid; grid-template-columns: max-content auto; gap: 0.2rem 1rem; }
            dt { font-weight: 600; } dd { margin: 0; }
            @media print { body { margin: 0; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
            """;

    private final StringBuilder out = new StringBuilder(16_384);
    private final ZoneId zone;

    private ReportHtml(ZoneId zone) {
        this.zone = zone;
    }

    static String render(SessionReport r) {
        var schedule = r.conference().schedule();
        ReportHtml html = new ReportHtml(schedule == null ? ZoneOffset.UTC : schedule.timeZone());
        html.document(r);
        return html.out.toString();
    }

    private void document(SessionReport r) {
        String title = "Session report: " + r.conference().name();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n<title>");
        text(title);
        out.append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n<main>\n<h1>");
        text(title);
        out.append("</h1>\n<dl>\n");
        item("Room", r.conference().roomName());
        item("Session", Long.toString(r.session().id()));
        item("Started", time(r.session().startedAt()));
        item("Ended", r.session().endedAt() == null ? "still live (report made " + time(r.until()) + ")" : time(r.session().endedAt()));
        item("Length", duration(Duration.between(r.session().startedAt(), r.until())));
        item("Attendees", Integer.toString(r.attendees().size()));
        item("Times", "in " + (zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId()));
        out.append("</dl>\n");
        attendees(r.attendees());
        chat(r.chat());
        questions(r.questions());
        polls(r.polls());
        files(r.files());
        out.append("</main>\n</body>\n</html>\n");
    }

    private void attendees(List<AttendeeRecord> attendees) {
        section("Attendees", attendees.isEmpty(), "Nobody attended.");
        if (attendees.isEmpty()) return;
        tableHead("Who attended, in the order they first came", "Name", "E-mail", "Role", "Joined", "Left", "Time present");
        for (AttendeeRecord a : attendees) {
            out.append("<tr>");
            cell(a.name());
            cell(a.email() == null ? "" : a.email());
            cell(a.role());
            cell(time(a.joinedAt()));
            cell(a.leftAt() == null ? "still here" : time(a.leftAt()));
            number(duration(Duration.ofMillis(a.totalMillis())));
            out.append("</tr>\n");
        }
        tableEnd();
    }

    private void chat(List<ChatMessage> chat) {
        section("Chat", chat.isEmpty(), "Nobody wrote in the chat.");
        if (chat.isEmpty()) return;
        tableHead("Chat messages to everyone and to the hosts", "Sent", "From", "To", "Message");
        for (ChatMessage m : chat) {
            out.append("<tr>");
            cell(time(m.sentAt()));
            cell(m.senderName());
            cell(m.to() instanceof ChatAudience.Hosts ? "hosts" : "everyone");
            textCell(m.text());
            out.append("</tr>\n");
        }
        tableEnd();
    }

    private void questions(List<Question> questions) {
        section("Questions and answers", questions.isEmpty(), "Nobody asked a question.");
        if (questions.isEmpty()) return;
        tableHead("Questions asked during the session", "Asked", "Asked by", "Question", "Upvotes", "Status", "Answer");
        for (Question q : questions) {
            out.append("<tr>");
            cell(time(q.askedAt()));
            cell(q.anonymous() ? "anonymous" : q.askerName());
            textCell(q.text());
            number(Integer.toString(q.upvoters().size()));
            cell(q.status().name().toLowerCase(Locale.ROOT));
            Question.Answer a = q.answer();
            textCell(a == null ? "" : a.text() + "\n(" + a.hostName() + (a.privately() ? ", privately to the asker)" : ")"));
            out.append("</tr>\n");
        }
        tableEnd();
    }

    private void polls(List<Poll> polls) {
        section("Polls", polls.isEmpty(), "No poll was started.");
        for (Poll p : polls) {
            out.append("<h3>");
            text(p.question());
            out.append("</h3>\n<p>");
            text((p.openedAt() == null ? "" : "Started " + time(p.openedAt()) + "; ")
                    + (p.status() == Poll.Status.OPEN ? "still open" : "closed") + "; "
                    + p.votes().size() + (p.votes().size() == 1 ? " voter" : " voters")
                    + (p.multiple() ? "; several choices allowed" : "") + (p.anonymous() ? "; anonymous" : "") + ".");
            out.append("</p>\n");
            tableHeadOfClass("results", "Results of the poll", "Option", "Votes");
            int[] counts = p.counts();
            for (int i = 0; i < counts.length; i++) {
                out.append("<tr>");
                textCell(p.options().get(i));
                number(Integer.toString(counts[i]));
                out.append("</tr>\n");
            }
            tableEnd();
        }
    }

    private void files(List<StoredFile> files) {
        section("Files", files.isEmpty(), "No file was uploaded.");
        if (files.isEmpty()) return;
        tableHead("Files uploaded to the room", "Name", "Type", "Size", "Uploaded", "Offered for download");
        for (StoredFile f : files) {
            out.append("<tr>");
            textCell(f.name());
            cell(f.kind().wireName());
            number(size(f.size()));
            cell(time(f.uploadedAt()));
            cell(f.shared() ? "yes" : "no");
            out.append("</tr>\n");
        }
        tableEnd();
    }

    private void section(String heading, boolean empty, String whenEmpty) {
        out.append("<h2>");
        text(heading);
        out.append("</h2>\n");
        if (empty) {
            out.append("<p>");
            text(whenEmpty);
            out.append("</p>\n");
        }
    }

    private void item(String term, String value) {
        out.append("<dt>");
        text(term);
        out.append("</dt><dd>");
        text(value);
        out.append("</dd>\n");
    }

    private void tableHead(String caption, String... headers) {
        tableHeadOfClass(null, caption, headers);
    }

    private void tableHeadOfClass(String className, String caption, String... headers) {
        out.append(className == null ? "<table>" : "<table class=\"" + className + "\">").append("\n<caption>");
        text(caption);
        out.append("</caption>\n<thead><tr>");
        for (String h : headers) {
            out.append("<th scope=\"col\">");
            text(h);
            out.append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
    }

    private void tableEnd() {
        out.append("</tbody>\n</table>\n");
    }

    private void cell(String value) {
        cell(null, value);
    }

    /** A table cell of user-written text: kept as written, lines and spaces included. */
    private void textCell(String value) {
        cell("text", value);
    }

    private void number(String value) {
        cell("number", value);
    }

    private void cell(String className, String value) {
        out.append(className == null ? "<td>" : "<td class=\"" + className + "\">");
        text(value);
        out.append("</td>");
    }

    /** Text as HTML character data or attribute value: the five characters that could end or start markup, escaped. */
    private void text(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
    }

    private String time(Instant at) {
        return TIME.format(at.atZone(zone));
    }

    private static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }

    private static String size(long bytes) {
        if (bytes < 1024) return bytes + " B";
        if (bytes < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
