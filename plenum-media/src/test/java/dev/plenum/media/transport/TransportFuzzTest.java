package dev.plenum.media.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * Fuzz targets for the untrusted-bytes entry points of the transport. Under plain {@code mvn test} Jazzer runs the
 * seeds in {@code TransportFuzzTestInputs/} (regression mode); the seeded random tests in
 * {@link DemultiplexerTest} and {@link Rfc4571FrameCodecTest} cover the same properties.
 */
class TransportFuzzTest {

    private static final InetSocketAddress KNOWN = new InetSocketAddress("192.0.2.10", 50000);

    /** Any byte stream, cut anywhere: frames come out bounded, nothing throws, every buffer is released. */
    @FuzzTest
    void rfc4571Decoder(byte[] data) {
        TransportCounters counters = new TransportCounters();
        EmbeddedChannel channel = new EmbeddedChannel(new Rfc4571FrameDecoder(1600, 2048, counters));
        int cut = data.length == 0 ? 0 : (data[0] & 0xFF) % (data.length + 1);
        channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(data, 0, cut)));
        channel.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(data, cut, data.length)));
        ByteBuf frame;
        while ((frame = channel.readInbound()) != null) {
            assertThat(frame.readableBytes()).isBetween(1, 1600);
            frame.release();
        }
        channel.finishAndReleaseAll();
    }

    /** Any datagram from a known or unknown source is routed or dropped, and released exactly once. */
    @FuzzTest
    void demultiplexer(byte[] data) {
        TransportCounters counters = new TransportCounters();
        RecordingEndpoint endpoint = new RecordingEndpoint(false);
        Demultiplexer demux = new Demultiplexer(endpoint, counters, 4);
        demux.register(KNOWN, PacketSender.Transport.UDP, endpoint);
        ByteBuf packet = TestPackets.buf(data);
        InetSocketAddress from = data.length % 2 == 0 ? KNOWN : new InetSocketAddress("198.51.100.1", 1);

        demux.onPacket(packet, from, new DemultiplexerTest.FakeSender(PacketSender.Transport.UDP));

        assertThat(packet.refCnt()).isZero();
        assertThat(endpoint.received.size() + counters.droppedTotal()).isEqualTo(1);
    }
}
