package dev.plenum.control.registration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.plenum.control.MutableClock;
import dev.plenum.control.conference.Conference;
import dev.plenum.control.conference.Conferences;
import dev.plenum.control.mail.MailConfig;
import dev.plenum.control.mail.Mailer;
import dev.plenum.control.mail.SmtpMailer;
import dev.plenum.control.outbox.Outbox;
import dev.plenum.control.outbox.OutboxWorker;
import dev.plenum.control.store.Database;
import dev.plenum.control.store.Engine;
import dev.plenum.control.store.StoreConfig;
import dev.plenum.control.store.TestDatabases;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The mails of registration as an SMTP server (GreenMail on loopback) receives them, on H2 and PostgreSQL:
 * the invitation's iCalendar content across a daylight-saving change, reminders, the outbox surviving a restart
 * and a crash between the SMTP server's acceptance and the "sent" mark; a rescheduled conference's updated
 * invitation and moved reminders, a deleted conference's cancellation, denial, the registrant's own cancellation,
 * and a mail in Polish.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class RegistrationMailTest {
    private static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");
    private static GreenMail smtp;
    @Parameter
    Engine engine;
    @TempDir
    Path dir;
    private StoreConfig store;
    private Database db;
    private MailConfig mail;
    private final MutableClock clock = new MutableClock(Instant.parse("2027-03-20T00:00:00Z"));
    private final Registrations registrations = new Registrations(new ObjectMapper(), RegistrationConfig.defaults(), RegistrationEvents.NONE);
    private final Conferences conferences = new Conferences();
    private final List<OutboxWorker> workers = new ArrayList<>();

    @BeforeParameterizedClassInvocation
    static void startSmtp() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
    }

    @AfterParameterizedClassInvocation
    static void stopSmtp() {
        smtp.stop();
    }

    @BeforeEach
    void open() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        store = engine == Engine.H2 ? StoreConfig.h2File(Files.createDirectories(dir.resolve("db"))) : TestDatabases.fresh(engine);
        db = Database.open(store);
        mail = MailConfig.smtp("127.0.0.1", smtp.getSmtp().getPort(), "Plenum Events <events@example.org>");
    }

    @AfterEach
    void close() {
        workers.forEach(OutboxWorker::close);
        if (engine == Engine.POSTGRESQL) TestDatabases.drop(db); else db.close();
    }

    private OutboxWorker worker(Mailer mailer) {
        OutboxWorker w = new OutboxWorker(new Outbox(db), mailer,
                new RegistrationMails(db, registrations, conferences, mail, () -> "https://meet.example.org", clock),
                clock, mail.domain());
        workers.add(w);
        return w;
    }

    private OutboxWorker worker() {
        return worker(new SmtpMailer(mail));
    }

    private Conference conference(LocalDateTime startsAt, int minutes) {
        return conference("Spring planning", startsAt, minutes);
    }

    private Conference conference(String name, LocalDateTime startsAt, int minutes) {
        return db.jdbi().inTransaction(h -> {
            long org = h.createUpdate("INSERT INTO organisations (display_name, created_at) VALUES ('Acme', :now)")
                    .bind("now", clock.instant()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            Conference c = conferences.create(h, org, new Conferences.Spec(name, "webinar", false,
                    new Conference.Schedule(startsAt, WARSAW, minutes), "open", null, false), clock.instant());
            registrations.saveSettings(h, c.id(), new RegistrationSettings(true, "automatic", List.of()), clock.instant());
            return c;
        });
    }

    private Registrant register(Conference c, String approval) {
        return register(c, approval, "Ada Lovelace", "ada@example.org", "en");
    }

    private Registrant register(Conference c, String approval, String name, String email, String language) {
        return db.jdbi().inTransaction(h -> registrations.register(h, c, new RegistrationSettings(true, approval, List.of()),
                name, email, Map.of(), language, Database.now(clock)).orElseThrow());
    }

    /** What PATCH /api/v1/conferences/{id} does with a new schedule, in one transaction. */
    private Conference reschedule(Conference c, LocalDateTime startsAt, ZoneId zone, int minutes) {
        return db.jdbi().inTransaction(h -> {
            Conference after = conferences.update(h, c.organisationId(), c.id(), new Conferences.Spec(c.name(), c.roomType(),
                    false, new Conference.Schedule(startsAt, zone, minutes), c.accessType(), null, c.lobbyEnabled()),
                    Database.now(clock)).orElseThrow();
            registrations.updated(h, c, after, Database.now(clock));
            return after;
        });
    }

    /** What DELETE /api/v1/conferences/{id} does, in one transaction. */
    private void delete(Conference c) {
        db.jdbi().useTransaction(h -> {
            assertThat(conferences.delete(h, c.organisationId(), c.id(), Database.now(clock))).isTrue();
            registrations.deleted(h, c.id(), Database.now(clock));
        });
    }

    private Registrant reread(Registrant r) {
        return db.jdbi().withHandle(h -> registrations.byId(h, r.id())).orElseThrow();
    }

    /** The iTIP part of a message, whatever its method, with the method it declares. */
    private static String calendarOf(MimeMessage m, String method) throws Exception {
        for (Part p : leaves(m)) {
            if (p.isMimeType("text/calendar")) {
                assertThat(p.getContentType().toLowerCase()).contains("method=" + method.toLowerCase());
                return text(p);
            }
        }
        throw new AssertionError("no text/calendar part");
    }

    private static String plainText(MimeMessage m) throws Exception {
        for (Part p : leaves(m)) if (p.isMimeType("text/plain")) return text(p);
        throw new AssertionError("no text/plain part");
    }

    private static MimeMessage[] received() {
        return smtp.getReceivedMessages();
    }

    private static List<MimeMessage> withSubject(String prefix) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : received()) if (m.getSubject().startsWith(prefix)) out.add(m);
        return out;
    }

    /** Every leaf part of a message, depth first. */
    private static List<Part> leaves(Part part) throws Exception {
        List<Part> out = new ArrayList<>();
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                out.addAll(leaves(child));
            }
        } else {
            out.add(part);
        }
        return out;
    }

    private static String text(Part part) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        part.getDataHandler().writeTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The iTIP request part: text/calendar with method=REQUEST. */
    private static String calendar(MimeMessage m) throws Exception {
        for (Part p : leaves(m)) {
            if (p.isMimeType("text/calendar")) {
                assertThat(p.getContentType().toLowerCase()).contains("method=request");
                return text(p);
            }
        }
        throw new AssertionError("no text/calendar part");
    }

    /** Unfolds RFC 5545 content lines (a CRLF followed by a space continues the line). */
    private static List<String> lines(String ics) {
        return Arrays.asList(ics.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n"));
    }

    @Test
    void theConfirmationCarriesTheJoinLinkAndAnInvitationThatKeepsLocalTimeAcrossTheClockChange() throws Exception {
        // 01:30 CET on the night Warsaw moves from CET to CEST at 02:00: 90 minutes later it is 04:00 CEST
        Conference c = conference(LocalDateTime.parse("2027-03-28T01:30:00"), 90);
        Registrant r = register(c, "automatic");
        assertThat(worker().poll()).isEqualTo(1);

        MimeMessage m = withSubject("Registration confirmed").getFirst();
        assertThat(m.getAllRecipients()[0].toString()).contains("ada@example.org");
        long rowId = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM outbox WHERE kind = 'registration-confirmed'")
                .mapTo(Long.class).one());
        assertThat(m.getMessageID()).isEqualTo("<outbox." + rowId + "@example.org>");
        assertThat(m.getHeader("List-Unsubscribe")[0]).isEqualTo("<https://meet.example.org/unsubscribe/" + r.unsubscribeToken() + ">");
        assertThat(m.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        String body = text(leaves(m).stream().filter(p -> { try { return p.isMimeType("text/plain"); } catch (Exception e) { return false; } })
                .findFirst().orElseThrow());
        assertThat(body).contains("https://meet.example.org/" + c.roomName() + "?registrant=" + registrations.links().joinKey(r.id()))
                .contains("Sunday 28 March 2027, 01:30 (Europe/Warsaw, 90 minutes)");

        List<String> ics = lines(calendar(m));
        assertThat(ics).contains("METHOD:REQUEST", "BEGIN:VTIMEZONE", "TZID:Europe/Warsaw",
                "DTSTART;TZID=Europe/Warsaw:20270328T013000", "DTEND;TZID=Europe/Warsaw:20270328T040000",
                "UID:conference-" + c.id() + "-registrant-" + r.id() + "@example.org", "SUMMARY:Spring planning");
        assertThat(ics).anyMatch(l -> l.startsWith("ORGANIZER") && l.endsWith("mailto:events@example.org"));
        assertThat(ics).anyMatch(l -> l.startsWith("ATTENDEE") && l.endsWith("mailto:ada@example.org"));
        // the zone definition covers the switch: CEST (+0200) rules from March, CET (+0100) from October
        assertThat(ics).contains("TZOFFSETFROM:+0100", "TZOFFSETTO:+0200");
        assertThat(leaves(m)).anyMatch(p -> { try { return "invite.ics".equals(p.getFileName()); } catch (Exception e) { return false; } });
    }

    @Test
    void aReminderAcrossTheClockChangeComesTwentyFourHoursAheadAndNamesTheLocalTime() throws Exception {
        Conference c = conference(LocalDateTime.parse("2027-03-28T10:00:00"), 60); // CEST: 08:00Z
        register(c, "automatic");
        OutboxWorker w = worker();
        w.poll();
        assertThat(lines(calendar(withSubject("Registration confirmed").getFirst())))
                .contains("DTSTART;TZID=Europe/Warsaw:20270328T100000", "DTEND;TZID=Europe/Warsaw:20270328T110000");

        clock.advance(Duration.between(clock.instant(), Instant.parse("2027-03-27T07:59:59Z")));
        assertThat(w.poll()).isZero(); // 24 hours before 08:00Z is 08:00Z the day before (09:00 CET), not 10:00 local
        clock.advance(Duration.ofSeconds(1));
        assertThat(w.poll()).isEqualTo(1);
        MimeMessage reminder = withSubject("Reminder").getFirst();
        assertThat(reminder.getSubject()).isEqualTo("Reminder: Spring planning starts in 24 hours");
        assertThat(text(reminder)).contains("Sunday 28 March 2027, 10:00 (Europe/Warsaw");

        clock.advance(Duration.ofHours(23));
        assertThat(w.poll()).isEqualTo(1);
        assertThat(withSubject("Reminder").stream().map(m -> { try { return m.getSubject(); } catch (Exception e) { return ""; } }))
                .containsExactly("Reminder: Spring planning starts in 24 hours", "Reminder: Spring planning starts in 1 hour");
    }

    @Test
    void manualApprovalSendsAPendingMailFirst() throws Exception {
        Conference c = conference(LocalDateTime.parse("2027-04-10T10:00:00"), 60);
        Registrant r = register(c, "manual");
        OutboxWorker w = worker();
        assertThat(w.poll()).isEqualTo(1);
        assertThat(withSubject("Registration received")).hasSize(1);
        assertThat(calendarParts(withSubject("Registration received").getFirst())).isZero();
        db.jdbi().useTransaction(h -> registrations.approve(h, r, c, Database.now(clock)));
        assertThat(w.poll()).isEqualTo(1);
        assertThat(withSubject("Registration confirmed")).hasSize(1);
    }

    private static int calendarParts(MimeMessage m) throws Exception {
        int n = 0;
        for (Part p : leaves(m)) if (p.isMimeType("text/calendar")) n++;
        return n;
    }

    @Test
    void aReminderDueWhileTheNodeWasDownIsSentExactlyOnceByTheNextOne() throws Exception {
        Conference c = conference(LocalDateTime.parse("2027-03-28T10:00:00"), 60);
        register(c, "automatic");
        worker().poll(); // the confirmation
        assertThat(received()).hasSize(1);
        workers.removeFirst().close();
        db.close();

        // down across the 24-hour reminder's due time, up again before the 1-hour one's
        clock.advance(Duration.between(clock.instant(), Instant.parse("2027-03-27T12:00:00Z")));
        db = Database.open(store);
        worker().start(Duration.ofMillis(50));
        assertThat(smtp.waitForIncomingEmail(10_000, 2)).isTrue();
        Thread.sleep(300); // several more polls
        workers.getLast().poll();
        assertThat(withSubject("Reminder")).hasSize(1);
        assertThat(received()).hasSize(2);
    }

    @Test
    void aMailAcceptedByTheServerButNotMarkedSentGoesAgainWithTheSameMessageId() throws Exception {
        Conference c = conference(LocalDateTime.parse("2027-04-10T10:00:00"), 60);
        register(c, "automatic");
        // a node claims the confirmation and hands it to the SMTP server, then dies before marking it sent
        Outbox outbox = new Outbox(db);
        List<Outbox.Row> claimed = outbox.claim(10, clock.instant(), OutboxWorker.MAX_ATTEMPTS, mail.domain());
        Outbox.Row confirmation = claimed.stream().filter(r -> r.kind().equals(Registrations.CONFIRMATION_MAIL)).findFirst().orElseThrow();
        new SmtpMailer(mail).send(new RegistrationMails(db, registrations, conferences, mail, () -> "https://meet.example.org", clock)
                .compose(confirmation));
        assertThat(worker().poll()).as("claimed rows are leased").isZero();

        clock.advance(Outbox.LEASE.plusSeconds(1));
        assertThat(workers.getLast().poll()).isEqualTo(1);
        List<MimeMessage> copies = withSubject("Registration confirmed");
        assertThat(copies).hasSize(2);
        assertThat(copies.get(1).getMessageID()).isEqualTo(copies.get(0).getMessageID()).isEqualTo(confirmation.messageId());
        assertThat(workers.getLast().poll()).isZero();
    }

    @Test
    void aFailedSendIsRetriedWithBackoffUnderTheSameMessageId() throws Exception {
        Conference c = conference(LocalDateTime.parse("2027-04-10T10:00:00"), 60);
        register(c, "automatic");
        SmtpMailer real = new SmtpMailer(mail);
        AtomicBoolean failOnce = new AtomicBoolean(true);
        OutboxWorker w = worker(message -> {
            real.send(message); // accepted ...
            if (failOnce.getAndSet(false)) throw new jakarta.mail.MessagingException("connection reset"); // ... but reported lost
        });
        assertThat(w.poll()).isZero();
        String error = db.jdbi().withHandle(h -> h.createQuery("SELECT last_error FROM outbox WHERE kind = 'registration-confirmed'")
                .mapTo(String.class).one());
        assertThat(error).contains("connection reset");
        clock.advance(Duration.ofSeconds(29));
        assertThat(w.poll()).isZero(); // first retry after 30 s
        clock.advance(Duration.ofSeconds(1));
        assertThat(w.poll()).isEqualTo(1);
        List<MimeMessage> copies = withSubject("Registration confirmed");
        assertThat(copies).hasSize(2);
        assertThat(copies.get(1).getMessageID()).isEqualTo(copies.get(0).getMessageID());
    }

    @Test
    void withoutAnSmtpServerMailsWaitInTheOutboxMarkedNotSendable() {
        Conference c = conference(LocalDateTime.parse("2027-04-10T10:00:00"), 60);
        register(c, "automatic");
        assertThat(worker(null).poll()).isZero();
        List<String> errors = db.jdbi().withHandle(h -> h.createQuery("SELECT last_error FROM outbox WHERE sent_at IS NULL")
                .mapTo(String.class).list());
        assertThat(errors).hasSize(3).allMatch(e -> e.contains("no SMTP server configured"));
        assertThat(received()).isEmpty();
    }

    @Test
    void anUnsubscribedRegistrantGetsNoReminder() throws Exception {
        Conference c = conference(LocalDateTime.parse("2027-03-28T10:00:00"), 60);
        Registrant r = register(c, "automatic");
        OutboxWorker w = worker();
        w.poll();
        db.jdbi().useTransaction(h -> registrations.unsubscribe(h, r.unsubscribeToken(), Database.now(clock)));
        clock.advance(Duration.ofDays(8));
        assertThat(w.poll()).isZero();
        assertThat(withSubject("Reminder")).isEmpty();
    }

    @Test
    void aRescheduledConferenceSendsTheUpdatedInvitationAndItsRemindersMoveToTheNewTime() throws Exception {
        Conference c = conference(LocalDateTime.parse("2027-04-10T10:00:00"), 60); // CEST: 08:00Z
        Registrant r = register(c, "automatic");
        OutboxWorker w = worker();
        assertThat(w.poll()).isEqualTo(1);
        List<String> first = lines(calendar(withSubject("Registration confirmed").getFirst()));
        assertThat(first).contains("SEQUENCE:0");

        // two days later, in Lisbon (WEST, UTC+1), 90 minutes
        reschedule(c, LocalDateTime.parse("2027-04-12T15:00:00"), ZoneId.of("Europe/Lisbon"), 90);
        assertThat(w.poll()).isEqualTo(1);
        MimeMessage update = withSubject("New time").getFirst();
        assertThat(update.getSubject()).isEqualTo("New time: Spring planning");
        assertThat(plainText(update)).contains("Monday 12 April 2027, 15:00 (Europe/Lisbon, 90 minutes)")
                .contains("?registrant=" + registrations.links().joinKey(r.id()));
        assertThat(update.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        List<String> ics = lines(calendar(update));
        String uid = "UID:conference-" + c.id() + "-registrant-" + r.id() + "@example.org";
        assertThat(first).contains(uid);
        assertThat(ics).contains("METHOD:REQUEST", uid, "SEQUENCE:1", "TZID:Europe/Lisbon",
                "DTSTART;TZID=Europe/Lisbon:20270412T150000", "DTEND;TZID=Europe/Lisbon:20270412T163000");

        // the old reminder times pass in silence; the new ones come
        clock.advance(Duration.between(clock.instant(), Instant.parse("2027-04-10T08:00:00Z")));
        assertThat(w.poll()).as("no reminder for the old time").isZero();
        clock.advance(Duration.between(clock.instant(), Instant.parse("2027-04-11T14:00:00Z")));
        assertThat(w.poll()).isEqualTo(1);
        assertThat(plainText(withSubject("Reminder").getFirst())).contains("Monday 12 April 2027, 15:00 (Europe/Lisbon");
        clock.advance(Duration.ofHours(23));
        assertThat(w.poll()).isEqualTo(1);
        assertThat(withSubject("Reminder")).hasSize(2);

        // a second move raises the SEQUENCE again, and the UID stays
        reschedule(c, LocalDateTime.parse("2027-04-12T16:00:00"), ZoneId.of("Europe/Lisbon"), 90);
        assertThat(w.poll()).isEqualTo(1);
        assertThat(lines(calendar(withSubject("New time").get(1)))).contains(uid, "SEQUENCE:2");
    }

    @Test
    void aReminderClaimedJustBeforeTheConferenceMovedIsNotSent() throws Exception {
        Conference c = conference(LocalDateTime.parse("2027-04-10T10:00:00"), 60);
        register(c, "automatic");
        worker().poll();
        clock.advance(Duration.between(clock.instant(), Instant.parse("2027-04-09T08:00:00Z")));
        List<Outbox.Row> claimed = new Outbox(db).claim(10, clock.instant(), OutboxWorker.MAX_ATTEMPTS, mail.domain());
        assertThat(claimed).extracting(Outbox.Row::kind).containsExactly(Registrations.REMINDER_MAIL);
        reschedule(c, LocalDateTime.parse("2027-04-20T10:00:00"), WARSAW, 60);
        assertThat(new RegistrationMails(db, registrations, conferences, mail, () -> "https://meet.example.org", clock)
                .compose(claimed.getFirst())).as("its time no longer fits the start").isNull();
    }

    @Test
    void deletingTheConferenceSendsTheCancellationToApprovedRegistrantsAndDropsTheirReminders() throws Exception {
        Conference c = conference(LocalDateTime.parse("2027-04-10T10:00:00"), 60);
        Registrant ada = register(c, "automatic");
        register(c, "manual", "Bob Babbage", "bob@example.org", "en");
        OutboxWorker w = worker();
        assertThat(w.poll()).isEqualTo(2); // Ada's confirmation, Bob's "received"

        delete(c);
        assertThat(w.poll()).as("Ada's cancellation, and Bob's notice: his registration was pending").isEqualTo(2);
        MimeMessage cancel = withSubject("Cancelled").stream().filter(m -> recipient(m).contains("ada@")).findFirst().orElseThrow();
        assertThat(cancel.getSubject()).isEqualTo("Cancelled: Spring planning");
        assertThat(cancel.getHeader("List-Unsubscribe")).as("the last mail: nothing to unsubscribe from").isNull();
        List<String> ics = lines(calendarOf(cancel, "CANCEL"));
        assertThat(ics).contains("METHOD:CANCEL", "STATUS:CANCELLED", "SEQUENCE:1",
                "UID:conference-" + c.id() + "-registrant-" + ada.id() + "@example.org",
                "DTSTART;TZID=Europe/Warsaw:20270410T100000");
        assertThat(ics).anyMatch(l -> l.startsWith("ATTENDEE") && l.endsWith("mailto:ada@example.org"));

        clock.advance(Duration.ofDays(30));
        assertThat(w.poll()).as("no reminders for a cancelled event").isZero();
        assertThat(received()).hasSize(4);
    }

    @Test
    void deletingTheConferenceTellsPendingRegistrantsPlainlyInTheirLanguageThatNobodyWillReviewTheirRegistration()
            throws Exception {
        Conference c = conference(LocalDateTime.parse("2027-04-10T10:00:00"), 60);
        Registrant bob = register(c, "manual", "Bob Babbage", "bob@example.org", "en");
        register(c, "manual", "Grete Müller", "grete@example.org", "de");
        register(c, "manual", "Zażółć Gęślą", "jazn@example.org", "pl");
        register(c, "manual", "Élise Martin", "elise@example.org", "fr");
        Registrant gone = register(c, "manual", "Cy Clark", "cy@example.org", "en");
        OutboxWorker w = worker();
        assertThat(w.poll()).as("five \"received\" mails").isEqualTo(5);
        db.jdbi().useTransaction(h -> registrations.cancelByRegistrant(h, registrations.links().cancelToken(gone.id()),
                Database.now(clock)).orElseThrow());
        assertThat(w.poll()).as("Cy's own cancellation").isEqualTo(1);

        delete(c);
        assertThat(w.poll()).as("one notice to each registrant still pending; none to Cy, who cancelled").isEqualTo(4);
        Map<String, MimeMessage> notices = new java.util.HashMap<>();
        for (MimeMessage m : received()) {
            if (m.getSubject().matches("(Cancelled|Abgesagt|Odwołane|Annulé) ?: Spring planning")) {
                notices.put(((jakarta.mail.internet.InternetAddress) m.getAllRecipients()[0]).getAddress(), m);
            }
        }
        assertThat(received()).as("five received, Cy's cancellation, four notices").hasSize(10);
        assertThat(notices).containsOnlyKeys("bob@example.org", "grete@example.org", "jazn@example.org", "elise@example.org");
        MimeMessage toBob = notices.get("bob@example.org");
        assertThat(toBob.getSubject()).isEqualTo("Cancelled: Spring planning");
        assertThat(toBob.isMimeType("text/plain")).as("a plain mail: there was no invitation to withdraw").isTrue();
        assertThat(text(toBob)).contains("Hello Bob Babbage,", "\"Spring planning\", planned for Saturday 10 April 2027, 10:00",
                "has been cancelled by the organiser", "will not be reviewed");
        assertThat(toBob.getHeader("List-Unsubscribe")).as("the last mail: nothing to unsubscribe from").isNull();
        assertThat(text(toBob)).doesNotContain("cancel-registration", "unsubscribe");
        MimeMessage toGrete = notices.get("grete@example.org");
        assertThat(toGrete.getSubject()).isEqualTo("Abgesagt: Spring planning");
        assertThat(toGrete.getHeader("Content-Language")[0]).isEqualTo("de");
        assertThat(text(toGrete)).contains("Guten Tag Grete Müller,", "wird nicht mehr geprüft");
        assertThat(notices.get("jazn@example.org").getSubject()).isEqualTo("Odwołane: Spring planning");
        assertThat(text(notices.get("jazn@example.org"))).contains("nie zostanie już rozpatrzone");
        assertThat(notices.get("elise@example.org").getSubject()).isEqualTo("Annulé : Spring planning");
        assertThat(text(notices.get("elise@example.org"))).contains("ne sera pas examinée");
        assertThat(reread(bob).status()).as("the registration itself is left as it was").isEqualTo("pending");

        clock.advance(Duration.ofDays(30));
        assertThat(w.poll()).isZero();
    }

    @Test
    void aDeniedRegistrantGetsAPlainDenialAndOneDeniedAfterApprovalAlsoTheInvitationsCancellation() throws Exception {
        Conference c = conference(LocalDateTime.parse("2027-04-10T10:00:00"), 60);
        Registrant ada = register(c, "manual");
        Registrant bob = register(c, "automatic", "Bob Babbage", "bob@example.org", "en");
        OutboxWorker w = worker();
        assertThat(w.poll()).isEqualTo(2);

        db.jdbi().useTransaction(h -> {
            registrations.deny(h, reread(ada), Database.now(clock));
            registrations.deny(h, reread(bob), Database.now(clock));
        });
        assertThat(w.poll()).isEqualTo(2);
        List<MimeMessage> denials = withSubject("Registration declined");
        assertThat(denials).hasSize(2);
        MimeMessage toAda = denials.stream().filter(m -> recipient(m).contains("ada@")).findFirst().orElseThrow();
        assertThat(toAda.getSubject()).isEqualTo("Registration declined: Spring planning");
        assertThat(toAda.isMimeType("text/plain")).as("a plain mail").isTrue();
        assertThat(text(toAda)).contains("Hello Ada Lovelace,", "declined your registration for \"Spring planning\"");
        assertThat(toAda.getHeader("List-Unsubscribe")).isNull();
        MimeMessage toBob = denials.stream().filter(m -> recipient(m).contains("bob@")).findFirst().orElseThrow();
        assertThat(lines(calendarOf(toBob, "CANCEL"))).as("above the invitation's 0").contains("METHOD:CANCEL", "SEQUENCE:1",
                "UID:conference-" + c.id() + "-registrant-" + bob.id() + "@example.org");

        clock.advance(Duration.ofDays(30));
        assertThat(w.poll()).isZero();
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRegistrantCancelsWithTheSignedLinkInTheirMailAndTheOrganiserSeesIt() throws Exception {
        Conference c = conference(LocalDateTime.parse("2027-04-10T10:00:00"), 60);
        Registrant r = register(c, "automatic");
        OutboxWorker w = worker();
        w.poll();
        String body = plainText(withSubject("Registration confirmed").getFirst());
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("https://meet\\.example\\.org/cancel-registration/(\\S+)")
                .matcher(body);
        assertThat(link.find()).as(body).isTrue();

        Registrant cancelled = db.jdbi().inTransaction(h -> registrations.cancelByRegistrant(h, link.group(1), Database.now(clock)))
                .orElseThrow();
        assertThat(cancelled.status()).isEqualTo("cancelled");
        assertThat(db.jdbi().withHandle(h -> registrations.get(h, c.organisationId(), c.id(), r.id())).orElseThrow().status())
                .as("the organiser's list shows it").isEqualTo("cancelled");
        assertThat(w.poll()).isEqualTo(1);
        MimeMessage m = withSubject("Registration cancelled").getFirst();
        assertThat(plainText(m)).contains("is cancelled, as you asked");
        assertThat(lines(calendarOf(m, "CANCEL"))).contains("METHOD:CANCEL", "STATUS:CANCELLED", "SEQUENCE:1",
                "UID:conference-" + c.id() + "-registrant-" + r.id() + "@example.org");

        Optional<Registrant> again = db.jdbi().inTransaction(h -> registrations.cancelByRegistrant(h, link.group(1), Database.now(clock)));
        assertThat(again.map(Registrant::status)).as("a second click changes nothing").contains("cancelled");
        Optional<Registrant> forged = db.jdbi().inTransaction(h -> registrations.cancelByRegistrant(h, r.id() + ".forged", Database.now(clock)));
        assertThat(forged).isEmpty();
        clock.advance(Duration.ofDays(30));
        assertThat(w.poll()).as("no reminders after cancelling").isZero();
        assertThat(received()).hasSize(2);
    }

    @Test
    void aPolishRegistrantsMailsAreInPolishInUtf8() throws Exception {
        Conference c = conference("Warsztaty — Łódź", LocalDateTime.parse("2027-03-28T10:00:00"), 90);
        register(c, "automatic", "Zażółć Gęślą", "jazn@example.org", "pl");
        OutboxWorker w = worker();
        assertThat(w.poll()).isEqualTo(1);
        MimeMessage m = received()[0];
        assertThat(m.getSubject()).isEqualTo("Rejestracja potwierdzona: Warsztaty — Łódź");
        assertThat(m.getHeader("Content-Language")[0]).isEqualTo("pl");
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        m.writeTo(raw);
        String source = raw.toString(StandardCharsets.US_ASCII);
        assertThat(source.chars().allMatch(ch -> ch < 128)).as("7-bit on the wire: encoded words and transfer encodings").isTrue();
        assertThat(source).containsPattern("(?m)^Subject: =\\?UTF-8\\?[BQ]\\?")
                .containsPattern("(?m)^To: =\\?UTF-8\\?[BQ]\\?");
        Part plain = leaves(m).stream().filter(p -> { try { return p.isMimeType("text/plain"); } catch (Exception e) { return false; } })
                .findFirst().orElseThrow();
        assertThat(plain.getContentType().toLowerCase()).contains("charset=utf-8");
        assertThat(text(plain)).contains("Dzień dobry, Zażółć Gęślą,", "Twoja rejestracja na „Warsztaty — Łódź”",
                "niedziela, 28 marca 2027, 10:00 (Europe/Warsaw, 90 min)", "Aby anulować rejestrację:");
        assertThat(lines(calendar(m))).contains("SUMMARY:Warsztaty — Łódź");

        clock.advance(Duration.between(clock.instant(), Instant.parse("2027-03-27T08:00:00Z")));
        assertThat(w.poll()).isEqualTo(1);
        assertThat(received()[1].getSubject()).isEqualTo("Przypomnienie: Warsztaty — Łódź zaczyna się za 24 godziny");
    }
}
