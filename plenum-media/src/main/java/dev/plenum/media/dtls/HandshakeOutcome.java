package dev.plenum.media.dtls;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;

/**
 * What the BouncyCastle callbacks of one handshake learned, read afterwards by the endpoint's thread: the first
 * reason the handshake failed, whether the peer sent close_notify, and the exported keys. Written and read on
 * the endpoint's thread only; volatile so {@link DtlsEndpoint#state()} callers see a consistent picture.
 */
final class HandshakeOutcome {

    private volatile String failureReason;
    private volatile boolean peerClosed;
    private volatile DtlsSrtpKeys keys;

    /** Records why the handshake failed; the first reason wins because later ones are consequences. */
    void fail(String reason) {
        // Racy check-then-set is fine: only the endpoint's thread writes.
        if (failureReason == null) {
            failureReason = reason;
        }
    }

    String failureReason() {
        return failureReason;
    }

    /** Warnings other than close_notify (RFC 5246 §7.2) do not end anything and are not recorded. */
    void alertReceived(short level, short description) {
        if (description == AlertDescription.close_notify) {
            peerClosed = true;
        } else if (level == AlertLevel.fatal) {
            fail("peer sent alert " + AlertDescription.getText(description));
        }
    }

    void alertRaised(short level, short description, String message) {
        if (level == AlertLevel.fatal) {
            fail(message != null ? message : "local alert " + AlertDescription.getText(description));
        }
    }

    boolean peerClosed() {
        return peerClosed;
    }

    void keys(DtlsSrtpKeys keys) {
        this.keys = keys;
    }

    DtlsSrtpKeys keys() {
        return keys;
    }
}
