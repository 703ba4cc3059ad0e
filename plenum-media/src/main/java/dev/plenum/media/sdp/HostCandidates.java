package dev.plenum.media.sdp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The server's ICE-lite candidates: for each advertised address, one UDP host candidate on the shared UDP port and one
 * passive ICE-TCP host candidate (RFC 6544) on the shared TCP port.
 *
 * <p>Priority (RFC 8445 §5.1.2.1) is {@code 2^24 * type-pref + 2^8 * local-pref + (256 - component)} with the host
 * type preference 126. The local preference ranks UDP above TCP: UDP takes {@code 65535 - index}; TCP follows
 * RFC 6544 §4.2, {@code 2^13 * direction-pref + other-pref} with direction-pref 4 for a passive host candidate and
 * other-pref {@code 8191 - index}, so every TCP candidate sits below every UDP one and earlier addresses win within a
 * transport. The foundation (RFC 8445 §5.1.1.3) is shared only by candidates of the same type, base address and
 * transport, so it is derived from transport and address.
 */
public final class HostCandidates {
    /** More addresses than this would let TCP priorities collide; real nodes advertise one or two. */
    public static final int MAX_ADDRESSES = 16;
    private static final int HOST_TYPE_PREFERENCE = 126;
    private static final int COMPONENT_RTP = 1;

    private HostCandidates() {
    }

    /** Candidates for the given addresses; {@code tcpPort} 0 leaves out ICE-TCP. */
    public static List<Candidate> of(List<InetAddress> advertised, int udpPort, int tcpPort) {
        if (advertised.isEmpty() || advertised.size() > MAX_ADDRESSES) {
            throw new IllegalArgumentException("advertise 1 to " + MAX_ADDRESSES + " addresses");
        }
        if (udpPort < 1 || udpPort > 65535 || tcpPort < 0 || tcpPort > 65535) {
            throw new IllegalArgumentException("bad port " + udpPort + "/" + tcpPort);
        }
        List<Candidate> out = new ArrayList<>(advertised.size() * 2);
        for (int i = 0; i < advertised.size(); i++) {
            String address = literal(advertised.get(i));
            out.add(new Candidate(foundation("udp", address), COMPONENT_RTP, "udp",
                    priority(HOST_TYPE_PREFERENCE, 65535 - i), address, udpPort, "host", Optional.empty()));
        }
        if (tcpPort != 0) {
            for (int i = 0; i < advertised.size(); i++) {
                String address = literal(advertised.get(i));
                int localPreference = (1 << 13) * 4 + (8191 - i);
                out.add(new Candidate(foundation("tcp", address), COMPONENT_RTP, "tcp",
                        priority(HOST_TYPE_PREFERENCE, localPreference), address, tcpPort, "host",
                        Optional.of("passive")));
            }
        }
        return List.copyOf(out);
    }

    /** RFC 8445 §5.1.2.1 for component 1. */
    static long priority(int typePreference, int localPreference) {
        return ((long) typePreference << 24) + ((long) localPreference << 8) + (256 - COMPONENT_RTP);
    }

    private static String foundation(String transport, String address) {
        CRC32 crc = new CRC32();
        crc.update((transport + " " + address).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return Long.toString(crc.getValue());
    }

    private static String literal(InetAddress address) {
        String s = address.getHostAddress();
        if (address instanceof Inet6Address) {
            int percent = s.indexOf('%');
            if (percent >= 0) {
                s = s.substring(0, percent); // a scope id means nothing to a remote peer
            }
        }
        return s;
    }
}
