package dev.plenum.control.tls;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides how the HTTP server speaks: with the configured PEM certificate and key; else, when browsers reach it at
 * a non-loopback address, with a generated self-signed certificate (browsers allow camera and microphone only on
 * secure pages, and treat only loopback as secure without TLS); else plain HTTP.
 */
public final class TlsPolicy {
    private TlsPolicy() {
    }

    /**
     * @param certificate PEM certificate chain file, or null
     * @param key         PEM private key file, or null; given exactly when {@code certificate} is
     * @param advertised  names and addresses browsers reach this server at (IP literals or DNS names)
     * @return the identity to serve, or empty for plain HTTP
     */
    public static Optional<TlsIdentity> choose(Path certificate, Path key, List<String> advertised, Instant now)
            throws TlsConfigException {
        if (certificate != null || key != null) {
            if (certificate == null) throw new TlsConfigException(TlsConfigException.Setting.CERTIFICATE,
                    "a TLS key needs its certificate too");
            if (key == null) throw new TlsConfigException(TlsConfigException.Setting.KEY,
                    "a TLS certificate needs its private key too");
            return Optional.of(PemIdentity.load(certificate, key));
        }
        if (advertised.stream().allMatch(TlsPolicy::isLoopback)) return Optional.empty();
        List<String> names = new ArrayList<>(advertised);
        names.addAll(List.of("localhost", "127.0.0.1", "::1")); // the host's own browser may use these
        return Optional.of(SelfSignedIdentity.generate(names, now));
    }

    /** Loopback: {@code localhost}, 127.0.0.0/8, ::1. A DNS name other than localhost counts as reachable from afar. */
    public static boolean isLoopback(String name) {
        if (name.equalsIgnoreCase("localhost")) return true;
        if (!SelfSignedIdentity.isIpLiteral(name)) return false;
        String bare = name.startsWith("[") ? name.substring(1, name.length() - 1) : name;
        return InetAddress.ofLiteral(bare).isLoopbackAddress();
    }
}
