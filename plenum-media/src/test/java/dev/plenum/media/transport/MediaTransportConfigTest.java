package dev.plenum.media.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MediaTransportConfigTest {

    @Test
    void defaults() {
        MediaTransportConfig c = MediaTransportConfig.defaults();

        assertThat(c.bindAddress().getHostAddress()).isEqualTo("0.0.0.0");
        assertThat(c.udpPort()).isEqualTo(10000);
        assertThat(c.tcpPort()).isEqualTo(10000);
        assertThat(c.advertisedAddresses()).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
        assertThat(c.packetBufferBytes()).isEqualTo(2048);
        assertThat(c.maxTcpFrameBytes()).isEqualTo(1600);
        assertThat(c.reusePort()).isFalse();
    }

    @Test
    void withersChangeOneThing() {
        MediaTransportConfig c = MediaTransportConfig.defaults().withPorts(0, 0).withMaxTcpConnections(3);

        assertThat(c.udpPort()).isZero();
        assertThat(c.tcpPort()).isZero();
        assertThat(c.maxTcpConnections()).isEqualTo(3);
        assertThat(c.packetBufferBytes()).isEqualTo(2048);
    }

    @Test
    void rejectsInvalidValues() {
        MediaTransportConfig d = MediaTransportConfig.defaults();
        assertThatThrownBy(() -> d.withPorts(-1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("udpPort");
        assertThatThrownBy(() -> d.withPorts(0, 65536)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tcpPort");
        assertThatThrownBy(() -> d.withAdvertisedAddresses(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withSocketBuffers(0, 1 << 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withMaxTcpConnections(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withMaxRegisteredSources(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withBindAddress(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void advertisedAddressesAreCopied() {
        List<InetAddress> addresses = new ArrayList<>(List.of(InetAddress.ofLiteral("203.0.113.5")));
        MediaTransportConfig c = MediaTransportConfig.defaults().withAdvertisedAddresses(addresses);

        addresses.clear();

        assertThat(c.advertisedAddresses()).hasSize(1);
    }
}
