package dev.plenum.control.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/**
 * Sends through the configured SMTP server with Jakarta Mail (Angus). One connection per message: the outbox
 * sends a handful of mails per poll, and a fresh connection never trips over a server's idle timeout.
 */
public final class SmtpMailer implements Mailer {
    private static final String TIMEOUT_MS = "20000";
    private final MailConfig config;
    private final Session session;

    public SmtpMailer(MailConfig config) {
        if (!config.configured()) throw new IllegalArgumentException("no SMTP host configured");
        this.config = config;
        boolean tls = config.security() == MailConfig.Security.TLS;
        String p = tls ? "mail.smtps." : "mail.smtp.";
        Properties props = new Properties();
        props.put("mail.transport.protocol", tls ? "smtps" : "smtp");
        props.put(p + "host", config.host());
        props.put(p + "port", Integer.toString(config.port()));
        props.put(p + "auth", Boolean.toString(config.user() != null));
        props.put(p + "connectiontimeout", TIMEOUT_MS);
        props.put(p + "timeout", TIMEOUT_MS);
        props.put(p + "writetimeout", TIMEOUT_MS);
        props.put(p + "from", config.fromAddress().getAddress()); // the envelope sender (MAIL FROM)
        if (config.security() == MailConfig.Security.STARTTLS) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        if (config.security() != MailConfig.Security.NONE) props.put(p + "ssl.checkserveridentity", "true");
        session = Session.getInstance(props);
    }

    /** Sends through this mailer's session (its server and settings), whatever session composed the message. */
    @Override
    public void send(MimeMessage message) throws MessagingException {
        message.saveChanges();
        try (Transport transport = session.getTransport()) {
            transport.connect(config.host(), config.port(), config.user(), config.password());
            transport.sendMessage(message, message.getAllRecipients());
        }
    }
}
