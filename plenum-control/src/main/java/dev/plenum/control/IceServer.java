package dev.plenum.control;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One entry of the {@code iceServers} list handed to the browser's {@code RTCPeerConnection} (W3C WebRTC §4.2.1):
 * a STUN or TURN server URL (RFC 7064, RFC 7065) and, for TURN, the credentials the browser presents.
 *
 * @param url        {@code stun:}, {@code stuns:}, {@code turn:} or {@code turns:} URL
 * @param username   TURN username; empty for STUN
 * @param credential TURN password; empty for STUN
 */
public record IceServer(String url, Optional<String> username, Optional<String> credential) {
    /** {@code host[:port]} where host is a DNS name, an IPv4 literal or a bracketed IPv6 literal (RFC 7064 §3.1). */
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(:(\\d{1,5}))?");

    public IceServer {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(credential, "credential");
        String problem = problem(url);
        if (problem != null) throw new IllegalArgumentException(problem);
        if (isTurn(url) && (username.isEmpty() || credential.isEmpty()))
            throw new IllegalArgumentException("TURN server " + url + " needs a username and a credential; browsers refuse it without");
        if (!isTurn(url) && (username.isPresent() || credential.isPresent()))
            throw new IllegalArgumentException("STUN server " + url + " takes no username or credential");
    }

    public static IceServer stun(String url) {
        return new IceServer(url, Optional.empty(), Optional.empty());
    }

    public static IceServer turn(String url, String username, String credential) {
        return new IceServer(url, Optional.of(username), Optional.of(credential));
    }

    /** Whether the URL names a TURN server ({@code turn:} or {@code turns:}). */
    public static boolean isTurn(String url) {
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("turn:") || lower.startsWith("turns:");
    }

    /**
     * What is wrong with a STUN/TURN URL, or null when it is well-formed: scheme, host, optional port 1..65535 and,
     * for TURN only, an optional {@code ?transport=udp|tcp} (RFC 7065 §3.1).
     */
    public static String problem(String url) {
        if (url == null || url.isBlank()) return "an ICE server URL must not be empty";
        int colon = url.indexOf(':');
        String scheme = colon < 0 ? "" : url.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("stun") && !scheme.equals("stuns") && !scheme.equals("turn") && !scheme.equals("turns"))
            return "\"" + url + "\" must start with stun:, stuns:, turn: or turns:";
        String rest = url.substring(colon + 1);
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        if (rest.startsWith("//")) return "\"" + url + "\" must be scheme:host[:port], without //";
        var m = HOST_PORT.matcher(rest);
        if (!m.matches()) return "\"" + url + "\" does not name a host (scheme:host[:port])";
        if (m.group(3) != null) {
            int port = Integer.parseInt(m.group(3));
            if (port < 1 || port > 65535) return "\"" + url + "\" has port " + port + "; it must be 1 to 65535";
        }
        if (query != null) {
            if (scheme.startsWith("stun")) return "\"" + url + "\": a STUN URL takes no query";
            if (!query.equals("transport=udp") && !query.equals("transport=tcp"))
                return "\"" + url + "\": the only query a TURN URL takes is ?transport=udp or ?transport=tcp";
        }
        try {
            URI.create(url);
        } catch (IllegalArgumentException e) {
            return "\"" + url + "\" is not a valid URI";
        }
        return null;
    }
}
