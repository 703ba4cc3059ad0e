package dev.plenum.media.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.bouncycastle.tls.DatagramTransport;

/**
 * The datagram transport under BouncyCastle's DTLS: datagrams arrive from the shared UDP socket's thread through
 * {@link #offer(byte[])} into a bounded queue, and BouncyCastle's thread takes them in {@link #receive}; what
 * BouncyCastle sends goes straight to the injected sender.
 *
 * <p>Thread model: {@code offer} from any thread; {@code receive}, {@code send} and {@code close} only from the
 * endpoint's thread.
 */
final class QueuedDatagramTransport implements DatagramTransport {

    /** Larger than any datagram a WebRTC peer sends; the rest of an oversized datagram is cut off. */
    static final int RECEIVE_LIMIT = 2048;

    private final ArrayBlockingQueue<byte[]> incoming;
    private final Consumer<byte[]> sender;
    private final int mtu;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean closed;

    QueuedDatagramTransport(int capacity, int mtu, Consumer<byte[]> sender) {
        this.incoming = new ArrayBlockingQueue<>(capacity);
        this.sender = sender;
        this.mtu = mtu;
    }

    /**
     * Queues one datagram; returns false (and counts a drop) when it is not well-formed DTLS
     * ({@link DtlsRecordFilter}), the queue is full, or the transport is closed.
     */
    boolean offer(byte[] datagram) {
        if (closed || !DtlsRecordFilter.isPlausible(datagram, datagram.length) || !incoming.offer(datagram)) {
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    long droppedCount() {
        return dropped.get();
    }

    @Override
    public int getReceiveLimit() {
        return RECEIVE_LIMIT;
    }

    @Override
    public int getSendLimit() {
        return mtu;
    }

    /** Returns the datagram's length, or -1 when none arrived within {@code waitMillis} (BouncyCastle's convention). */
    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed) {
            throw new IOException("transport closed");
        }
        byte[] datagram;
        try {
            datagram = waitMillis <= 0 ? incoming.poll() : incoming.poll(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a datagram");
        }
        if (datagram == null) {
            if (closed) {
                throw new IOException("transport closed");
            }
            return -1;
        }
        int n = Math.min(len, datagram.length);
        System.arraycopy(datagram, 0, buf, off, n);
        return n;
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("transport closed");
        }
        byte[] copy = new byte[len];
        System.arraycopy(buf, off, copy, 0, len);
        try {
            sender.accept(copy);
        } catch (RuntimeException e) {
            throw new IOException("datagram sender failed", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        incoming.clear();
    }
}
