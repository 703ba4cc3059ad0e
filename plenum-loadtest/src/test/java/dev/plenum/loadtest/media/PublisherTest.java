package dev.plenum.loadtest.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The SFU's RTCP reaches the layer whose SSRC it names, as a browser's RTP senders each answer their own. */
class PublisherTest {
    private static final List<Publisher.LayerSsrcs> SSRCS = List.of(new Publisher.LayerSsrcs(11, 21),
            new Publisher.LayerSsrcs(12, 22), new Publisher.LayerSsrcs(13, 23));

    private static Publisher publisher() {
        return new Publisher(null, MediaProfile.defaults(), 99, SSRCS, new Publisher.ExtensionIds(4, 5, 6), 7);
    }

    @Test
    void simulcastSendsThreeLayersLowestFirst() {
        assertThat(publisher().layers()).extracting(l -> l.layer().rid()).containsExactly("q", "h", "f");
        assertThat(publisher().layers()).extracting(LayerSender::ssrc).containsExactly(11, 12, 13);
        assertThat(MediaProfile.defaults().withSimulcast(false).layers()).singleElement()
                .satisfies(l -> assertThat(l.rid()).isEmpty());
    }

    @Test
    void aPliOrFirAsksOnlyItsLayerForAKeyFrame() {
        Publisher p = publisher();
        p.pli(1, 12);
        p.fir(1, 13, 0);
        p.pli(1, 99); // audio: nothing to do
        assertThat(p.layers()).extracting(LayerSender::keyframeRequests).containsExactly(0L, 1L, 1L);
        assertThat(p.keyframeRequests()).isEqualTo(2);
    }

    @Test
    void aNackForAPacketNeverSentIsCountedNotAnswered() {
        Publisher p = publisher();
        p.nack(1, 11, 5);
        assertThat(p.layers().getFirst().notInHistory()).isEqualTo(1);
        assertThat(p.retransmissions()).isZero();
    }
}
