package dev.plenum.media.transport;

import static dev.plenum.media.transport.TestPackets.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.epoll.Epoll;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real sockets on loopback, on both Netty transports: plain java.net clients send datagrams and RFC 4571 frames;
 * STUN from a new source registers it (as the STUN helper will after its integrity check) and is echoed back on the
 * path it came from, then DTLS/RTP/RTCP reach the endpoint, and everything else is dropped and counted.
 */
class MediaSocketsLoopbackTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final TransportCounters counters = new TransportCounters();
    private final RecordingEndpoint endpoint = new RecordingEndpoint(false);
    private final AtomicInteger stunBufferCapacity = new AtomicInteger();
    /** Registers the source and echoes the request, standing in for the real ICE-lite STUN responder. */
    private final StunHandler registeringEcho = new StunHandler() {
        @Override
        public void onStun(ByteBuf packet, InetSocketAddress from, PacketSender replyPath) {
            stunBufferCapacity.set(packet.capacity());
            demux().register(from, replyPath.transport(), endpoint);
            replyPath.send(packet, from); // ownership passes to the sender
        }
    };
    private final Demultiplexer demultiplexer = new Demultiplexer(registeringEcho, counters, 64);
    private UdpMediaSocket udp;
    private TcpMediaSocket tcp;

    private Demultiplexer demux() {
        return demultiplexer;
    }

    private MediaTransportConfig config() {
        return MediaTransportConfig.defaults().withBindAddress(LOOPBACK).withPorts(0, 0);
    }

    private void start(String transport, MediaTransportConfig config) throws IOException {
        boolean epoll = transport.equals("epoll");
        if (epoll) {
            Assumptions.assumeTrue(Epoll.isAvailable(), "native epoll not available here");
        }
        udp = new UdpMediaSocket(config, demultiplexer, counters, epoll);
        tcp = new TcpMediaSocket(config, demultiplexer, counters, epoll);
        udp.start();
        tcp.start();
    }

    @AfterEach
    void stop() {
        if (udp != null) {
            udp.close();
        }
        if (tcp != null) {
            tcp.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void udpDatagramsAreClassifiedRoutedAndCounted(String transport) throws Exception {
        start(transport, config());
        assertThat(udp.localPort()).isPositive();
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            client.setSoTimeout(2000);
            InetSocketAddress server = new InetSocketAddress(LOOPBACK, udp.localPort());

            send(client, server, TestPackets.rtp()); // before STUN: unknown source
            assertThat(eventually(() -> counters.droppedCount(DropReason.UNKNOWN_SOURCE) == 1)).isTrue();

            byte[] stun = TestPackets.stunBindingRequest();
            send(client, server, stun);
            byte[] reply = receive(client);
            assertThat(reply).isEqualTo(stun);

            send(client, server, TestPackets.dtlsRecord());
            send(client, server, TestPackets.rtp());
            send(client, server, TestPackets.rtcpReceiverReport());
            send(client, server, new byte[] {(byte) 0xFF, 1, 2, 3}); // unclassifiable
            assertThat(eventually(() -> counters.packetsReceived() == 6)).isTrue();
            assertThat(eventually(() -> endpoint.received.size() == 3)).isTrue();

            assertThat(endpoint.types()).containsExactly(PacketType.DTLS, PacketType.RTP, PacketType.RTCP);
            assertThat(endpoint.received.get(1).bytes()).isEqualTo(TestPackets.rtp());
            assertThat(endpoint.received.getFirst().from()).isEqualTo(client.getLocalSocketAddress());
            assertThat(counters.droppedCount(DropReason.UNCLASSIFIED)).isEqualTo(1);
            assertThat(counters.packetsSent()).isEqualTo(1);
            assertThat(stunBufferCapacity.get()).as("fixed receive buffer with tailroom").isEqualTo(2048);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void tcpFramesSplitAcrossReadsAreReassembledAndRepliesAreFramed(String transport) throws Exception {
        start(transport, config());
        try (Socket client = new Socket(LOOPBACK, tcp.localPort())) {
            client.setSoTimeout(2000);
            client.setTcpNoDelay(true);
            OutputStream out = client.getOutputStream();
            byte[] stun = TestPackets.stunBindingRequest();
            byte[] framedStun = frame(stun);

            // One frame in three TCP segments: half the length prefix, part of the body, the rest.
            out.write(framedStun, 0, 1);
            out.flush();
            Thread.sleep(30);
            out.write(framedStun, 1, 10);
            out.flush();
            Thread.sleep(30);
            out.write(framedStun, 11, framedStun.length - 11);
            out.flush();

            DataInputStream in = new DataInputStream(client.getInputStream());
            int length = in.readUnsignedShort();
            byte[] reply = in.readNBytes(length);
            assertThat(reply).isEqualTo(stun);

            // Two frames in one segment.
            byte[] both = concat(frame(TestPackets.rtp()), frame(TestPackets.rtcpReceiverReport()));
            out.write(both);
            out.flush();
            assertThat(eventually(() -> endpoint.received.size() == 2)).isTrue();

            assertThat(endpoint.types()).containsExactly(PacketType.RTP, PacketType.RTCP);
            assertThat(endpoint.received.getFirst().replyPath().transport()).isEqualTo(PacketSender.Transport.TCP);
            assertThat(demultiplexer.lookup((InetSocketAddress) client.getLocalSocketAddress(),
                    PacketSender.Transport.TCP)).isSameAs(endpoint);
            assertThat(counters.packetsReceived()).isEqualTo(3);
            assertThat(tcp.openConnections()).isEqualTo(1);
        }
        // Closing the connection forgets the source.
        assertThat(eventually(() -> demultiplexer.registeredSources() == 0)).isTrue();
        assertThat(eventually(() -> tcp.openConnections() == 0)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void oversizeTcpFrameClosesTheConnection(String transport) throws Exception {
        start(transport, config());
        try (Socket client = new Socket(LOOPBACK, tcp.localPort())) {
            client.setSoTimeout(2000);
            OutputStream out = client.getOutputStream();
            out.write(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x00, 0x01});
            out.flush();

            assertThat(readsEof(client.getInputStream())).isTrue();
            assertThat(counters.droppedCount(DropReason.OVERSIZE)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void connectionsBeyondTheLimitAreClosedAndCounted(String transport) throws Exception {
        start(transport, config().withMaxTcpConnections(1));
        try (Socket first = new Socket(LOOPBACK, tcp.localPort());
             Socket second = new Socket(LOOPBACK, tcp.localPort())) {
            second.setSoTimeout(2000);

            assertThat(readsEof(second.getInputStream())).isTrue();
            assertThat(counters.droppedCount(DropReason.CONNECTION_LIMIT)).isEqualTo(1);
            assertThat(first.isClosed()).isFalse();
            assertThat(tcp.openConnections()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"epoll", "nio"})
    void closeReleasesThePorts(String transport) throws Exception {
        start(transport, config());
        int udpPort = udp.localPort();
        int tcpPort = tcp.localPort();

        udp.close();
        tcp.close();
        udp.close(); // idempotent

        try (DatagramSocket again = new DatagramSocket(new InetSocketAddress(LOOPBACK, udpPort));
             java.net.ServerSocket tcpAgain = new java.net.ServerSocket()) {
            tcpAgain.setReuseAddress(true);
            tcpAgain.bind(new InetSocketAddress(LOOPBACK, tcpPort));
            assertThat(again.getLocalPort()).isEqualTo(udpPort);
        }
    }

    private static void send(DatagramSocket client, InetSocketAddress to, byte[] bytes) throws IOException {
        client.send(new DatagramPacket(bytes, bytes.length, to));
    }

    private static byte[] receive(DatagramSocket client) throws IOException {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        client.receive(packet);
        return Arrays.copyOf(buffer, packet.getLength());
    }

    private static byte[] frame(byte[] packet) {
        return ByteBuffer.allocate(2 + packet.length).putShort((short) packet.length).put(packet).array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** True when the server closed the connection (EOF or reset) before the read timeout. */
    private static boolean readsEof(InputStream in) throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // connection reset
        }
    }
}
