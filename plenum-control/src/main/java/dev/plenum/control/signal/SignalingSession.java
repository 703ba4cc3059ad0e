package dev.plenum.control.signal;

import dev.plenum.control.room.Room;
import dev.plenum.control.token.Role;
import dev.plenum.media.session.MediaSession;
import java.util.concurrent.ScheduledFuture;

/**
 * One participant's signaling state, which outlives a single WebSocket: during the reconnect grace period it
 * waits, without a socket, for the same participant to come back with its resume token.
 */
final class SignalingSession {
    final Room room;
    final String participantId;
    /** Changed by promotion and demotion (only by the server). */
    volatile Role role;
    final String resumeToken;
    final RateLimiter reactions;
    final RateLimiter chat;
    final String browserId; // from the browser's cookie; null when it sent none
    volatile SignalingConnection connection;
    volatile ScheduledFuture<?> graceTimer;
    volatile MediaSession media;
    /** In the room's lobby: not yet a member; may only ping or leave. */
    volatile boolean waiting;
    /** The e-mail address the join token carried (a signed-in member, a token holder), or null. */
    volatile String email;
    /** Who this participant is for the attendance report (see {@link dev.plenum.control.attendance.PersonKey}). */
    volatile String personKey;
    /** Known by e-mail address or browser, so that a role a host gives it is kept for when it joins again. */
    volatile boolean recognisable;
    /** The personal access token this participant joined with, revoked if a host removes it; null for none. */
    volatile Long accessTokenId;
    /** The host whose invitation to speak awaits this attendee's answer, or null. */
    volatile String invitedBy;

    SignalingSession(Room room, String participantId, Role role, String resumeToken, RateLimiter reactions,
                     RateLimiter chat, String browserId) {
        this.room = room;
        this.participantId = participantId;
        this.role = role;
        this.resumeToken = resumeToken;
        this.reactions = reactions;
        this.chat = chat;
        this.browserId = browserId;
    }
}
