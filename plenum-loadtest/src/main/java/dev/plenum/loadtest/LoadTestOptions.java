package dev.plenum.loadtest;

import dev.plenum.loadtest.media.MediaProfile;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A load test's settings, checked when made.
 *
 * @param server the server's base URL, e.g. {@code http://127.0.0.1:8080}
 * @param publishers participants that publish audio and video (and receive each other)
 * @param subscribers participants that only receive
 * @param signalingOnly participants without media: they join, receive room events and are timed on them
 * @param rooms rooms to spread both kinds of participant over, round robin
 * @param duration from the first join to the end, ramp included
 * @param joinsPerSecond ramp rate: participants started per second
 * @param warmup once every participant has connected (or failed), how long before delays and server CPU are measured
 * @param samplePercent share of received packets decrypted for their send-time stamp, per track (0 < p ≤ 100)
 * @param threads event-loop threads for the participants' sockets
 * @param json where to write the JSON report, or null
 * @param roomPrefix room names are {@code prefix-1} .. {@code prefix-R}
 * @param eventInterval once the steady state has begun, each room gets a timed chat message, poll and page turn
 *     this often
 * @param downlinkLossPercent share of arriving RTP packets each media participant drops, as a lossy downlink would
 *     (0 ≤ p ≤ 50), so that NACKs and the SFU's retransmissions are part of the load
 * @param tileHeight the height in pixels each media participant reports (in {@code tileSizes}) for every camera it
 *     receives, which chooses the simulcast layer the SFU sends it; 0 reports nothing (the SFU then sends the lowest)
 */
public record LoadTestOptions(URI server, int publishers, int subscribers, int signalingOnly, int rooms,
                              Duration duration, double joinsPerSecond, Duration warmup, double samplePercent,
                              MediaProfile media, int threads, Path json, String roomPrefix, Duration eventInterval,
                              double downlinkLossPercent, int tileHeight) {

    public LoadTestOptions(URI server, int publishers, int subscribers, int signalingOnly, int rooms, Duration duration,
            double joinsPerSecond, Duration warmup, double samplePercent, MediaProfile media, int threads, Path json,
            String roomPrefix, Duration eventInterval, double downlinkLossPercent) {
        this(server, publishers, subscribers, signalingOnly, rooms, duration, joinsPerSecond, warmup, samplePercent,
                media, threads, json, roomPrefix, eventInterval, downlinkLossPercent, 0);
    }

    public LoadTestOptions {
        if (server == null || server.getHost() == null
                || !("http".equals(server.getScheme()) || "https".equals(server.getScheme()))) {
            throw new IllegalArgumentException("--url must be an http:// or https:// URL with a host, e.g. http://127.0.0.1:8080");
        }
        if (publishers < 0 || subscribers < 0 || signalingOnly < 0) {
            throw new IllegalArgumentException("--publishers, --subscribers and --signaling-only must not be negative");
        }
        int participants = publishers + subscribers + signalingOnly; // fields are not assigned yet in here
        if (participants < 1) throw new IllegalArgumentException("at least one publisher, subscriber or signaling-only participant is needed");
        if (rooms < 1) throw new IllegalArgumentException("--rooms must be at least 1");
        if (rooms > participants) throw new IllegalArgumentException("--rooms must not exceed the number of participants");
        if (duration == null || duration.isNegative() || duration.isZero()) throw new IllegalArgumentException("--duration must be positive");
        if (!(joinsPerSecond > 0)) throw new IllegalArgumentException("--ramp must be positive (participants per second)");
        if (warmup == null || warmup.isNegative()) throw new IllegalArgumentException("--warmup must not be negative");
        if (!(samplePercent > 0 && samplePercent <= 100)) throw new IllegalArgumentException("--sample must be in (0, 100]");
        if (threads < 1 || threads > 64) throw new IllegalArgumentException("--threads must be 1..64");
        if (roomPrefix == null || !roomPrefix.matches("[a-z0-9][a-z0-9-]{0,40}")) {
            throw new IllegalArgumentException("--room-prefix must be lower-case letters, digits and '-' (at most 41)");
        }
        // The server lets one person write at most two chat messages a second (docs/signaling.md).
        if (eventInterval == null || eventInterval.toMillis() < 900) throw new IllegalArgumentException("--event-interval must be at least 0.9 s");
        if (!(downlinkLossPercent >= 0 && downlinkLossPercent <= 50)) throw new IllegalArgumentException("--loss must be in [0, 50]");
        if (tileHeight < 0 || tileHeight > 4320) throw new IllegalArgumentException("--tile-height must be 0..4320");
    }

    /** Everyone the run starts: publishers, subscribers and signaling-only participants. */
    public int participants() {
        return publishers + subscribers + signalingOnly;
    }

    /** Decrypt one packet in this many per track. */
    public int sampleEvery() {
        return (int) Math.max(1, Math.round(100.0 / samplePercent));
    }

    /** A base URL without a trailing path, so {@code resolve("/api/...")} lands at the server's root. */
    public URI base() {
        return URI.create(server.getScheme() + "://" + server.getRawAuthority() + "/");
    }
}
