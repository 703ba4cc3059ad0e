package dev.plenum.media.dtls;

/**
 * Which side of the DTLS handshake an endpoint plays. With a browser answering {@code a=setup:active}
 * (RFC 5763 §5), the browser is the client and Plenum the {@link #SERVER}; {@link #CLIENT} serves tests and
 * load tools that stand in for a browser.
 */
public enum DtlsRole {
    SERVER,
    CLIENT
}
