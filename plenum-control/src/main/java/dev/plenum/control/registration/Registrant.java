package dev.plenum.control.registration;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A person registered for a conference.
 *
 * @param joinKey          the random secret of the personal join link (sent to the registrant only)
 * @param unsubscribeToken the random secret of the unsubscribe link
 * @param unsubscribed     true once the registrant asked for no more reminders
 */
public record Registrant(long id, long conferenceId, long organisationId, String name, String email,
                         Map<String, String> answers, String status, String joinKey, String unsubscribeToken,
                         boolean unsubscribed, Instant createdAt, Instant updatedAt) {
    public static final List<String> STATUSES = List.of("pending", "approved", "denied", "cancelled");
}
