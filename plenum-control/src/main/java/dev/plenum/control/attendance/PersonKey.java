package dev.plenum.control.attendance;

import dev.plenum.control.org.Secrets;
import java.util.Locale;

/**
 * Who a participant is for the attendance report, so that a reconnect or a rejoin within the session adds to the
 * same record: the e-mail address when known (a signed-in member, a token issued to an address), else the browser
 * (its cookie) with the name given, else (no cookie) the participant alone. Stored as a SHA-256.
 */
public final class PersonKey {
    private PersonKey() {}

    public static String of(String email, String browserId, String displayName, String participantId) {
        if (email != null) return Secrets.sha256("email\t" + email.toLowerCase(Locale.ROOT));
        if (browserId != null) return Secrets.sha256("browser\t" + browserId + "\t" + displayName);
        return Secrets.sha256("participant\t" + participantId);
    }
}
