package dev.plenum.media.ice;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Our local ufrag → participant, for the first packets of a participant: the STUN checks that arrive before we
 * know its address (DESIGN: demultiplex by ufrag, then by 5-tuple).
 *
 * <p>Lookups run per incoming STUN packet and must not allocate, even for unknown ufrags (a flood of forged checks
 * must cost nothing). The key is read straight from the packet: pass the span found by
 * {@link dev.plenum.media.stun.StunMessages#usernameLocalPart} and a {@link Probe} owned by the calling I/O thread.
 *
 * <p>Bounded by {@code maxEntries}; registration beyond it is refused. Thread-safe: registration from signaling
 * threads, lookups from any number of I/O threads, each with its own probe.
 *
 * @param <P> the participant type
 */
public final class UfragRegistry<P> {

    /** Outcome of {@link #register}. */
    public enum Registration { REGISTERED, DUPLICATE, FULL }

    private final ConcurrentHashMap<Object, P> byUfrag = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int maxEntries;

    public UfragRegistry(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
    }

    /** Maps {@code ufrag} to {@code participant} unless the ufrag is taken or the registry is full. */
    public Registration register(String ufrag, P participant) {
        if (size.incrementAndGet() > maxEntries) {
            size.decrementAndGet();
            return Registration.FULL;
        }
        if (byUfrag.putIfAbsent(new Key(ufrag), participant) != null) {
            size.decrementAndGet();
            return Registration.DUPLICATE;
        }
        return Registration.REGISTERED;
    }

    /** Removes the mapping of {@code ufrag} if it still points to {@code participant}. */
    public boolean unregister(String ufrag, P participant) {
        boolean removed = byUfrag.remove(new Key(ufrag), participant);
        if (removed) {
            size.decrementAndGet();
        }
        return removed;
    }

    /** Lookup by string, for control-plane code. Allocates. */
    public P get(String ufrag) {
        return byUfrag.get(new Key(ufrag));
    }

    /** Lookup by the ufrag bytes {@code [offset, offset + length)} of {@code buf}; allocates nothing. */
    public P lookup(Probe probe, ByteBuf buf, int offset, int length) {
        return byUfrag.get(probe.aim(buf, offset, length));
    }

    public int size() {
        return size.get();
    }

    /** A reusable lookup key over packet bytes; one per I/O thread, not thread-safe. */
    public Probe newProbe() {
        return new Probe();
    }

    private static int hash(byte b, int h) {
        return 31 * h + b;
    }

    /** A stored ufrag (ASCII bytes, ice-chars only). */
    private static final class Key {
        final byte[] bytes;
        final int hash;

        Key(String ufrag) {
            bytes = ufrag.getBytes(StandardCharsets.US_ASCII);
            int h = 1;
            for (byte b : bytes) {
                h = hash(b, h);
            }
            hash = h;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }
    }

    /**
     * Stands in for a {@link Key} during {@link ConcurrentHashMap#get}, which calls {@code probe.equals(storedKey)};
     * its hash is computed the same way over the packet bytes.
     */
    public static final class Probe {
        private ByteBuf buf;
        private int offset;
        private int length;
        private int hash;

        private Probe() {}

        Probe aim(ByteBuf buf, int offset, int length) {
            this.buf = buf;
            this.offset = offset;
            this.length = length;
            int h = 1;
            for (int i = 0; i < length; i++) {
                h = hash(buf.getByte(offset + i), h);
            }
            this.hash = h;
            return this;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key k) || k.bytes.length != length) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (k.bytes[i] != buf.getByte(offset + i)) {
                    return false;
                }
            }
            return true;
        }
    }
}
