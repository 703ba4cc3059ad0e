package dev.plenum.media.ice;

import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Remote address → participant, for every packet after ICE has found the pair. Plenum has one local UDP socket, so
 * the remote address alone names the 5-tuple; ICE-TCP connections are demultiplexed by their channel instead.
 *
 * <p>A lookup is one {@link ConcurrentHashMap#get} keyed by the {@link InetSocketAddress} the transport already
 * created for the datagram (hashing it allocates nothing). Bounded by {@code maxEntries}. Thread-safe.
 *
 * @param <P> the participant type
 */
public final class FiveTupleTable<P> {
    private final ConcurrentHashMap<InetSocketAddress, P> byRemote = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int maxEntries;

    public FiveTupleTable(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
    }

    /**
     * Binds {@code remote} to {@code participant} (e.g. when ICE nominates it), replacing an earlier binding of the
     * same address. Returns false, binding nothing, when the table is full.
     */
    public boolean bind(InetSocketAddress remote, P participant) {
        if (size.incrementAndGet() > maxEntries) {
            size.decrementAndGet();
            return byRemote.replace(remote, participant) != null;
        }
        if (byRemote.put(remote, participant) != null) {
            size.decrementAndGet();
        }
        return true;
    }

    /** Unbinds {@code remote} if it is still bound to {@code participant}. */
    public boolean unbind(InetSocketAddress remote, P participant) {
        boolean removed = byRemote.remove(remote, participant);
        if (removed) {
            size.decrementAndGet();
        }
        return removed;
    }

    /** Unbinds every address of {@code participant} (on leave). Scans the table: not for the packet path. */
    public void unbindAll(P participant) {
        byRemote.forEach((remote, p) -> {
            if (p == participant) {
                unbind(remote, p);
            }
        });
    }

    /** The participant behind {@code remote}, or null. Per packet; allocates nothing. */
    public P get(InetSocketAddress remote) {
        return byRemote.get(remote);
    }

    public int size() {
        return size.get();
    }
}
