package dev.plenum.media.ice;

/** What {@link IceLiteResponder#onBindingRequest} did with one datagram. */
public enum BindingOutcome {
    /** Authenticated check answered with a success response. */
    SUCCESS(true),
    /** Authenticated check with USE-CANDIDATE that made its source the selected pair (first or a new one). */
    NOMINATED(true),
    /** Malformed request, or a required attribute missing: 400 sent (RFC 8489 §6.3, §9.1.3). */
    BAD_REQUEST(true),
    /** Wrong USERNAME or MESSAGE-INTEGRITY: 401 sent without MESSAGE-INTEGRITY (RFC 8489 §9.1.3). */
    UNAUTHENTICATED(true),
    /** Unknown comprehension-required attributes: 420 sent (RFC 8489 §6.3.1.1). */
    UNKNOWN_ATTRIBUTE(true),
    /** The peer claims the controlled role, which a lite agent always holds: 487 sent (RFC 8445 §7.3.1.1). */
    ROLE_CONFLICT(true),
    /** Not a Binding request, or a FINGERPRINT mismatch (so not STUN, RFC 8489 §7.3): nothing sent. */
    DROPPED(false);

    private final boolean responded;

    BindingOutcome(boolean responded) {
        this.responded = responded;
    }

    /** True when a response was written to the output buffer and should be sent to the source. */
    public boolean responded() {
        return responded;
    }
}
