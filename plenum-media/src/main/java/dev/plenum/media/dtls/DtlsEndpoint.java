package dev.plenum.media.dtls;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsTimeoutException;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One participant's DTLS-SRTP association (RFC 5764 over DTLS 1.2, RFC 6347).
 *
 * <pre>
 *  shared UDP socket ──offerIncoming()──► bounded queue ──► [endpoint thread: BouncyCastle DTLS]
 *                                                               │ handshake, retransmission, alerts
 *  shared UDP socket ◄──────── sender ◄─────────────────────────┘
 *                                                               └─► DtlsListener: keys | failure | closed
 * </pre>
 *
 * <p>Thread model: {@link #start()} launches one virtual thread that runs the handshake and, after it, reads
 * application data and close_notify until the association ends; every {@link DtlsListener} call is made on
 * that thread. {@link #offerIncoming} may be called from any thread (the socket's event loop) and never blocks:
 * a full queue drops the datagram and counts it. {@link #close()} may be called from any thread.
 *
 * <p>The peer is authenticated only by its certificate fingerprint from the remote SDP (RFC 5763 §5): a
 * certificate that does not hash to it aborts the handshake with a bad_certificate alert. The extended master
 * secret (RFC 7627) is required. BouncyCastle's lightweight crypto ({@link BcTlsCrypto}) is used, so no JCA
 * provider is registered.
 */
public final class DtlsEndpoint implements AutoCloseable {

    /** Lifecycle, in order; {@code FAILED} replaces {@code CONNECTED} when the handshake does not complete. */
    public enum State { NEW, HANDSHAKING, CONNECTED, FAILED, CLOSED }

    private static final Logger LOG = LoggerFactory.getLogger(DtlsEndpoint.class);
    /** How often the post-handshake read loop wakes to notice a close. */
    private static final int READ_POLL_MILLIS = 1000;
    private static final long CLOSE_JOIN_MILLIS = 2000;

    private final DtlsRole role;
    private final DtlsCertificate localCertificate;
    private final DtlsFingerprint remoteFingerprint;
    private final DtlsListener listener;
    private final DtlsConfig config;
    private final QueuedDatagramTransport transport;
    private final HandshakeOutcome outcome = new HandshakeOutcome();
    private final String name;

    private volatile State state = State.NEW;
    private volatile boolean closing;
    private Thread thread;

    /**
     * @param role {@link DtlsRole#SERVER} when the browser answered {@code a=setup:active}
     * @param localCertificate the node's certificate, whose fingerprint went into the local SDP
     * @param remoteFingerprint parsed from the remote SDP's {@code a=fingerprint} ({@link DtlsFingerprint#parse})
     * @param sender sends one datagram to the peer's selected ICE address; called on the endpoint's thread, must
     *     not block and must not keep the array after returning unless it owns it (it is a fresh copy)
     * @param listener receives the handshake outcome and later events
     * @param config timeouts and bounds; {@link DtlsConfig#DEFAULTS} fits browsers
     */
    public DtlsEndpoint(DtlsRole role, DtlsCertificate localCertificate, DtlsFingerprint remoteFingerprint,
            Consumer<byte[]> sender, DtlsListener listener, DtlsConfig config) {
        this.role = Objects.requireNonNull(role, "role");
        this.localCertificate = Objects.requireNonNull(localCertificate, "localCertificate");
        this.remoteFingerprint = Objects.requireNonNull(remoteFingerprint, "remoteFingerprint");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.config = Objects.requireNonNull(config, "config");
        this.transport = new QueuedDatagramTransport(
                config.incomingQueueCapacity(), config.mtu(), Objects.requireNonNull(sender, "sender"));
        this.name = "dtls-" + role.name().toLowerCase(java.util.Locale.ROOT) + "-" + Integer.toHexString(
                System.identityHashCode(this));
    }

    /** Starts the handshake on the endpoint's own virtual thread. May be called once. */
    public synchronized void start() {
        if (state != State.NEW || closing) {
            throw new IllegalStateException("endpoint already started or closed");
        }
        state = State.HANDSHAKING;
        thread = Thread.ofVirtual().name(name).start(this::run);
    }

    /**
     * Hands over one datagram received from the peer (a DTLS record or several, RFC 6347 §4.1). The endpoint
     * takes the array; the caller must not change it afterwards.
     *
     * @return false if the datagram was dropped: not well-formed DTLS records, queue full, or endpoint closed
     */
    public boolean offerIncoming(byte[] datagram) {
        return transport.offer(datagram);
    }

    /**
     * Copies the readable bytes of {@code datagram} (readerIndex..writerIndex) and queues them. The buffer is
     * neither retained nor released, and its indices are unchanged: the caller still owns it.
     *
     * @return false if the datagram was dropped: not well-formed DTLS records, queue full, or endpoint closed
     */
    public boolean offerIncoming(ByteBuf datagram) {
        return transport.offer(ByteBufUtil.getBytes(datagram));
    }

    public State state() {
        return state;
    }

    public DtlsRole role() {
        return role;
    }

    /** Datagrams dropped: malformed, queue full, or endpoint closed. */
    public long droppedDatagrams() {
        return transport.droppedCount();
    }

    /**
     * Ends the association: aborts a handshake in progress (the listener gets {@code onHandshakeFailed}) or
     * sends close_notify after one (the listener gets {@code onClosed("closed locally")}), then waits briefly for
     * the thread to finish. Idempotent.
     */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            t = thread;
            if (t == null) {
                state = State.CLOSED;
                transport.close();
                return;
            }
        }
        t.interrupt();
        if (Thread.currentThread() != t) {
            try {
                t.join(CLOSE_JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        DTLSTransport dtls;
        try {
            dtls = handshake();
        } catch (IOException | RuntimeException e) {
            transport.close();
            state = State.FAILED;
            String reason = failureReason(e);
            LOG.debug("{}: handshake failed: {}", name, reason);
            safely(() -> listener.onHandshakeFailed(reason, e));
            return;
        }
        state = State.CONNECTED;
        DtlsSrtpKeys keys = outcome.keys();
        LOG.debug("{}: handshake complete, {}", name, keys);
        safely(() -> listener.onHandshakeComplete(keys));
        String reason = readUntilClosed(dtls);
        transport.close();
        state = State.CLOSED;
        LOG.debug("{}: closed: {}", name, reason);
        safely(() -> listener.onClosed(reason));
    }

    private DTLSTransport handshake() throws IOException {
        BcTlsCrypto crypto = new DtlsCrypto(new SecureRandom());
        int timeout = (int) config.handshakeTimeout().toMillis();
        if (role == DtlsRole.SERVER) {
            DTLSServerProtocol protocol = new DTLSServerProtocol();
            // ICE connectivity checks (RFC 8445 §7.2) already proved the peer's address, so the cookie exchange
            // of RFC 6347 §4.2.1 would only add a round trip.
            protocol.setVerifyRequests(false);
            return protocol.accept(
                    new DtlsSrtpServer(crypto, localCertificate, remoteFingerprint, timeout, outcome), transport);
        }
        return new DTLSClientProtocol().connect(
                new DtlsSrtpClient(crypto, localCertificate, remoteFingerprint, timeout, outcome), transport);
    }

    private String readUntilClosed(DTLSTransport dtls) {
        byte[] buf = new byte[QueuedDatagramTransport.RECEIVE_LIMIT];
        while (!closing) {
            try {
                int n = dtls.receive(buf, 0, buf.length, READ_POLL_MILLIS);
                if (n > 0) {
                    byte[] data = Arrays.copyOf(buf, n);
                    safely(() -> listener.onApplicationData(data));
                } else if (n < 0 && outcome.peerClosed()) {
                    return "close_notify";
                }
            } catch (InterruptedIOException e) {
                break;
            } catch (IOException | RuntimeException e) {
                if (outcome.peerClosed()) {
                    return "close_notify";
                }
                return outcome.failureReason() != null ? outcome.failureReason() : describe(e);
            }
        }
        // Local close: clear the interrupt that woke us so the close_notify goes out (RFC 5246 §7.2.1).
        Thread.interrupted();
        try {
            dtls.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("{}: sending close_notify failed: {}", name, e.toString());
        }
        return "closed locally";
    }

    private String failureReason(Exception e) {
        if (outcome.failureReason() != null) {
            return outcome.failureReason();
        }
        if (closing) {
            return "closed before the handshake completed";
        }
        if (e instanceof TlsTimeoutException) {
            return "handshake timeout";
        }
        return describe(e);
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("{}: DTLS listener threw", name, e);
        }
    }

    @Override
    public String toString() {
        return name + "[" + state + ", peer " + remoteFingerprint + "]";
    }
}
