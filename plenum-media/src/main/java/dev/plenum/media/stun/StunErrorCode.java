package dev.plenum.media.stun;

/** Error codes an ICE-lite responder sends (RFC 8489 §14.8, RFC 8445 §7.3.1.1). */
public final class StunErrorCode {
    private StunErrorCode() {}

    public static final int BAD_REQUEST = 400;
    public static final int UNAUTHENTICATED = 401;
    public static final int UNKNOWN_ATTRIBUTE = 420;
    public static final int ROLE_CONFLICT = 487;
    public static final int SERVER_ERROR = 500;

    /** The recommended reason phrase for {@code code} (RFC 8489 §14.8), or "Error" for others. */
    public static String reasonPhrase(int code) {
        return switch (code) {
            case BAD_REQUEST -> "Bad Request";
            case UNAUTHENTICATED -> "Unauthenticated";
            case UNKNOWN_ATTRIBUTE -> "Unknown Attribute";
            case ROLE_CONFLICT -> "Role Conflict";
            case SERVER_ERROR -> "Server Error";
            default -> "Error";
        };
    }
}
