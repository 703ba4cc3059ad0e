package dev.plenum.control.tls;

/**
 * A TLS certificate or key that cannot be used: a missing or unreadable file, PEM without the expected object,
 * an encrypted key, or a key that does not belong to the certificate. {@link #setting()} says which setting is at fault
 * so the caller can name its own option; the message is a sentence fit for a person, without a stack trace.
 */
public final class TlsConfigException extends Exception {
    /** The setting at fault. */
    public enum Setting { CERTIFICATE, KEY }

    private final Setting setting;

    public TlsConfigException(Setting setting, String message) {
        super(message);
        this.setting = setting;
    }

    public TlsConfigException(Setting setting, String message, Throwable cause) {
        super(message, cause);
        this.setting = setting;
    }

    public Setting setting() {
        return setting;
    }
}
