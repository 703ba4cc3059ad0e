package dev.plenum.media.sdp;

/**
 * ICE username fragment and password (RFC 8839 §5.4): ufrag of 4 to 256 ice-chars, pwd of 22 to 256 ice-chars,
 * where ice-char is ALPHA / DIGIT / "+" / "/".
 */
public record IceCredentials(String ufrag, String pwd) {
    public IceCredentials {
        String problem = problem(ufrag, pwd);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** The problem with the given values, or null when they are valid. */
    static String problem(String ufrag, String pwd) {
        if (ufrag.length() < 4 || ufrag.length() > 256 || !iceChars(ufrag)) {
            return "ice-ufrag must be 4 to 256 ice-chars (RFC 8839 §5.4)";
        }
        if (pwd.length() < 22 || pwd.length() > 256 || !iceChars(pwd)) {
            return "ice-pwd must be 22 to 256 ice-chars (RFC 8839 §5.4)";
        }
        return null;
    }

    private static boolean iceChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '/')) {
                return false;
            }
        }
        return true;
    }
}
