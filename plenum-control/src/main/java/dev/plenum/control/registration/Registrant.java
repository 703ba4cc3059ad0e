package dev.plenum.control.registration;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A person registered for a conference. The personal join key is not kept: {@link MailLinks} makes it from the id.
 *
 * @param language         the language of the registration page, in which every mail to the registrant is written
 * @param unsubscribeToken the random secret of the unsubscribe link
 * @param unsubscribed     true once the registrant asked for no more reminders
 * @param joinRevokedAt    when an organiser revoked the personal join link, or null
 */
public record Registrant(long id, long conferenceId, long organisationId, String name, String email,
                         Map<String, String> answers, String status, String language, String unsubscribeToken,
                         boolean unsubscribed, Instant joinRevokedAt, Instant createdAt, Instant updatedAt) {
    public static final List<String> STATUSES = List.of("pending", "approved", "denied", "cancelled");
}
