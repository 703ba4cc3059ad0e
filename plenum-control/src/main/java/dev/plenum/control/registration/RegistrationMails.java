package dev.plenum.control.registration;

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
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Composes the mails of registration from outbox rows, reading the registrant and conference as they are at
 * sending time (a reminder for a moved conference names the new time):
 * <ul>
 *   <li>{@value Registrations#PENDING_MAIL}: the registration awaits an organiser's approval;
 *   <li>{@value Registrations#CONFIRMATION_MAIL}: confirmed, with the personal join link and the invitation as a
 *       {@code text/calendar; method=REQUEST} alternative (RFC 6047 §2.4) and as an {@code invite.ics} attachment;
 *   <li>{@value Registrations#REMINDER_MAIL}: the conference starts soon.
 * </ul>
 * Every mail carries {@code List-Unsubscribe} with the registrant's unsubscribe link and
 * {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 8058), and {@code Auto-Submitted: auto-generated}
 * (RFC 3834). A mail no longer wanted (registrant denied or unsubscribed from reminders, conference deleted) is
 * composed as null, and the worker drops it.
 */
public final class RegistrationMails implements OutboxWorker.Composer {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu, HH:mm", Locale.ENGLISH);
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

    @Override
    public MimeMessage compose(Outbox.Row row) throws MessagingException {
        if (row.registrantId() == null) return null;
        var found = jdbi.withHandle(h -> registrations.byId(h, row.registrantId())
                .flatMap(r -> conferences.byId(h, r.conferenceId()).map(c -> new Object[] {r, c})));
        if (found.isEmpty()) return null;
        Registrant r = (Registrant) found.get()[0];
        Conference c = (Conference) found.get()[1];
        if (c.schedule() == null) return null;
        String base = publicUrl.get();
        String joinUrl = base + "/" + c.roomName() + "?registrant=" + r.joinKey();
        String unsubscribeUrl = base + "/unsubscribe/" + r.unsubscribeToken();
        ZonedDateTime start = c.schedule().startsAt().atZone(c.schedule().timeZone());
        String when = WHEN.format(start) + " (" + c.schedule().timeZone().getId() + ", " + c.schedule().durationMinutes() + " minutes)";

        MimeMessage m = new FixedIdMessage(session, row.messageId());
        m.setFrom(mail.fromAddress());
        m.setRecipient(MimeMessage.RecipientType.TO, recipient(r));
        m.setSentDate(Date.from(clock.instant()));
        m.setHeader("Auto-Submitted", "auto-generated");
        m.setHeader("List-Unsubscribe", "<" + unsubscribeUrl + ">");
        m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        String footer = "\n\n--\nTo receive no more reminders for this event: " + unsubscribeUrl + "\n";
        switch (row.kind()) {
            case Registrations.PENDING_MAIL -> {
                if (!r.status().equals("pending")) return null;
                m.setSubject("Registration received: " + c.name(), "UTF-8");
                m.setText("Hello " + r.name() + ",\n\nyour registration for \"" + c.name() + "\" on " + when
                        + " has been received and awaits the organiser's approval. You will get another mail with your "
                        + "personal join link once it is approved." + footer, "UTF-8");
            }
            case Registrations.CONFIRMATION_MAIL -> {
                if (!r.status().equals("approved")) return null;
                m.setSubject("Registration confirmed: " + c.name(), "UTF-8");
                String text = "Hello " + r.name() + ",\n\nyou are registered for \"" + c.name() + "\" on " + when
                        + ".\n\nYour personal join link (do not share it):\n" + joinUrl
                        + "\n\nThe attached invitation adds the event to your calendar." + footer;
                String ics = CalendarInvite.of(new CalendarInvite.Event(
                        "conference-" + c.id() + "-registrant-" + r.id() + "@" + mail.domain(), 0, c.name(), start,
                        c.schedule().durationMinutes(), joinUrl, mail.fromAddress().getAddress(), mail.fromAddress().getPersonal(),
                        r.email(), r.name(), clock.instant()));
                m.setContent(withInvitation(text, ics));
            }
            case Registrations.REMINDER_MAIL -> {
                if (!r.status().equals("approved") || r.unsubscribed()) return null;
                m.setSubject("Reminder: " + c.name() + " starts " + inWords(row.payload()), "UTF-8");
                m.setText("Hello " + r.name() + ",\n\n\"" + c.name() + "\" starts " + inWords(row.payload()) + ", on "
                        + when + ".\n\nYour personal join link:\n" + joinUrl + footer, "UTF-8");
            }
            default -> {
                return null;
            }
        }
        m.saveChanges();
        return m;
    }

    /**
     * multipart/mixed: a multipart/alternative of the text and the iTIP request (what calendar-aware clients show
     * as an invitation), and the same calendar as an attachment for clients that show only attachments.
     */
    private static MimeMultipart withInvitation(String text, String ics) throws MessagingException {
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, "UTF-8");
        MimeBodyPart calendar = new MimeBodyPart();
        calendar.setDataHandler(new DataHandler(source(ics, "text/calendar; charset=UTF-8; method=REQUEST")));
        calendar.setHeader("Content-Type", "text/calendar; charset=UTF-8; method=REQUEST");
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

    /** "in 24 hours", "in 1 hour", "in 15 minutes" from a reminder's {@code offsetMinutes}. */
    static String inWords(String payload) {
        long minutes;
        try {
            minutes = JSON.readTree(payload).path("offsetMinutes").asLong();
        } catch (IOException e) {
            minutes = 0;
        }
        if (minutes > 0 && minutes % 60 == 0) {
            long hours = minutes / 60;
            return "in " + hours + (hours == 1 ? " hour" : " hours");
        }
        return "in " + minutes + (minutes == 1 ? " minute" : " minutes");
    }
}
