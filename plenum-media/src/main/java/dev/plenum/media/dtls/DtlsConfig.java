package dev.plenum.media.dtls;

import java.time.Duration;

/**
 * Settings of a {@link DtlsEndpoint}, with defaults in one place.
 *
 * @param handshakeTimeout how long a handshake may take in all before it is abandoned; retransmission within
 *     it follows BouncyCastle's timer (RFC 6347 §4.2.4.1: 1 s, doubling)
 * @param incomingQueueCapacity how many received records may wait for the endpoint's thread; more are dropped
 *     and counted, so a flood cannot grow memory
 * @param mtu largest datagram the endpoint sends, in bytes; 1200 keeps handshake flights under every path MTU
 *     a WebRTC peer is likely to meet
 */
public record DtlsConfig(Duration handshakeTimeout, int incomingQueueCapacity, int mtu) {

    public static final DtlsConfig DEFAULTS = new DtlsConfig(Duration.ofSeconds(10), 64, 1200);

    public DtlsConfig {
        if (handshakeTimeout == null || handshakeTimeout.isNegative() || handshakeTimeout.isZero()
                || handshakeTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("handshakeTimeout must be positive and fit an int of ms");
        }
        if (incomingQueueCapacity < 1) {
            throw new IllegalArgumentException("incomingQueueCapacity must be at least 1");
        }
        if (mtu < 256 || mtu > 65_507) {
            throw new IllegalArgumentException("mtu must be within 256..65507");
        }
    }
}
