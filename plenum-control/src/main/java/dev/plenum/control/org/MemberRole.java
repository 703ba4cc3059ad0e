package dev.plenum.control.org;

import java.util.List;
import java.util.Locale;

/** What a member of an organisation may do. */
public enum MemberRole {
    /** Created the organisation; everything an admin may do. */
    OWNER,
    /** Manages members and API keys, and every conference. */
    ADMIN,
    /** Runs conferences. */
    HOST;

    public static final List<String> WIRE_NAMES = List.of("owner", "admin", "host");

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MemberRole fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    public boolean managesOrganisation() {
        return this == OWNER || this == ADMIN;
    }
}
