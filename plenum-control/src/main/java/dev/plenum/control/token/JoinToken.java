package dev.plenum.control.token;

import java.time.Instant;

/**
 * The claims of a signed join token: who joins which room, in which role, until when.
 *
 * @param email the signed-in member's e-mail address (for the attendance report), or null for anyone else
 */
public record JoinToken(String room, String participantId, String displayName, Role role, Instant expiresAt,
                        String email) {
    /** A token for someone who did not sign in. */
    public JoinToken(String room, String participantId, String displayName, Role role, Instant expiresAt) {
        this(room, participantId, displayName, role, expiresAt, null);
    }
}
