package dev.plenum.media.sdp;

import java.util.OptionalLong;

/**
 * What the server announces for a track it sends to a participant: msid (RFC 8830) and the SSRCs with their CNAME
 * (RFC 5576). Video carries an RTX SSRC (RFC 4588), paired with the primary by {@code a=ssrc-group:FID}.
 */
public record SendStream(Msid msid, String cname, long ssrc, OptionalLong rtxSsrc) {
    public SendStream {
        if (msid.trackId().isEmpty()) {
            throw new IllegalArgumentException("a sent track needs a track id");
        }
        if (!token(msid.streamId()) || !token(msid.trackId()) || cname.isEmpty() || cname.indexOf(' ') >= 0
                || !printable(cname)) {
            throw new IllegalArgumentException("msid and cname must be non-empty printable tokens without spaces");
        }
        checkSsrc(ssrc);
        rtxSsrc.ifPresent(SendStream::checkSsrc);
        if (rtxSsrc.isPresent() && rtxSsrc.getAsLong() == ssrc) {
            throw new IllegalArgumentException("RTX SSRC equals the primary SSRC");
        }
    }

    private static void checkSsrc(long ssrc) {
        if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("SSRC out of 32-bit range: " + ssrc);
        }
    }

    static boolean token(String s) {
        // RFC 8830 §2: msid-id and msid-appdata are 1*64 token-char.
        return !s.isEmpty() && s.length() <= 64 && s.indexOf(' ') < 0 && printable(s);
    }

    private static boolean printable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }
}
