package dev.plenum.media.sdp;

/** The media type of an m-line (RFC 8866 §5.14); {@link #OTHER} keeps an unknown type parseable. */
public enum MediaKind {
    AUDIO("audio"), VIDEO("video"), APPLICATION("application"), OTHER("");

    private final String token;

    MediaKind(String token) {
        this.token = token;
    }

    /** The token written in the m-line; empty for {@link #OTHER}. */
    public String token() {
        return token;
    }

    static MediaKind fromToken(String token) {
        return switch (token) {
            case "audio" -> AUDIO;
            case "video" -> VIDEO;
            case "application" -> APPLICATION;
            default -> OTHER;
        };
    }
}
