package dev.plenum.control.registration;

import org.jdbi.v3.core.Handle;

/**
 * Told about registration events inside the transaction that makes them, so that whatever it writes (a webhook
 * delivery row, an audit entry) commits with the registration or not at all.
 */
public interface RegistrationEvents {
    RegistrationEvents NONE = (h, conferenceId, registrant) -> {};

    /** A registration was created (public form); called once per registrant, after its row and mails are written. */
    void registrationCreated(Handle h, long conferenceId, Registrant registrant);
}
