package dev.plenum.media.transport;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * The configuration of the media plane's sockets: one UDP port and one ICE-TCP port shared by every participant.
 *
 * <p>All defaults live in {@link #defaults()}; every value is validated when the record is built, so a socket never
 * starts from a half-valid configuration. Derive variants with the {@code with...} methods.
 *
 * @param bindAddress             local address both sockets bind to ({@code 0.0.0.0} = every interface)
 * @param udpPort                 the one UDP port (0 = ephemeral, for tests)
 * @param tcpPort                 the one ICE-TCP passive port, RFC 6544 (0 = ephemeral, for tests)
 * @param advertisedAddresses     addresses put into ICE host candidates (behind NAT: the public address); not empty
 * @param socketReceiveBufferBytes kernel SO_RCVBUF for the UDP socket (Linux silently caps it at net.core.rmem_max)
 * @param socketSendBufferBytes   kernel SO_SNDBUF for the UDP socket (capped at net.core.wmem_max)
 * @param packetBufferBytes       size of the pooled buffer each datagram is received into; larger than any
 *                                datagram we accept so the SRTP tag and header extensions fit in place (tailroom).
 *                                Datagrams longer than this are truncated by the kernel.
 * @param maxTcpFrameBytes        largest RFC 4571 frame accepted on ICE-TCP; a longer frame closes the connection
 * @param maxTcpConnections       ICE-TCP connections open at once; further connections are closed at once
 * @param maxRegisteredSources    remote transport addresses the {@link Demultiplexer} will route to, in all
 * @param reusePort               set SO_REUSEPORT (epoll only) so several processes may share the port
 */
public record MediaTransportConfig(
        InetAddress bindAddress,
        int udpPort,
        int tcpPort,
        List<InetAddress> advertisedAddresses,
        int socketReceiveBufferBytes,
        int socketSendBufferBytes,
        int packetBufferBytes,
        int maxTcpFrameBytes,
        int maxTcpConnections,
        int maxRegisteredSources,
        boolean reusePort) {

    /** Default UDP and TCP media port. */
    public static final int DEFAULT_PORT = 10000;
    /** Default receive buffer per packet: one Ethernet MTU plus room for SRTP tags and header extensions. */
    public static final int DEFAULT_PACKET_BUFFER_BYTES = 2048;
    /** Default largest ICE-TCP frame: an MTU-sized packet plus 100 bytes of slack. */
    public static final int DEFAULT_MAX_TCP_FRAME_BYTES = 1500 + 100;

    public MediaTransportConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(advertisedAddresses, "advertisedAddresses");
        advertisedAddresses = List.copyOf(advertisedAddresses); // also rejects null elements
        requirePort("udpPort", udpPort);
        requirePort("tcpPort", tcpPort);
        if (advertisedAddresses.isEmpty()) {
            throw new IllegalArgumentException("advertisedAddresses must name at least one address");
        }
        requireRange("socketReceiveBufferBytes", socketReceiveBufferBytes, 4096, 256 << 20);
        requireRange("socketSendBufferBytes", socketSendBufferBytes, 4096, 256 << 20);
        // 1280 is the IPv6 minimum MTU, 65535 the largest UDP payload.
        requireRange("packetBufferBytes", packetBufferBytes, 1280, 65535);
        // RFC 4571 carries a 16-bit length.
        requireRange("maxTcpFrameBytes", maxTcpFrameBytes, 20, 65535);
        requireRange("maxTcpConnections", maxTcpConnections, 1, 1 << 20);
        requireRange("maxRegisteredSources", maxRegisteredSources, 1, 1 << 22);
    }

    /** The defaults: bind 0.0.0.0, UDP and TCP on 10000, advertise 127.0.0.1. */
    public static MediaTransportConfig defaults() {
        return new MediaTransportConfig(
                InetAddress.ofLiteral("0.0.0.0"),
                DEFAULT_PORT,
                DEFAULT_PORT,
                List.of(InetAddress.ofLiteral("127.0.0.1")),
                1 << 20,
                1 << 20,
                DEFAULT_PACKET_BUFFER_BYTES,
                DEFAULT_MAX_TCP_FRAME_BYTES,
                4096,
                65536,
                false);
    }

    public MediaTransportConfig withBindAddress(InetAddress address) {
        return new MediaTransportConfig(address, udpPort, tcpPort, advertisedAddresses, socketReceiveBufferBytes,
                socketSendBufferBytes, packetBufferBytes, maxTcpFrameBytes, maxTcpConnections, maxRegisteredSources,
                reusePort);
    }

    public MediaTransportConfig withPorts(int udp, int tcp) {
        return new MediaTransportConfig(bindAddress, udp, tcp, advertisedAddresses, socketReceiveBufferBytes,
                socketSendBufferBytes, packetBufferBytes, maxTcpFrameBytes, maxTcpConnections, maxRegisteredSources,
                reusePort);
    }

    public MediaTransportConfig withAdvertisedAddresses(List<InetAddress> addresses) {
        return new MediaTransportConfig(bindAddress, udpPort, tcpPort, addresses, socketReceiveBufferBytes,
                socketSendBufferBytes, packetBufferBytes, maxTcpFrameBytes, maxTcpConnections, maxRegisteredSources,
                reusePort);
    }

    public MediaTransportConfig withSocketBuffers(int receiveBytes, int sendBytes) {
        return new MediaTransportConfig(bindAddress, udpPort, tcpPort, advertisedAddresses, receiveBytes, sendBytes,
                packetBufferBytes, maxTcpFrameBytes, maxTcpConnections, maxRegisteredSources, reusePort);
    }

    public MediaTransportConfig withMaxTcpConnections(int max) {
        return new MediaTransportConfig(bindAddress, udpPort, tcpPort, advertisedAddresses, socketReceiveBufferBytes,
                socketSendBufferBytes, packetBufferBytes, maxTcpFrameBytes, max, maxRegisteredSources, reusePort);
    }

    public MediaTransportConfig withMaxRegisteredSources(int max) {
        return new MediaTransportConfig(bindAddress, udpPort, tcpPort, advertisedAddresses, socketReceiveBufferBytes,
                socketSendBufferBytes, packetBufferBytes, maxTcpFrameBytes, maxTcpConnections, max, reusePort);
    }

    public MediaTransportConfig withReusePort(boolean reuse) {
        return new MediaTransportConfig(bindAddress, udpPort, tcpPort, advertisedAddresses, socketReceiveBufferBytes,
                socketSendBufferBytes, packetBufferBytes, maxTcpFrameBytes, maxTcpConnections, maxRegisteredSources,
                reuse);
    }

    private static void requirePort(String name, int port) {
        requireRange(name, port, 0, 65535);
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], was " + value);
        }
    }
}
