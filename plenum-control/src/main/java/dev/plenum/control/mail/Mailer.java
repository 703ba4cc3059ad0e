package dev.plenum.control.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** Hands a composed message to the mail system; throws if it was not accepted. */
public interface Mailer {
    void send(MimeMessage message) throws MessagingException;
}
