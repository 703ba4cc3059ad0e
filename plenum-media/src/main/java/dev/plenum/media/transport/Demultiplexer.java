package dev.plenum.media.transport;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The first stage after the socket: classifies each inbound packet (RFC 7983 §7) and routes it.
 *
 * <pre>
 *  UDP datagram / RFC 4571 frame
 *        │  (buf, from, replyPath)
 *        ▼
 *  PacketClassifier ──UNCLASSIFIED──► drop, count
 *        │ too short for its type ──► drop, count MALFORMED
 *        ├── STUN ──────────────────► StunHandler.onStun        (any source: this is how sources become known)
 *        └── DTLS / RTP / RTCP
 *              │ address table lookup by (transport, from)
 *              ├── unknown ──────────► drop, count UNKNOWN_SOURCE (no per-source state is created)
 *              └── Endpoint.onDtls / onRtp / onRtcp
 * </pre>
 *
 * <p><b>Buffer ownership.</b> {@link #onPacket} takes ownership of the buffer. When it hands the buffer to a
 * handler, ownership passes with the call (even if the handler throws: the handler must release in its own
 * {@code finally}). When it drops the buffer, it releases it itself in {@code finally}. Nobody else releases.
 *
 * <p><b>Allocation.</b> The per-packet path allocates nothing: the classifier reads two bytes, the lookup uses the
 * {@link InetSocketAddress} object the socket already created for the packet (Netty's {@code DatagramPacket.sender()}
 * or the TCP channel's cached remote address) as the key of a {@link ConcurrentHashMap}, and drops only increment
 * counters. Packets from unknown sources never create state; the table only grows through {@link #register}, which
 * the STUN handler calls after a message-integrity check, and it is bounded by
 * {@link MediaTransportConfig#maxRegisteredSources()}.
 *
 * <p><b>Threads.</b> {@link #onPacket} is called concurrently by the UDP socket's and the TCP socket's event loop
 * threads (one thread each); handlers it calls must not block. {@link #register} and the unregister methods may be
 * called from any thread.
 */
public final class Demultiplexer {

    private final StunHandler stunHandler;
    private final TransportCounters counters;
    private final int maxRegisteredSources;
    private final ConcurrentHashMap<InetSocketAddress, Endpoint> udpSources = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<InetSocketAddress, Endpoint> tcpSources = new ConcurrentHashMap<>();
    private final AtomicInteger registered = new AtomicInteger();

    public Demultiplexer(StunHandler stunHandler, TransportCounters counters, int maxRegisteredSources) {
        this.stunHandler = Objects.requireNonNull(stunHandler, "stunHandler");
        this.counters = Objects.requireNonNull(counters, "counters");
        if (maxRegisteredSources < 1) {
            throw new IllegalArgumentException("maxRegisteredSources must be positive");
        }
        this.maxRegisteredSources = maxRegisteredSources;
    }

    /**
     * Classifies and routes one inbound packet (its readable bytes). Takes ownership of {@code packet}.
     *
     * @param from      the remote transport address (UDP sender or TCP peer)
     * @param replyPath the socket or connection the packet arrived on
     */
    public void onPacket(ByteBuf packet, InetSocketAddress from, PacketSender replyPath) {
        boolean handedOff = false;
        try {
            PacketType type = PacketClassifier.classify(packet);
            if (type == PacketType.UNCLASSIFIED) {
                counters.dropped(DropReason.UNCLASSIFIED);
                return;
            }
            if (packet.readableBytes() < type.minimumLength()) {
                counters.dropped(DropReason.MALFORMED);
                return;
            }
            if (type == PacketType.STUN) {
                counters.classified(type);
                handedOff = true;
                stunHandler.onStun(packet, from, replyPath);
                return;
            }
            Endpoint endpoint = table(replyPath.transport()).get(from);
            if (endpoint == null) {
                counters.dropped(DropReason.UNKNOWN_SOURCE);
                return;
            }
            counters.classified(type);
            handedOff = true;
            switch (type) {
                case DTLS -> endpoint.onDtls(packet, from, replyPath);
                case RTP -> endpoint.onRtp(packet, from, replyPath);
                case RTCP -> endpoint.onRtcp(packet, from, replyPath);
                default -> throw new AssertionError(type); // STUN and UNCLASSIFIED handled above
            }
        } finally {
            if (!handedOff) {
                packet.release();
            }
        }
    }

    /**
     * Routes DTLS, RTP and RTCP from {@code remote} on {@code transport} to {@code endpoint}, replacing any
     * previous registration of that address (an ICE re-nomination).
     *
     * @return false, and nothing registered, when the table already holds the maximum number of sources
     */
    public boolean register(InetSocketAddress remote, PacketSender.Transport transport, Endpoint endpoint) {
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(endpoint, "endpoint");
        ConcurrentHashMap<InetSocketAddress, Endpoint> table = table(transport);
        if (table.replace(remote, endpoint) != null) {
            return true;
        }
        if (registered.incrementAndGet() > maxRegisteredSources) {
            registered.decrementAndGet();
            return false;
        }
        if (table.putIfAbsent(remote, endpoint) != null) {
            // Registered concurrently by someone else: that entry is already counted.
            registered.decrementAndGet();
            table.put(remote, endpoint);
        }
        return true;
    }

    /** Stops routing from {@code remote} on {@code transport}. Returns the endpoint that was registered, or null. */
    public Endpoint unregister(InetSocketAddress remote, PacketSender.Transport transport) {
        Endpoint removed = table(transport).remove(remote);
        if (removed != null) {
            registered.decrementAndGet();
        }
        return removed;
    }

    /** Stops routing every address registered for {@code endpoint} (a participant leaving). Not for the hot path. */
    public void unregisterAll(Endpoint endpoint) {
        for (ConcurrentHashMap<InetSocketAddress, Endpoint> table : List.of(udpSources, tcpSources)) {
            for (InetSocketAddress address : table.keySet()) {
                if (table.remove(address, endpoint)) {
                    registered.decrementAndGet();
                }
            }
        }
    }

    /** The endpoint registered for {@code remote} on {@code transport}, or null. */
    public Endpoint lookup(InetSocketAddress remote, PacketSender.Transport transport) {
        return table(transport).get(remote);
    }

    /** Number of registered remote addresses, over both transports. */
    public int registeredSources() {
        return registered.get();
    }

    private ConcurrentHashMap<InetSocketAddress, Endpoint> table(PacketSender.Transport transport) {
        return transport == PacketSender.Transport.UDP ? udpSources : tcpSources;
    }
}
