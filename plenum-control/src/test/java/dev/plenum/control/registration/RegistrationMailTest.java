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
 * and a crash between the SMTP server's acceptance and the "sent" mark.
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
        return db.jdbi().inTransaction(h -> {
            long org = h.createUpdate("INSERT INTO organisations (display_name, created_at) VALUES ('Acme', :now)")
                    .bind("now", clock.instant()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            Conference c = conferences.create(h, org, new Conferences.Spec("Spring planning", "webinar", false,
                    new Conference.Schedule(startsAt, WARSAW, minutes), "open", null, false), clock.instant());
            registrations.saveSettings(h, c.id(), new RegistrationSettings(true, "automatic", List.of()), clock.instant());
            return c;
        });
    }

    private Registrant register(Conference c, String approval) {
        return db.jdbi().inTransaction(h -> registrations.register(h, c, new RegistrationSettings(true, approval, List.of()),
                "Ada Lovelace", "ada@example.org", Map.of(), Database.now(clock)).orElseThrow());
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
}
