package dev.plenum.control.mail;

import java.net.URI;
import java.time.Instant;
import java.time.ZonedDateTime;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;

/**
 * An iCalendar invitation (RFC 5545, sent as an iTIP REQUEST, RFC 5546 §3.2.2) for one registrant of a scheduled
 * conference, or its cancellation (iTIP CANCEL, RFC 5546 §3.2.5: same UID, a higher SEQUENCE, STATUS:CANCELLED).
 * A changed schedule is sent as a REQUEST again with the same UID and a higher SEQUENCE (§2.1.4), which calendars
 * apply to the event they have. The event is written in the conference's own zone: the zone's VTIMEZONE and a local
 * {@code DTSTART;TZID=...}, so a calendar keeps the organiser's wall-clock time even across a daylight-saving
 * change; DTEND is start plus the duration, taken on the time line (90 minutes are 90 minutes when clocks move).
 */
public final class CalendarInvite {
    /** ical4j's registry of the zone rules bundled with it (never fetched at run time; see ical4j.properties). */
    private static final TimeZoneRegistry ZONES = TimeZoneRegistryFactory.getInstance().createRegistry();

    /**
     * What the invitation says.
     *
     * @param uid      stable across re-sends and changes, so calendars update the one event (RFC 5545 §3.8.4.7)
     * @param sequence revision, raised when the schedule changes (RFC 5546 §2.1.4)
     * @param description the event's description, in the registrant's language
     */
    public record Event(String uid, int sequence, String summary, ZonedDateTime start, int durationMinutes, String joinUrl,
                        String organizerAddress, String organizerName, String attendeeAddress, String attendeeName,
                        Instant stamp, String description) {}

    private CalendarInvite() {}

    /** The invitation (METHOD:REQUEST) as text, lines folded and CRLF-terminated as RFC 5545 §3.1 requires. */
    public static String of(Event e) {
        return calendar(e, false);
    }

    /** The cancellation of the invitation (METHOD:CANCEL, STATUS:CANCELLED); {@code e.sequence()} must be higher. */
    public static String cancel(Event e) {
        return calendar(e, true);
    }

    private static String calendar(Event e, boolean cancel) {
        TimeZone zone = ZONES.getTimeZone(e.start().getZone().getId());
        if (zone == null) throw new IllegalArgumentException("no VTIMEZONE known for " + e.start().getZone());
        ZonedDateTime end = e.start().plusMinutes(e.durationMinutes()); // on the time line, not the wall clock
        VEvent event = new VEvent(e.start(), end, e.summary());
        event.add(new Uid(e.uid()));
        event.add(new DtStamp(e.stamp()));
        event.add(new Sequence(e.sequence()));
        event.add(cancel ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);
        if (!cancel) { // a cancelled event's link leads nowhere
            event.add(new Location(e.joinUrl()));
            event.add(new Url(URI.create(e.joinUrl())));
        }
        event.add(new Description(e.description()));
        Organizer organizer = new Organizer(URI.create("mailto:" + e.organizerAddress()));
        if (e.organizerName() != null) organizer.add(new Cn(e.organizerName()));
        event.add(organizer);
        Attendee attendee = new Attendee(URI.create("mailto:" + e.attendeeAddress()));
        attendee.add(new Cn(e.attendeeName()));
        attendee.add(Role.REQ_PARTICIPANT);
        attendee.add(PartStat.ACCEPTED); // registering was the acceptance; calendars need not ask again
        event.add(attendee);
        Calendar calendar = new Calendar().withProdId("-//Plenum//Plenum 0.1//EN").withDefaults()
                .withComponent(zone.getVTimeZone()).withComponent(event).getFluentTarget();
        calendar.add(cancel ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST);
        return calendar.toString();
    }
}
