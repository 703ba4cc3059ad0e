package dev.plenum.control.conference;

import org.jdbi.v3.core.Handle;

/**
 * Checks the personal join key of a registrant (the {@code ?registrant=} part of the link in their mails) for the
 * conference whose room is being joined. Registration lives in its own package; the join flow knows it by this.
 */
@FunctionalInterface
public interface RegistrantKeys {
    /** No registration: no key is known. */
    RegistrantKeys NONE = (h, conferenceId, key) -> new Check.Unknown();

    Check check(Handle h, long conferenceId, String key);

    /** What a key says. */
    sealed interface Check {
        /** The key of an approved registrant of this conference whose link stands: let in under their name and address. */
        record Valid(String name, String email) implements Check {}

        /** Not a key of this conference's registrants (mistyped, forged, another conference's). */
        record Unknown() implements Check {}

        /** A registrant's key that does not admit (any more): {@code code} and {@code message} say why. */
        record NotAdmitted(String code, String message) implements Check {}
    }
}
