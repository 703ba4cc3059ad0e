package dev.plenum.control;

import java.time.Duration;
import java.util.Objects;

/**
 * The control role's configuration: one typed object, defaults in {@link #defaults()}, validated when built.
 *
 * @param host               address the HTTP server binds
 * @param port               HTTP port (0 picks a free one, for tests)
 * @param adHocRooms         any free room name opens a meeting (embedded default); production requires organisers
 * @param maxParticipantsPerRoom refuse joins beyond this
 * @param joinTokenLifetime  how long a join token may be presented to the signaling WebSocket
 * @param reconnectGrace     how long an abnormally dropped participant is kept as "reconnecting"
 * @param maxSignalingMessageBytes largest accepted signaling message
 * @param maxSignalingMessagesPerSecond per-connection rate limit
 */
public record ControlConfig(String host, int port, boolean adHocRooms, int maxParticipantsPerRoom,
                            Duration joinTokenLifetime, Duration reconnectGrace,
                            int maxSignalingMessageBytes, int maxSignalingMessagesPerSecond) {

    public ControlConfig {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, was " + port);
        if (maxParticipantsPerRoom < 1) throw new IllegalArgumentException("maxParticipantsPerRoom must be >= 1");
        if (joinTokenLifetime.isNegative() || joinTokenLifetime.isZero()) throw new IllegalArgumentException("joinTokenLifetime must be positive");
        if (reconnectGrace.isNegative()) throw new IllegalArgumentException("reconnectGrace must not be negative");
        if (maxSignalingMessageBytes < 1024) throw new IllegalArgumentException("maxSignalingMessageBytes must be >= 1024");
        if (maxSignalingMessagesPerSecond < 1) throw new IllegalArgumentException("maxSignalingMessagesPerSecond must be >= 1");
    }

    public static ControlConfig defaults() {
        return new ControlConfig("127.0.0.1", 8080, true, 50, Duration.ofMinutes(5), Duration.ofSeconds(20), 65536, 50);
    }

    public ControlConfig withPort(int newPort) {
        return new ControlConfig(host, newPort, adHocRooms, maxParticipantsPerRoom, joinTokenLifetime, reconnectGrace,
                maxSignalingMessageBytes, maxSignalingMessagesPerSecond);
    }

    public ControlConfig withHost(String newHost) {
        return new ControlConfig(newHost, port, adHocRooms, maxParticipantsPerRoom, joinTokenLifetime, reconnectGrace,
                maxSignalingMessageBytes, maxSignalingMessagesPerSecond);
    }
}
