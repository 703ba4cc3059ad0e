package dev.plenum.media.dtls;

/**
 * Events of one {@link DtlsEndpoint}. All are called on the endpoint's own thread, one at a time, in this
 * order: exactly one of {@link #onHandshakeComplete} or {@link #onHandshakeFailed}; then any number of
 * {@link #onApplicationData}; then {@link #onClosed} at most once, and only after a completed handshake.
 * Implementations should return quickly and must not throw (what they throw is logged and ignored).
 */
public interface DtlsListener {

    /** The handshake succeeded and the peer proved it holds the certificate the SDP promised. */
    void onHandshakeComplete(DtlsSrtpKeys keys);

    /**
     * The handshake did not complete: timeout, fingerprint mismatch, no common SRTP profile, a fatal alert, or
     * {@link DtlsEndpoint#close()} before it finished.
     *
     * @param reason a short human-readable cause, e.g. {@code "fingerprint mismatch"}
     * @param cause the underlying exception, or {@code null}
     */
    void onHandshakeFailed(String reason, Throwable cause);

    /** Application data after the handshake (WebRTC sends none over DTLS-SRTP but SCTP; Plenum ignores it by default). */
    default void onApplicationData(byte[] data) {
    }

    /**
     * The association ended after a completed handshake.
     *
     * @param reason {@code "close_notify"} when the peer closed, {@code "closed locally"} after
     *     {@link DtlsEndpoint#close()}, otherwise what went wrong
     */
    default void onClosed(String reason) {
    }
}
