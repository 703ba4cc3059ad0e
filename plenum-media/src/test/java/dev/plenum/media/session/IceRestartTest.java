package dev.plenum.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.media.transport.MediaTransportConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class IceRestartTest {
    @Test
    void probe() throws Exception {
        try (MediaNode node = new MediaNode(MediaTransportConfig.defaults().withPorts(0, 0).withAdvertisedAddresses(List.of(
                InetAddress.ofLiteral("127.0.0.1"), InetAddress.ofLiteral("10.77.201.1"))), new SimpleMeterRegistry())) {
            List<String> offers = new CopyOnWriteArrayList<>();
            node.join("r", "a", new MediaSession.Listener() {
                @Override public void onOffer(String sdp) { offers.add(sdp); }
                @Override public void onMediaFailed(String reason) { }
            });
            System.out.println(offers);
        }
    }
}
