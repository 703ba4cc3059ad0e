package dev.plenum.media.transport;

import static dev.plenum.media.transport.TestPackets.buf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The demultiplexer stage, driven by direct calls: routing, dropping, counting and buffer ownership. */
class DemultiplexerTest {

    private static final InetSocketAddress ALICE = new InetSocketAddress("192.0.2.10", 50000);
    private static final InetSocketAddress STRANGER = new InetSocketAddress("198.51.100.7", 40000);

    private final TransportCounters counters = new TransportCounters();
    private final RecordingEndpoint stun = new RecordingEndpoint(true);
    private final RecordingEndpoint alice = new RecordingEndpoint(true);
    private final Demultiplexer demux = new Demultiplexer(stun, counters, 16);
    private final FakeSender udp = new FakeSender(PacketSender.Transport.UDP);
    private final FakeSender tcp = new FakeSender(PacketSender.Transport.TCP);

    @Test
    void stunFromAnySourceGoesToTheStunHandlerWithTheReplyPath() {
        ByteBuf packet = buf(TestPackets.stunBindingRequest());

        demux.onPacket(packet, STRANGER, udp);

        assertThat(stun.received).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo(PacketType.STUN);
            assertThat(r.from()).isSameAs(STRANGER);
            assertThat(r.replyPath()).isSameAs(udp);
            assertThat(r.kept()).isSameAs(packet);
        });
        assertThat(packet.refCnt()).as("ownership passed to the STUN handler").isEqualTo(1);
        assertThat(counters.classifiedCount(PacketType.STUN)).isEqualTo(1);
        packet.release();
    }

    @Test
    void registeredEndpointReceivesDtlsRtpAndRtcp() {
        demux.register(ALICE, PacketSender.Transport.UDP, alice);
        ByteBuf dtls = buf(TestPackets.dtlsRecord());
        ByteBuf rtp = buf(TestPackets.rtp());
        ByteBuf rtcp = buf(TestPackets.rtcpReceiverReport());

        demux.onPacket(dtls, ALICE, udp);
        demux.onPacket(rtp, ALICE, udp);
        demux.onPacket(rtcp, ALICE, udp);

        assertThat(alice.types()).containsExactly(PacketType.DTLS, PacketType.RTP, PacketType.RTCP);
        assertThat(alice.received).allSatisfy(r -> assertThat(r.replyPath()).isSameAs(udp));
        assertThat(dtls.refCnt()).isEqualTo(1);
        assertThat(rtp.refCnt()).isEqualTo(1);
        assertThat(rtcp.refCnt()).isEqualTo(1);
        assertThat(counters.classifiedCount(PacketType.RTP)).isEqualTo(1);
        assertThat(counters.droppedTotal()).isZero();
        alice.received.forEach(r -> r.kept().release());
    }

    @Test
    void lookupIsByValueOfTheAddressSoTheSocketsOwnAddressObjectMatches() {
        demux.register(new InetSocketAddress("192.0.2.10", 50000), PacketSender.Transport.UDP, alice);
        ByteBuf rtp = buf(TestPackets.rtp());

        demux.onPacket(rtp, ALICE, udp);

        assertThat(alice.types()).containsExactly(PacketType.RTP);
        rtp.release();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dtls", "rtp", "rtcp"})
    void nonStunFromAnUnknownSourceIsDroppedCountedAndReleased(String kind) {
        demux.register(ALICE, PacketSender.Transport.UDP, alice);
        byte[] bytes = switch (kind) {
            case "dtls" -> TestPackets.dtlsRecord();
            case "rtp" -> TestPackets.rtp();
            default -> TestPackets.rtcpReceiverReport();
        };
        ByteBuf packet = buf(bytes);

        demux.onPacket(packet, STRANGER, udp);

        assertThat(packet.refCnt()).isZero();
        assertThat(alice.received).isEmpty();
        assertThat(counters.droppedCount(DropReason.UNKNOWN_SOURCE)).isEqualTo(1);
        assertThat(demux.registeredSources()).as("no state for the stranger").isEqualTo(1);
    }

    @Test
    void sameAddressOnTheOtherTransportIsAnotherSource() {
        demux.register(ALICE, PacketSender.Transport.UDP, alice);
        ByteBuf rtp = buf(TestPackets.rtp());

        demux.onPacket(rtp, ALICE, tcp);

        assertThat(rtp.refCnt()).isZero();
        assertThat(counters.droppedCount(DropReason.UNKNOWN_SOURCE)).isEqualTo(1);
    }

    @Test
    void unclassifiableAndEmptyPacketsAreDroppedCountedAndReleased() {
        demux.register(ALICE, PacketSender.Transport.UDP, alice);
        ByteBuf turnChannelData = buf(new byte[] {0x40, 0x00, 0x00, 0x04, 1, 2, 3, 4});
        ByteBuf empty = Unpooled.buffer(0);

        demux.onPacket(turnChannelData, ALICE, udp);
        demux.onPacket(empty, ALICE, udp);

        assertThat(turnChannelData.refCnt()).isZero();
        assertThat(empty.refCnt()).isZero();
        assertThat(counters.droppedCount(DropReason.UNCLASSIFIED)).isEqualTo(2);
        assertThat(alice.received).isEmpty();
    }

    @Test
    void packetsShorterThanTheirFixedHeaderAreMalformed() {
        demux.register(ALICE, PacketSender.Transport.UDP, alice);
        ByteBuf shortStun = buf(new byte[19]);
        ByteBuf shortRtp = buf(new byte[] {(byte) 0x80, 111, 0, 1, 0, 0, 0, 0, 0, 0, 0});

        demux.onPacket(shortStun, ALICE, udp);
        demux.onPacket(shortRtp, ALICE, udp);

        assertThat(shortStun.refCnt()).isZero();
        assertThat(shortRtp.refCnt()).isZero();
        assertThat(counters.droppedCount(DropReason.MALFORMED)).isEqualTo(2);
        assertThat(stun.received).isEmpty();
        assertThat(alice.received).isEmpty();
    }

    @Test
    void unregisterStopsRouting() {
        demux.register(ALICE, PacketSender.Transport.UDP, alice);
        assertThat(demux.unregister(ALICE, PacketSender.Transport.UDP)).isSameAs(alice);
        ByteBuf rtp = buf(TestPackets.rtp());

        demux.onPacket(rtp, ALICE, udp);

        assertThat(rtp.refCnt()).isZero();
        assertThat(demux.registeredSources()).isZero();
    }

    @Test
    void unregisterAllRemovesEveryAddressOfAnEndpointOnly() {
        RecordingEndpoint bob = new RecordingEndpoint(false);
        InetSocketAddress aliceTcp = new InetSocketAddress("192.0.2.10", 50001);
        InetSocketAddress bobUdp = new InetSocketAddress("192.0.2.20", 50000);
        demux.register(ALICE, PacketSender.Transport.UDP, alice);
        demux.register(aliceTcp, PacketSender.Transport.TCP, alice);
        demux.register(bobUdp, PacketSender.Transport.UDP, bob);

        demux.unregisterAll(alice);

        assertThat(demux.registeredSources()).isEqualTo(1);
        assertThat(demux.lookup(bobUdp, PacketSender.Transport.UDP)).isSameAs(bob);
        assertThat(demux.lookup(ALICE, PacketSender.Transport.UDP)).isNull();
    }

    @Test
    void reRegisteringAnAddressReplacesTheEndpointWithoutGrowing() {
        RecordingEndpoint bob = new RecordingEndpoint(false);
        demux.register(ALICE, PacketSender.Transport.UDP, alice);

        assertThat(demux.register(ALICE, PacketSender.Transport.UDP, bob)).isTrue();

        assertThat(demux.registeredSources()).isEqualTo(1);
        assertThat(demux.lookup(ALICE, PacketSender.Transport.UDP)).isSameAs(bob);
    }

    @Test
    void theSourceTableIsBounded() {
        Demultiplexer small = new Demultiplexer(stun, counters, 2);
        assertThat(small.register(new InetSocketAddress("192.0.2.1", 1), PacketSender.Transport.UDP, alice)).isTrue();
        assertThat(small.register(new InetSocketAddress("192.0.2.1", 2), PacketSender.Transport.TCP, alice)).isTrue();

        assertThat(small.register(new InetSocketAddress("192.0.2.1", 3), PacketSender.Transport.UDP, alice)).isFalse();

        assertThat(small.registeredSources()).isEqualTo(2);
        assertThat(small.lookup(new InetSocketAddress("192.0.2.1", 3), PacketSender.Transport.UDP)).isNull();
    }

    @Test
    void aThrowingHandlerKeepsOwnershipAndTheDemultiplexerDoesNotDoubleRelease() {
        ByteBuf packet = buf(TestPackets.stunBindingRequest());
        Demultiplexer throwing = new Demultiplexer((p, from, reply) -> {
            p.release(); // a correct handler releases in finally even when it fails
            throw new IllegalStateException("handler bug");
        }, counters, 4);

        assertThatThrownBy(() -> throwing.onPacket(packet, ALICE, udp)).isInstanceOf(IllegalStateException.class);

        assertThat(packet.refCnt()).isZero();
    }

    /** Seeded random packets from random sources: every buffer ends up released exactly once, nothing throws. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 2026})
    void randomTrafficIsAlwaysReleasedOnce(long seed) {
        Random random = new Random(seed);
        RecordingEndpoint releasing = new RecordingEndpoint(false);
        Demultiplexer d = new Demultiplexer(releasing, counters, 8);
        d.register(ALICE, PacketSender.Transport.UDP, releasing);
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = new byte[random.nextInt(40)];
            random.nextBytes(bytes);
            ByteBuf packet = buf(bytes);
            InetSocketAddress from = random.nextBoolean() ? ALICE : STRANGER;

            d.onPacket(packet, from, random.nextBoolean() ? udp : tcp);

            assertThat(packet.refCnt()).isZero();
        }
        assertThat(releasing.received.size() + counters.droppedTotal()).isEqualTo(2000);
    }

    /** A reply path that records what would be sent. */
    static final class FakeSender implements PacketSender {
        private final Transport transport;

        FakeSender(Transport transport) {
            this.transport = transport;
        }

        @Override
        public Transport transport() {
            return transport;
        }

        @Override
        public void send(ByteBuf packet, InetSocketAddress to) {
            packet.release();
        }

        @Override
        public void flush() {
        }
    }
}
