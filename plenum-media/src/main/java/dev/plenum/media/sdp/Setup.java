package dev.plenum.media.sdp;

import java.util.Optional;

/**
 * The {@code a=setup} values of RFC 4145 §4 as used for DTLS by RFC 8842 §5. Plenum always offers {@link #ACTPASS};
 * the browser answers {@link #ACTIVE} (it is the DTLS client) or, rarely, {@link #PASSIVE}.
 */
public enum Setup {
    ACTPASS("actpass"), ACTIVE("active"), PASSIVE("passive"), HOLDCONN("holdconn");

    private final String token;

    Setup(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }

    static Optional<Setup> fromToken(String token) {
        for (Setup s : values()) {
            if (s.token.equals(token)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
