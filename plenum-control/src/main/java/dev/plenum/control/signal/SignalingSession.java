package dev.plenum.control.signal;

import dev.plenum.control.room.Room;
import dev.plenum.media.session.MediaSession;
import java.util.concurrent.ScheduledFuture;

/**
 * One participant's signaling state, which outlives a single WebSocket: during the reconnect grace period it
 * waits, without a socket, for the same participant to come back with its resume token.
 */
final class SignalingSession {
    final Room room;
    final String participantId;
    final String resumeToken;
    volatile SignalingConnection connection;
    volatile ScheduledFuture<?> graceTimer;
    volatile MediaSession media;

    SignalingSession(Room room, String participantId, String resumeToken) {
        this.room = room;
        this.participantId = participantId;
        this.resumeToken = resumeToken;
    }
}
