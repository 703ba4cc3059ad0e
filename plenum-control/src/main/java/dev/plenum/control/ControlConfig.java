package dev.plenum.control;

import dev.plenum.control.tls.TlsIdentity;
import java.time.Duration;
import java.util.List;
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
 * @param maxSdpBytes        largest accepted SDP (the {@code sdp} field of an answer), in UTF-8 bytes
 * @param maxAudioTracksPerParticipant audio tracks one participant's answer may send (the SFU offers one slot)
 * @param maxVideoTracksPerParticipant video tracks one participant's answer may send (the SFU offers one slot)
 * @param iceServers         STUN/TURN servers handed to browsers in the join reply and {@code welcome}
 * @param tls                certificate and key to serve HTTPS/WSS with; null serves plain HTTP
 */
public record ControlConfig(String host, int port, boolean adHocRooms, int maxParticipantsPerRoom,
                            Duration joinTokenLifetime, Duration reconnectGrace,
                            int maxSignalingMessageBytes, int maxSignalingMessagesPerSecond,
                            int maxSdpBytes, int maxAudioTracksPerParticipant, int maxVideoTracksPerParticipant,
                            List<IceServer> iceServers, TlsIdentity tls) {
    public static final int DEFAULT_MAX_SDP_BYTES = 32 * 1024;
    /** More tracks of one kind than this in one answer is abuse whatever the configuration. */
    public static final int MAX_TRACKS_PER_KIND = 16;

    public ControlConfig {
        Objects.requireNonNull(host, "host");
        iceServers = List.copyOf(iceServers);
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, was " + port);
        if (maxParticipantsPerRoom < 1) throw new IllegalArgumentException("maxParticipantsPerRoom must be >= 1");
        if (joinTokenLifetime.isNegative() || joinTokenLifetime.isZero()) throw new IllegalArgumentException("joinTokenLifetime must be positive");
        if (reconnectGrace.isNegative()) throw new IllegalArgumentException("reconnectGrace must not be negative");
        if (maxSignalingMessageBytes < 1024) throw new IllegalArgumentException("maxSignalingMessageBytes must be >= 1024");
        if (maxSignalingMessagesPerSecond < 1) throw new IllegalArgumentException("maxSignalingMessagesPerSecond must be >= 1");
        if (maxSdpBytes < 1024) throw new IllegalArgumentException("maxSdpBytes must be >= 1024, was " + maxSdpBytes);
        if (maxAudioTracksPerParticipant < 0 || maxAudioTracksPerParticipant > MAX_TRACKS_PER_KIND)
            throw new IllegalArgumentException("maxAudioTracksPerParticipant must be 0.." + MAX_TRACKS_PER_KIND);
        if (maxVideoTracksPerParticipant < 0 || maxVideoTracksPerParticipant > MAX_TRACKS_PER_KIND)
            throw new IllegalArgumentException("maxVideoTracksPerParticipant must be 0.." + MAX_TRACKS_PER_KIND);
    }

    /** The original eight settings; the later ones take their defaults. */
    public ControlConfig(String host, int port, boolean adHocRooms, int maxParticipantsPerRoom,
                         Duration joinTokenLifetime, Duration reconnectGrace,
                         int maxSignalingMessageBytes, int maxSignalingMessagesPerSecond) {
        this(host, port, adHocRooms, maxParticipantsPerRoom, joinTokenLifetime, reconnectGrace, maxSignalingMessageBytes,
                maxSignalingMessagesPerSecond, DEFAULT_MAX_SDP_BYTES, 1, 1, List.of(), null);
    }

    public static ControlConfig defaults() {
        return new ControlConfig("127.0.0.1", 8080, true, 50, Duration.ofMinutes(5), Duration.ofSeconds(20), 65536, 50);
    }

    public ControlConfig withPort(int newPort) {
        return new ControlConfig(host, newPort, adHocRooms, maxParticipantsPerRoom, joinTokenLifetime, reconnectGrace,
                maxSignalingMessageBytes, maxSignalingMessagesPerSecond, maxSdpBytes, maxAudioTracksPerParticipant,
                maxVideoTracksPerParticipant, iceServers, tls);
    }

    public ControlConfig withHost(String newHost) {
        return new ControlConfig(newHost, port, adHocRooms, maxParticipantsPerRoom, joinTokenLifetime, reconnectGrace,
                maxSignalingMessageBytes, maxSignalingMessagesPerSecond, maxSdpBytes, maxAudioTracksPerParticipant,
                maxVideoTracksPerParticipant, iceServers, tls);
    }

    public ControlConfig withMaxSdpBytes(int max) {
        return new ControlConfig(host, port, adHocRooms, maxParticipantsPerRoom, joinTokenLifetime, reconnectGrace,
                maxSignalingMessageBytes, maxSignalingMessagesPerSecond, max, maxAudioTracksPerParticipant,
                maxVideoTracksPerParticipant, iceServers, tls);
    }

    public ControlConfig withMaxParticipantsPerRoom(int max) {
        return new ControlConfig(host, port, adHocRooms, max, joinTokenLifetime, reconnectGrace,
                maxSignalingMessageBytes, maxSignalingMessagesPerSecond, maxSdpBytes, maxAudioTracksPerParticipant,
                maxVideoTracksPerParticipant, iceServers, tls);
    }

    public ControlConfig withTrackLimits(int audio, int video) {
        return new ControlConfig(host, port, adHocRooms, maxParticipantsPerRoom, joinTokenLifetime, reconnectGrace,
                maxSignalingMessageBytes, maxSignalingMessagesPerSecond, maxSdpBytes, audio, video, iceServers, tls);
    }

    public ControlConfig withIceServers(List<IceServer> servers) {
        return new ControlConfig(host, port, adHocRooms, maxParticipantsPerRoom, joinTokenLifetime, reconnectGrace,
                maxSignalingMessageBytes, maxSignalingMessagesPerSecond, maxSdpBytes, maxAudioTracksPerParticipant,
                maxVideoTracksPerParticipant, servers, tls);
    }

    /** Serve HTTPS and WSS with this identity; null for plain HTTP. */
    public ControlConfig withTls(TlsIdentity identity) {
        return new ControlConfig(host, port, adHocRooms, maxParticipantsPerRoom, joinTokenLifetime, reconnectGrace,
                maxSignalingMessageBytes, maxSignalingMessagesPerSecond, maxSdpBytes, maxAudioTracksPerParticipant,
                maxVideoTracksPerParticipant, iceServers, identity);
    }

    /** Whether the server speaks HTTPS and WSS. */
    public boolean tlsEnabled() {
        return tls != null;
    }
}
