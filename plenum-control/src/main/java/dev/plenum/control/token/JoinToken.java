package dev.plenum.control.token;

import java.time.Instant;

/** The claims of a signed join token: who joins which room, in which role, until when. */
public record JoinToken(String room, String participantId, String displayName, Role role, Instant expiresAt) {
}
