package dev.plenum.control.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A message whose Message-ID is chosen by Plenum, not made up afresh by Jakarta Mail on every save: a mail re-sent
 * after a crash keeps its id, so the recipient's client can tell the copies are one message (RFC 5322 §3.6.4).
 */
public final class FixedIdMessage extends MimeMessage {
    private final String messageId;

    public FixedIdMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }
}
