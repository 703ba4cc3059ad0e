package dev.plenum.control.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Locale;

/**
 * Where and how Plenum sends mail: an SMTP server (RFC 5321) with optional authentication and TLS. Without a host
 * ({@link #none()}) nothing is sent: mails wait in the outbox, marked as not sendable.
 *
 * @param host     SMTP server, or null for none
 * @param port     25, 465 (TLS from the first byte) or 587 (submission with STARTTLS) usually
 * @param user     null for no authentication
 * @param password the user's password (null without a user)
 * @param from     the sender address, e.g. {@code Plenum <events@example.org>}
 * @param security how the connection is protected
 */
public record MailConfig(String host, int port, String user, String password, String from, Security security) {
    public enum Security {
        /** Plain SMTP (a relay on the same host or network; tests). */
        NONE,
        /** STARTTLS required (RFC 3207): the session refuses to continue in the clear. */
        STARTTLS,
        /** TLS from the first byte ("implicit TLS", RFC 8314), usually port 465. */
        TLS;

        public static Security parse(String text) {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        }
    }

    public MailConfig {
        if (host != null) {
            if (port < 1 || port > 65535) throw new IllegalArgumentException("SMTP port must be 1 to 65535");
            if (from == null) throw new IllegalArgumentException("a sender address (from) is required with an SMTP host");
            address(from);
        }
    }

    public static MailConfig none() {
        return new MailConfig(null, 0, null, null, null, Security.NONE);
    }

    public static MailConfig smtp(String host, int port, String from) {
        return new MailConfig(host, port, null, null, from, Security.NONE);
    }

    public boolean configured() {
        return host != null;
    }

    public InternetAddress fromAddress() {
        return address(from);
    }

    /** The domain of the sender address: the right-hand side of the Message-IDs Plenum makes (RFC 5322 §3.6.4). */
    public String domain() {
        String address = fromAddress().getAddress();
        return address.substring(address.indexOf('@') + 1);
    }

    private static InternetAddress address(String text) {
        try {
            InternetAddress a = new InternetAddress(text, true);
            if (a.getAddress().indexOf('@') < 1) throw new IllegalArgumentException("the sender address needs a domain: " + text);
            return a;
        } catch (AddressException e) {
            throw new IllegalArgumentException("not a mail address: " + text, e);
        }
    }

    @Override
    public String toString() { // never the password
        return host == null ? "no SMTP server" : "smtp " + host + ":" + port + " (" + security + ", "
                + (user == null ? "no authentication" : "user " + user) + ", from " + from + ")";
    }
}
