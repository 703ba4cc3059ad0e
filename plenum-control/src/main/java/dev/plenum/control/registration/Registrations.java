package dev.plenum.control.registration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plenum.control.conference.Conference;
import dev.plenum.control.conference.ConferenceChanges;
import dev.plenum.control.conference.RegistrantKeys;
import dev.plenum.control.org.Secrets;
import dev.plenum.control.outbox.Outbox;
import dev.plenum.control.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/**
 * Registrations in the database, and what each step of a registration's life writes to the outbox, always in the
 * caller's transaction:
 * <ul>
 *   <li>registered with automatic approval: approved at once, a confirmation (with the invitation) and reminders;
 *   <li>registered with manual approval: pending, a "we received it" mail; approval then writes the confirmation and
 *       reminders; denial drops whatever is unsent and writes the denial mail;
 *   <li>a conference's schedule changes (start, duration, zone): its calendar SEQUENCE goes up, each approved
 *       registrant gets the updated invitation, and the unsent reminders are written again for the new start;
 *   <li>a conference is deleted: its SEQUENCE goes up, everything unsent is dropped, each approved registrant
 *       gets the cancellation (iTIP CANCEL) and each pending one a plain notice that it will not be reviewed;
 *   <li>a registrant cancels from their mail: everything unsent is dropped, and a registrant who had the invitation
 *       gets its cancellation; the address may then register again, as a new registrant;
 *   <li>unsubscribing drops the unsent reminders and keeps new ones from being written.
 * </ul>
 * Every query made for a request names the organisation; the public ones go by room name or secret token.
 */
public final class Registrations implements ConferenceChanges, RegistrantKeys {
    public static final String PENDING_MAIL = "registration-pending";
    public static final String CONFIRMATION_MAIL = "registration-confirmed";
    public static final String REMINDER_MAIL = "reminder";
    /** The invitation again, with the new schedule and a higher SEQUENCE. */
    public static final String UPDATE_MAIL = "invitation-updated";
    /** The conference was deleted: the invitation's iTIP CANCEL. */
    public static final String EVENT_CANCELLED_MAIL = "event-cancelled";
    /** The conference was deleted while the registration awaited approval: a plain notice, no calendar. */
    public static final String PENDING_EVENT_CANCELLED_MAIL = "event-cancelled-pending";
    /** An organiser denied the registration. */
    public static final String DENIAL_MAIL = "registration-denied";
    /** The registrant cancelled their registration. */
    public static final String CANCELLED_MAIL = "registration-cancelled";
    /** The languages mails are written in (the registration page's); the first is the default. */
    public static final List<String> LANGUAGES = List.of("en", "pl", "de", "fr");
    private static final List<String> ALL_MAILS = List.of(PENDING_MAIL, CONFIRMATION_MAIL, REMINDER_MAIL, UPDATE_MAIL,
            EVENT_CANCELLED_MAIL, PENDING_EVENT_CANCELLED_MAIL, DENIAL_MAIL, CANCELLED_MAIL);
    private static final TypeReference<Map<String, String>> ANSWERS = new TypeReference<>() {};
    private static final TypeReference<List<RegistrationSettings.Field>> FIELDS = new TypeReference<>() {};
    private static final String COLUMNS = "id, conference_id, organisation_id, display_name, email, answers_json, "
            + "registration_status, mail_language, unsubscribe_token, unsubscribed, join_revoked_at, created_at, updated_at";
    private final ObjectMapper json;
    private final RegistrationConfig config;
    private final RegistrationEvents events;
    private final MailLinks links;

    /** With a mail link key of this process only: links in mails do not outlive it (tests, benchmarks). */
    public Registrations(ObjectMapper json, RegistrationConfig config, RegistrationEvents events) {
        this(json, config, events, MailLinks.random());
    }

    public Registrations(ObjectMapper json, RegistrationConfig config, RegistrationEvents events, MailLinks links) {
        this.json = json;
        this.config = config;
        this.events = events;
        this.links = links;
    }

    public RegistrationConfig config() {
        return config;
    }

    /** The personal links in registrants' mails. */
    public MailLinks links() {
        return links;
    }

    public RegistrationSettings settings(Handle h, long conferenceId) {
        return h.createQuery("SELECT enabled, approval, fields_json FROM registration_settings WHERE conference_id = :c")
                .bind("c", conferenceId)
                .map((rs, ctx) -> new RegistrationSettings(rs.getBoolean("enabled"), rs.getString("approval"),
                        read(rs.getString("fields_json"), FIELDS)))
                .findOne().orElse(RegistrationSettings.DEFAULT);
    }

    public void saveSettings(Handle h, long conferenceId, RegistrationSettings s, Instant now) {
        String fields = write(s.fields());
        int updated = h.createUpdate("UPDATE registration_settings SET enabled = :enabled, approval = :approval, "
                        + "fields_json = :fields, updated_at = :now WHERE conference_id = :c")
                .bind("enabled", s.enabled()).bind("approval", s.approval()).bind("fields", fields).bind("now", now)
                .bind("c", conferenceId).execute();
        if (updated == 0) {
            h.createUpdate("INSERT INTO registration_settings (conference_id, enabled, approval, fields_json, updated_at) "
                            + "VALUES (:c, :enabled, :approval, :fields, :now)")
                    .bind("enabled", s.enabled()).bind("approval", s.approval()).bind("fields", fields).bind("now", now)
                    .bind("c", conferenceId).execute();
        }
    }

    /**
     * Registers a person: the registrant row, its first mail and, when approved at once, its reminders, all in the
     * caller's transaction. An address already registered for this conference fails the statement with a unique
     * violation ({@link Database#isUniqueViolation}), which aborts the transaction; an address whose registrations
     * were all cancelled by their registrant registers afresh (a new registrant, new links).
     *
     * <p>This is the one place a registration is created: {@link RegistrationEvents#registrationCreated} is called
     * here, in the same transaction (the hook for "registration created" webhooks).
     */
    public Optional<Registrant> register(Handle h, Conference conference, RegistrationSettings settings, String name,
                                         String email, Map<String, String> answers, Instant now) {
        return register(h, conference, settings, name, email, answers, LANGUAGES.getFirst(), now);
    }

    /** As {@link #register(Handle, Conference, RegistrationSettings, String, String, Map, Instant)}, mails in {@code language}. */
    public Optional<Registrant> register(Handle h, Conference conference, RegistrationSettings settings, String name,
                                         String email, Map<String, String> answers, String language, Instant now) {
        if (!LANGUAGES.contains(language)) throw new IllegalArgumentException("no mails in language " + language);
        // two statements on the hot path: a duplicate address is refused by the unique index (the caller maps the
        // violation to "already registered"); the row is not read back, every column is known here
        String status = settings.manualApproval() ? "pending" : "approved";
        String unsubscribeToken = Secrets.random(24);
        long id = h.createUpdate("""
                        INSERT INTO registrants (conference_id, organisation_id, display_name, email, active_email,
                          answers_json, registration_status, mail_language, unsubscribe_token, unsubscribed, created_at,
                          updated_at)
                        VALUES (:c, :org, :name, :email, :email, :answers, :status, :language, :unsubscribe, FALSE, :now,
                          :now)""")
                .bind("c", conference.id()).bind("org", conference.organisationId()).bind("name", name)
                .bind("email", email).bind("answers", write(answers)).bind("status", status)
                .bind("language", language).bind("unsubscribe", unsubscribeToken).bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        Registrant r = new Registrant(id, conference.id(), conference.organisationId(), name, email, Map.copyOf(answers),
                status, language, unsubscribeToken, false, null, now, now);
        if (settings.manualApproval()) {
            Outbox.enqueue(h, new Outbox.Mail(PENDING_MAIL, email, id, "{}", now));
        } else {
            writeConfirmation(h, r, conference, now);
        }
        events.registrationCreated(h, conference.id(), r);
        return Optional.of(r);
    }

    /** Approves a pending (or denied) registrant: confirmation and reminders. Approving twice changes nothing. */
    public Registrant approve(Handle h, Registrant r, Conference conference, Instant now) {
        if (r.status().equals("approved")) return r;
        setStatus(h, r.id(), "approved", now);
        Outbox.cancel(h, r.id(), List.of(PENDING_MAIL));
        Registrant approved = find(h, "id = :id", "id", r.id()).orElseThrow();
        writeConfirmation(h, approved, conference, now);
        return approved;
    }

    /**
     * Denies a registrant: whatever is unsent is dropped and the denial mail written (with the invitation's
     * cancellation for one who had been approved). Denying twice changes nothing.
     */
    public Registrant deny(Handle h, Registrant r, Instant now) {
        if (r.status().equals("denied")) return r;
        setStatus(h, r.id(), "denied", now);
        withdrawInvitation(h, r);
        Outbox.enqueue(h, new Outbox.Mail(DENIAL_MAIL, r.email(), r.id(), invitationPayload(r), now));
        return find(h, "id = :id", "id", r.id()).orElseThrow();
    }

    /**
     * The registrant holding this cancel token (from their mails) cancels: whatever is unsent is dropped, and one who
     * had the invitation gets its cancellation. Empty when the token is not valid or the conference is gone; a
     * registration already cancelled or denied is returned as it is.
     */
    public Optional<Registrant> cancelByRegistrant(Handle h, String token, Instant now) {
        OptionalLong id = links.cancelRegistrant(token);
        if (id.isEmpty()) return Optional.empty();
        Optional<Registrant> found = find(h, "id = :id AND conference_id IN (SELECT id FROM conferences WHERE deleted_at IS NULL)",
                "id", id.getAsLong());
        if (found.isEmpty()) return Optional.empty();
        Registrant r = found.get();
        // conditional, so two clicks at once cancel (and mail) once; the address is free to register again
        int changed = h.createUpdate("UPDATE registrants SET registration_status = 'cancelled', active_email = NULL, "
                        + "updated_at = :now WHERE id = :id AND registration_status IN ('pending', 'approved')")
                .bind("now", now).bind("id", r.id()).execute();
        if (changed == 0) return find(h, "id = :id", "id", r.id());
        withdrawInvitation(h, r);
        Outbox.enqueue(h, new Outbox.Mail(CANCELLED_MAIL, r.email(), r.id(), invitationPayload(r), now));
        return find(h, "id = :id", "id", r.id());
    }

    /** A registrant as their cancel token names them (for the page that asks to confirm), if the token is valid. */
    public Optional<Registrant> byCancelToken(Handle h, String token) {
        OptionalLong id = links.cancelRegistrant(token);
        if (id.isEmpty()) return Optional.empty();
        return find(h, "id = :id AND conference_id IN (SELECT id FROM conferences WHERE deleted_at IS NULL)", "id", id.getAsLong());
    }

    /** Revokes a registrant's personal join link: it lets nobody in from now on. False when it was revoked already. */
    public boolean revokeJoinLink(Handle h, Registrant r, Instant now) {
        return h.createUpdate("UPDATE registrants SET join_revoked_at = :now, updated_at = :now WHERE id = :id "
                        + "AND join_revoked_at IS NULL")
                .bind("now", now).bind("id", r.id()).execute() == 1;
    }

    /**
     * Drops whatever is unsent to the registrant; one who had the invitation will get its CANCEL, which needs a
     * SEQUENCE above the invitation's (RFC 5546 §2.1.4): the conference's goes up, which only makes later
     * revisions of the other registrants' events jump a number.
     */
    private static void withdrawInvitation(Handle h, Registrant r) {
        Outbox.cancel(h, r.id(), ALL_MAILS);
        if (r.status().equals("approved")) raiseSequence(h, r.conferenceId());
    }

    /** Whether the registrant had been sent (or was about to be sent) the invitation, which a cancellation must withdraw. */
    private static String invitationPayload(Registrant r) {
        return "{\"hadInvitation\":" + r.status().equals("approved") + "}";
    }

    @Override
    public Check check(Handle h, long conferenceId, String key) {
        OptionalLong id = links.joinRegistrant(key);
        if (id.isEmpty()) return new Check.Unknown();
        Optional<Registrant> found = find(h, "id = :id", "id", id.getAsLong()).filter(r -> r.conferenceId() == conferenceId);
        if (found.isEmpty()) return new Check.Unknown();
        Registrant r = found.get();
        if (r.joinRevokedAt() != null) {
            return new Check.NotAdmitted("registrant-key-revoked", "the organiser has withdrawn this personal link");
        }
        return switch (r.status()) {
            case "approved" -> new Check.Valid(r.name(), r.email());
            case "pending" -> new Check.NotAdmitted("registration-pending", "this registration still awaits the organiser's approval");
            case "denied" -> new Check.NotAdmitted("registration-denied", "the organiser has declined this registration");
            default -> new Check.NotAdmitted("registration-cancelled", "this registration was cancelled");
        };
    }

    /** The confirmation and the reminders, in one batch. */
    private void writeConfirmation(Handle h, Registrant r, Conference conference, Instant now) {
        List<Outbox.Mail> mails = new ArrayList<>();
        mails.add(new Outbox.Mail(CONFIRMATION_MAIL, r.email(), r.id(), "{}", now));
        mails.addAll(reminders(r, conference, now));
        Outbox.enqueue(h, mails);
    }

    /** One reminder per configured offset whose time is still ahead. */
    private List<Outbox.Mail> reminders(Registrant r, Conference conference, Instant now) {
        List<Outbox.Mail> mails = new ArrayList<>();
        if (r.unsubscribed() || !r.status().equals("approved") || conference.schedule() == null) return mails;
        Instant start = conference.schedule().startInstant();
        for (Duration offset : config.reminderOffsets()) {
            Instant due = start.minus(offset);
            if (due.isAfter(now)) {
                mails.add(new Outbox.Mail(REMINDER_MAIL, r.email(), r.id(), "{\"offsetMinutes\":" + offset.toMinutes() + "}", due));
            }
        }
        return mails;
    }

    /**
     * A conference's schedule changed (start, duration or zone): a new calendar revision, the updated invitation to
     * every approved registrant (unsubscribing stops reminders, not news of the event itself), and the unsent
     * reminders written again from the new start. An updated invitation not sent yet is replaced, so a registrant
     * gets one per burst of changes, naming the latest.
     */
    @Override
    public void updated(Handle h, Conference before, Conference after, Instant now) {
        if (Objects.equals(before.schedule(), after.schedule())) return;
        dropUnsent(h, after.id(), List.of(REMINDER_MAIL, UPDATE_MAIL));
        if (after.schedule() == null) return; // a permanent room now: no time to announce or remind of
        raiseSequence(h, after.id());
        for (Registrant r : h.createQuery("SELECT " + COLUMNS + " FROM registrants WHERE conference_id = :c "
                        + "AND registration_status = 'approved' ORDER BY id")
                .bind("c", after.id()).map((rs, ctx) -> registrant(rs)).list()) {
            List<Outbox.Mail> mails = new ArrayList<>();
            mails.add(new Outbox.Mail(UPDATE_MAIL, r.email(), r.id(), "{}", now));
            mails.addAll(reminders(r, after, now));
            Outbox.enqueue(h, mails);
        }
    }

    /**
     * A conference was deleted: nothing unsent goes out, every approved registrant gets the cancellation, and every
     * registrant still awaiting approval is told the event is off (nobody will review the registration now).
     */
    @Override
    public void deleted(Handle h, long conferenceId, Instant now) {
        dropUnsent(h, conferenceId, ALL_MAILS);
        raiseSequence(h, conferenceId);
        h.createUpdate("""
                        INSERT INTO outbox (kind, recipient, registrant_id, payload, due_at, attempts, next_attempt_at)
                        SELECT CASE registration_status WHEN 'approved' THEN :approved ELSE :pending END,
                          email, id, '{}', :now, 0, :now FROM registrants
                        WHERE conference_id = :c AND registration_status IN ('approved', 'pending')""")
                .bind("approved", EVENT_CANCELLED_MAIL).bind("pending", PENDING_EVENT_CANCELLED_MAIL)
                .bind("now", now).bind("c", conferenceId).execute();
    }

    private static void raiseSequence(Handle h, long conferenceId) {
        h.createUpdate("UPDATE conferences SET calendar_sequence = calendar_sequence + 1 WHERE id = :c")
                .bind("c", conferenceId).execute();
    }

    /** The iCalendar SEQUENCE of a conference's invitations, deleted or not. */
    public static int calendarSequence(Handle h, long conferenceId) {
        return h.createQuery("SELECT calendar_sequence FROM conferences WHERE id = :c").bind("c", conferenceId)
                .mapTo(Integer.class).one();
    }

    private static void dropUnsent(Handle h, long conferenceId, List<String> kinds) {
        h.createUpdate("DELETE FROM outbox WHERE sent_at IS NULL AND kind IN (<kinds>) "
                        + "AND registrant_id IN (SELECT id FROM registrants WHERE conference_id = :c)")
                .bindList("kinds", kinds).bind("c", conferenceId).execute();
    }

    /** Stops reminders for the registrant holding this unsubscribe token; false when the token is unknown. */
    public boolean unsubscribe(Handle h, String token, Instant now) {
        Optional<Registrant> r = find(h, "unsubscribe_token = :t", "t", token);
        if (r.isEmpty()) return false;
        h.createUpdate("UPDATE registrants SET unsubscribed = TRUE, updated_at = :now WHERE id = :id")
                .bind("now", now).bind("id", r.get().id()).execute();
        Outbox.cancel(h, r.get().id(), List.of(REMINDER_MAIL));
        return true;
    }

    public Optional<Registrant> get(Handle h, long organisationId, long conferenceId, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM registrants WHERE id = :id AND conference_id = :c AND organisation_id = :org")
                .bind("id", id).bind("c", conferenceId).bind("org", organisationId).map((rs, ctx) -> registrant(rs)).findOne();
    }

    /** A registrant by id alone: for the outbox, never for a request. */
    public Optional<Registrant> byId(Handle h, long id) {
        return find(h, "id = :id", "id", id);
    }

    /** Up to {@code limit} registrants of a conference with ids above {@code afterId}, oldest first; status null: all. */
    public List<Registrant> page(Handle h, long organisationId, long conferenceId, String status, long afterId, int limit) {
        return h.createQuery("SELECT " + COLUMNS + " FROM registrants WHERE organisation_id = :org AND conference_id = :c "
                        + "AND id > :after" + (status == null ? "" : " AND registration_status = :status")
                        + " ORDER BY id FETCH FIRST :limit ROWS ONLY")
                .bind("org", organisationId).bind("c", conferenceId).bind("after", afterId).bind("limit", limit)
                .bind("status", status).map((rs, ctx) -> registrant(rs)).list();
    }

    private Optional<Registrant> find(Handle h, String where, String name, Object value) {
        return h.createQuery("SELECT " + COLUMNS + " FROM registrants WHERE " + where).bind(name, value)
                .map((rs, ctx) -> registrant(rs)).findOne();
    }

    private static void setStatus(Handle h, long id, String status, Instant now) {
        h.createUpdate("UPDATE registrants SET registration_status = :s, updated_at = :now WHERE id = :id")
                .bind("s", status).bind("now", now).bind("id", id).execute();
    }

    private Registrant registrant(ResultSet rs) throws SQLException {
        return new Registrant(rs.getLong("id"), rs.getLong("conference_id"), rs.getLong("organisation_id"),
                rs.getString("display_name"), rs.getString("email"), read(rs.getString("answers_json"), ANSWERS),
                rs.getString("registration_status"), rs.getString("mail_language"), rs.getString("unsubscribe_token"),
                rs.getBoolean("unsubscribed"), rs.getObject("join_revoked_at") == null ? null : Database.instant(rs, "join_revoked_at"),
                Database.instant(rs, "created_at"), Database.instant(rs, "updated_at"));
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON unreadable", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value instanceof Map<?, ?> m ? new LinkedHashMap<>(m) : value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
