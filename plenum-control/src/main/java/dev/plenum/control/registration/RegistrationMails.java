package dev.plenum.control.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plenum.control.conference.Conference;
import dev.plenum.control.conference.Conferences;
import dev.plenum.control.mail.CalendarInvite;
import dev.plenum.control.mail.FixedIdMessage;
import dev.plenum.control.mail.MailConfig;
import dev.plenum.control.outbox.Outbox;
import dev.plenum.control.outbox.OutboxWorker;
import dev.plenum.control.store.Database;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Composes the mails of registration from outbox rows, reading the registrant and conference as they are at
 * sending time (a reminder for a moved conference names the new time), in the registrant's language
 * ({@link MailTexts}):
 * <ul>
 *   <li>{@value Registrations#PENDING_MAIL}: the registration awaits an organiser's approval;
 *   <li>{@value Registrations#CONFIRMATION_MAIL}: confirmed, with the personal join link and the invitation as a
 *       {@code text/calendar; method=REQUEST} alternative (RFC 6047 §2.4) and as an {@code invite.ics} attachment;
 *   <li>{@value Registrations#REMINDER_MAIL}: the conference starts soon (dropped when its time no longer fits
 *       the conference's start: a reminder for an old time is never sent);
 *   <li>{@value Registrations#UPDATE_MAIL}: the schedule changed: the invitation again, same UID, higher SEQUENCE;
 *   <li>{@value Registrations#EVENT_CANCELLED_MAIL}: the conference was deleted: {@code method=CANCEL};
 *   <li>{@value Registrations#PENDING_EVENT_CANCELLED_MAIL}: the conference was deleted before the registration was
 *       decided: a plain notice that it will not be reviewed (there was no invitation to withdraw);
 *   <li>{@value Registrations#DENIAL_MAIL}, {@value Registrations#CANCELLED_MAIL}: denied by an organiser,
 *       cancelled by the registrant; with the invitation's cancellation when one had been sent.
 * </ul>
 * Mails of the registration's course (received, confirmed, reminder, changed) carry {@code List-Unsubscribe} with
 * the registrant's unsubscribe link and {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 8058), and
 * the signed link to cancel the registration; the closing mails (denied, cancelled, event cancelled) are the last
 * one sends, so they offer neither. All carry {@code Auto-Submitted: auto-generated} (RFC 3834). A mail no longer wanted (the status
 * moved on, the conference is gone) is composed as null, and the worker drops it.
 */
public final class RegistrationMails implements OutboxWorker.Composer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Jdbi jdbi;
    private final Registrations registrations;
    private final Conferences conferences;
    private final MailConfig mail;
    private final Session session;
    private final Supplier<String> publicUrl;
    private final Clock clock;

    /** @param publicUrl the node's address as browsers reach it (scheme, host, port; no trailing slash) */
    public RegistrationMails(Database db, Registrations registrations, Conferences conferences, MailConfig mail,
                             Supplier<String> publicUrl, Clock clock) {
        this.jdbi = db.jdbi();
        this.registrations = registrations;
        this.conferences = conferences;
        this.mail = mail;
        this.session = Session.getInstance(new Properties());
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    private record Subject(Registrant registrant, Conference conference, int sequence) {}

    @Override
    public MimeMessage compose(Outbox.Row row) throws MessagingException {
        if (row.registrantId() == null) return null;
        boolean cancelledEvent = row.kind().equals(Registrations.EVENT_CANCELLED_MAIL)
                || row.kind().equals(Registrations.PENDING_EVENT_CANCELLED_MAIL);
        Optional<Subject> found = jdbi.withHandle(h -> registrations.byId(h, row.registrantId())
                .flatMap(r -> (cancelledEvent ? conferences.deleted(h, r.conferenceId()) : conferences.byId(h, r.conferenceId()))
                        .map(c -> new Subject(r, c, Registrations.calendarSequence(h, c.id())))));
        if (found.isEmpty()) return null;
        Registrant r = found.get().registrant();
        Conference c = found.get().conference();
        if (c.schedule() == null) return null;
        MailTexts t = MailTexts.of(r.language());
        String base = publicUrl.get();
        String joinUrl = base + "/" + c.roomName() + "?registrant=" + registrations.links().joinKey(r.id());
        String unsubscribeUrl = base + "/unsubscribe/" + r.unsubscribeToken();
        String cancelUrl = base + "/cancel-registration/" + registrations.links().cancelToken(r.id());
        ZonedDateTime start = c.schedule().startsAt().atZone(c.schedule().timeZone());
        String when = t.when(start, c.schedule().durationMinutes());
        String event = c.name();

        MimeMessage m = new FixedIdMessage(session, row.messageId());
        m.setFrom(mail.fromAddress());
        m.setRecipient(MimeMessage.RecipientType.TO, recipient(r));
        m.setSentDate(Date.from(clock.instant()));
        m.setHeader("Auto-Submitted", "auto-generated");
        m.setHeader("Content-Language", t.language());
        String greeting = t.text("greeting", "name", r.name()) + "\n\n";
        String footer = "\n\n--\n" + t.text("footer.cancel", "url", cancelUrl) + "\n"
                + t.text("footer.unsubscribe", "url", unsubscribeUrl) + "\n";
        String subject;
        String text;
        String calendar = null;
        boolean ongoing = true; // the registration goes on: unsubscribe and cancel links belong
        switch (row.kind()) {
            case Registrations.PENDING_MAIL -> {
                if (!r.status().equals("pending")) return null;
                subject = t.text("pending.subject", "event", event);
                text = t.text("pending.body", "event", event, "when", when);
            }
            case Registrations.CONFIRMATION_MAIL, Registrations.UPDATE_MAIL -> {
                if (!r.status().equals("approved")) return null;
                String kind = row.kind().equals(Registrations.UPDATE_MAIL) ? "updated" : "confirmed";
                subject = t.text(kind + ".subject", "event", event);
                text = t.text(kind + ".body", "event", event, "when", when, "link", joinUrl);
                calendar = CalendarInvite.of(invitation(found.get(), start, joinUrl, t.text("calendar.join", "link", joinUrl)));
            }
            case Registrations.REMINDER_MAIL -> {
                long offset = offsetMinutes(row.payload());
                if (!r.status().equals("approved") || r.unsubscribed() || !stillDue(row, c, offset)) return null;
                String soon = t.soon(offset);
                subject = t.text("reminder.subject", "event", event, "soon", soon);
                text = t.text("reminder.body", "event", event, "soon", soon, "when", when, "link", joinUrl);
            }
            case Registrations.EVENT_CANCELLED_MAIL -> {
                if (!r.status().equals("approved")) return null;
                subject = t.text("eventCancelled.subject", "event", event);
                text = t.text("eventCancelled.body", "event", event, "when", when);
                calendar = CalendarInvite.cancel(invitation(found.get(), start, joinUrl, t.text("calendar.cancelled")));
                ongoing = false;
            }
            case Registrations.PENDING_EVENT_CANCELLED_MAIL -> {
                if (!r.status().equals("pending")) return null;
                subject = t.text("eventCancelledPending.subject", "event", event);
                text = t.text("eventCancelledPending.body", "event", event, "when", when);
                ongoing = false;
            }
            case Registrations.DENIAL_MAIL, Registrations.CANCELLED_MAIL -> {
                boolean denial = row.kind().equals(Registrations.DENIAL_MAIL);
                if (!r.status().equals(denial ? "denied" : "cancelled")) return null;
                String kind = denial ? "denied" : "cancelled";
                subject = t.text(kind + ".subject", "event", event);
                text = t.text(kind + ".body", "event", event, "when", when);
                if (hadInvitation(row.payload())) {
                    calendar = CalendarInvite.cancel(invitation(found.get(), start, joinUrl, t.text("calendar.cancelled")));
                }
                ongoing = false;
            }
            default -> {
                return null;
            }
        }
        m.setSubject(subject, "UTF-8");
        if (ongoing) {
            m.setHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">");
            m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        String body = greeting + text + (ongoing ? footer : "\n");
        if (calendar == null) {
            m.setText(body, "UTF-8");
        } else {
            m.setContent(withCalendar(body, calendar, calendar.contains("METHOD:CANCEL") ? "CANCEL" : "REQUEST"));
        }
        m.saveChanges();
        return m;
    }

    /** The registrant's event: one UID per registration for its whole life; the conference's current SEQUENCE. */
    private CalendarInvite.Event invitation(Subject s, ZonedDateTime start, String joinUrl, String description) {
        Registrant r = s.registrant();
        Conference c = s.conference();
        return new CalendarInvite.Event("conference-" + c.id() + "-registrant-" + r.id() + "@" + mail.domain(), s.sequence(),
                c.name(), start, c.schedule().durationMinutes(), joinUrl, mail.fromAddress().getAddress(),
                mail.fromAddress().getPersonal(), r.email(), r.name(), clock.instant(), description);
    }

    /**
     * multipart/mixed: a multipart/alternative of the text and the iTIP message (what calendar-aware clients show
     * as an invitation or apply as a cancellation), and the same calendar as an attachment for clients that show
     * only attachments.
     */
    private static MimeMultipart withCalendar(String text, String ics, String method) throws MessagingException {
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8");
        String type = "text/calendar; charset=UTF-8; method=" + method;
        MimeBodyPart calendar = new MimeBodyPart();
        calendar.setDataHandler(new DataHandler(source(ics, type)));
        calendar.setHeader("Content-Type", type);
        MimeMultipart alternative = new MimeMultipart("alternative", plain, calendar);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(source(ics, "application/ics; name=\"invite.ics\"")));
        attachment.setFileName("invite.ics");
        attachment.setDisposition(MimeBodyPart.ATTACHMENT);
        return new MimeMultipart(body, attachment);
    }

    private static ByteArrayDataSource source(String text, String type) {
        return new ByteArrayDataSource(text.getBytes(StandardCharsets.UTF_8), type);
    }

    private static InternetAddress recipient(Registrant r) throws MessagingException {
        try {
            return new InternetAddress(r.email(), r.name(), "UTF-8");
        } catch (java.io.UnsupportedEncodingException e) {
            throw new MessagingException("UTF-8 unsupported", e);
        }
    }

    /**
     * Whether a reminder row still belongs to the conference's schedule: due exactly its offset before the current
     * start. A reschedule rewrites reminders in its own transaction; this also catches a row claimed just before.
     */
    private static boolean stillDue(Outbox.Row row, Conference c, long offsetMinutes) {
        Instant due = c.schedule().startInstant().minus(Duration.ofMinutes(offsetMinutes));
        return Duration.between(due, row.dueAt()).abs().compareTo(Duration.ofSeconds(1)) < 0;
    }

    private static JsonNode payload(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    static long offsetMinutes(String payload) {
        return payload(payload).path("offsetMinutes").asLong();
    }

    private static boolean hadInvitation(String payload) {
        return payload(payload).path("hadInvitation").asBoolean();
    }
}
