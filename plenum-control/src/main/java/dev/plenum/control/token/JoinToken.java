package dev.plenum.control.token;

import java.time.Instant;

/**
 * The claims of a signed join token: who joins which room, in which role, until when.
 *
 * @param email         the e-mail address known for this person (a signed-in member's, or the one a personal access
 *                      token was issued with), for the attendance report; null when none is known
 * @param accessTokenId the personal access token this person joined with (revoked should a host remove them), or null
 */
public record JoinToken(String room, String participantId, String displayName, Role role, Instant expiresAt,
                        String email, Long accessTokenId) {
    /** A token for someone who did not sign in. */
    public JoinToken(String room, String participantId, String displayName, Role role, Instant expiresAt) {
        this(room, participantId, displayName, role, expiresAt, null, null);
    }

    public JoinToken(String room, String participantId, String displayName, Role role, Instant expiresAt, String email) {
        this(room, participantId, displayName, role, expiresAt, email, null);
    }
}
