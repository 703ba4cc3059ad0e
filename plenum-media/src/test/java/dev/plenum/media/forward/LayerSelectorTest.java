package dev.plenum.media.forward;

import static dev.plenum.media.rtp.Vp8Packets.vp8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.media.rtp.RtpHeader;
import dev.plenum.media.rtp.Vp8Descriptor;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LayerSelectorTest {
    private static final long FRAME_NANOS = 66_666_667L; // 15 frames a second

    /** One simulcast layer as a browser sends it: its own SSRC, sequence, timestamp and picture numbering. */
    private static final class Layer {
        final int ssrc;
        int sequence;
        long timestamp;
        int pictureId;
        int tl0PicIdx;
        boolean keyframeRequested;

        Layer(Random random) {
            ssrc = random.nextInt();
            sequence = random.nextInt(0x10000);
            timestamp = random.nextInt() & 0xFFFF_FFFFL;
            pictureId = random.nextInt(0x8000);
            tl0PicIdx = random.nextInt(256);
        }
    }

    private record Leg(LayerSelector selector, StreamRewriter rewriter, Vp8PictureRewriter pictures) {
        static Leg create(int target) {
            StreamRewriter rewriter = new StreamRewriter(0xABC);
            Vp8PictureRewriter pictures = new Vp8PictureRewriter();
            return new Leg(new LayerSelector(rewriter, pictures, 90_000, target), rewriter, pictures);
        }

        /** What Fanout and the subscription do with a packet: null when it is not for this leg. */
        ByteBuf forward(ByteBuf packet, int layer, long now) {
            if (!selector.accepts(packet, 0, packet.readableBytes(), layer, now)) return null;
            ByteBuf copy = packet.copy();
            rewriter.rewrite(copy, 0);
            pictures.rewrite(copy, RtpHeader.payloadOffset(copy, 0, copy.readableBytes()),
                    RtpHeader.payloadLength(copy, 0, copy.readableBytes()));
            return copy;
        }
    }

    /**
     * Randomized: three layers send frames of 1 to 4 packets, key frames now and then and soon after a request; the
     * target layer changes at random. The subscriber sees one stream without a gap or a reversal in sequence numbers,
     * timestamps that never go back, picture ids that go up by one per picture, and every switch lands on a key frame.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 20261125})
    void switchesNeverShowTheSubscriberAGapOrAReversal(long seed) {
        Random random = new Random(seed);
        Layer[] layers = {new Layer(random), new Layer(random), new Layer(random)};
        Leg leg = Leg.create(random.nextInt(3));
        int lastSequence = -1;
        long lastTimestamp = -1;
        int lastPicture = -1;
        int switches = 0;
        int forwardedLayer = -1;
        for (int frame = 0; frame < 3000; frame++) {
            long now = frame * FRAME_NANOS;
            if (random.nextInt(40) == 0) leg.selector.setTarget(random.nextInt(3));
            if (leg.selector.switching()) layers[leg.selector.target()].keyframeRequested = true;
            for (int l = 0; l < layers.length; l++) {
                Layer layer = layers[l];
                boolean keyframe = frame == 0 || random.nextInt(100) == 0
                        || (layer.keyframeRequested && random.nextInt(3) == 0);
                if (keyframe) layer.keyframeRequested = false;
                int packets = 1 + random.nextInt(4);
                layer.pictureId = (layer.pictureId + 1) & 0x7FFF;
                layer.tl0PicIdx = (layer.tl0PicIdx + 1) & 0xFF;
                layer.timestamp = (layer.timestamp + 6000) & 0xFFFF_FFFFL;
                for (int p = 0; p < packets; p++) {
                    ByteBuf in = vp8(layer.sequence, layer.timestamp, layer.ssrc, p == 0, keyframe, layer.pictureId,
                            layer.tl0PicIdx, p == packets - 1);
                    layer.sequence = (layer.sequence + 1) & 0xFFFF;
                    ByteBuf out = leg.forward(in, l, now);
                    if (out == null) continue;
                    if (l != forwardedLayer) {
                        assertThat(Vp8Descriptor.isKeyframe(out, 12, out.readableBytes() - 12))
                                .as("a switch to layer %d at frame %d starts with a key frame", l, frame).isTrue();
                        forwardedLayer = l;
                        switches++;
                    }
                    int sequence = out.getUnsignedShort(2);
                    long timestamp = out.getUnsignedInt(4);
                    int picture = Vp8Descriptor.pictureId(out, 12, out.readableBytes() - 12);
                    if (lastSequence >= 0) {
                        assertThat(sequence).as("sequence after %d", lastSequence).isEqualTo((lastSequence + 1) & 0xFFFF);
                        assertThat((timestamp - lastTimestamp) & 0xFFFF_FFFFL).as("timestamp step").isLessThan(0x8000_0000L);
                        int step = (picture - lastPicture) & 0x7FFF;
                        assertThat(step).as("picture id step at frame %d", frame).isEqualTo(p == 0 ? 1 : 0);
                    }
                    assertThat(out.getInt(8)).isEqualTo(0xABC);
                    lastSequence = sequence;
                    lastTimestamp = timestamp;
                    lastPicture = picture;
                }
            }
        }
        assertThat(switches).as("the target changed often enough to switch").isGreaterThan(10);
    }

    @Test
    void aSwitchTakesTheTimeThatPassedIntoTheTimestamps() {
        Leg leg = Leg.create(0);
        ByteBuf first = leg.forward(vp8(100, 1_000, 1, true, true, 5, 0, true), 0, 0);
        leg.selector.setTarget(1);
        ByteBuf second = leg.forward(vp8(7_000, 77_777, 2, true, true, 900, 9, true), 1, 100_000_000L); // 100 ms on
        assertThat(second.getUnsignedInt(4) - first.getUnsignedInt(4)).isEqualTo(9_000); // 100 ms at 90 kHz
        assertThat(second.getUnsignedShort(2)).isEqualTo(101);
        assertThat(Vp8Descriptor.pictureId(second, 12, second.readableBytes() - 12)).isEqualTo(6);
        assertThat(Vp8Descriptor.tl0PicIdx(second, 12, second.readableBytes() - 12)).isEqualTo(1);
    }

    @Test
    void theTargetLayerIsTakenOnlyAtItsKeyFrame() {
        Leg leg = Leg.create(0);
        assertThat(leg.forward(vp8(1, 0, 1, true, true, 1, 0, true), 0, 0)).isNotNull();
        leg.selector.setTarget(2);
        assertThat(leg.forward(vp8(50, 0, 3, true, false, 1, 0, true), 2, 1)).as("a delta frame of layer 2").isNull();
        assertThat(leg.forward(vp8(2, 0, 1, true, false, 2, 0, true), 0, 2)).as("layer 0 goes on meanwhile").isNotNull();
        assertThat(leg.forward(vp8(51, 0, 3, true, true, 2, 0, true), 2, 3)).isNotNull();
        assertThat(leg.selector.current()).isEqualTo(2);
        assertThat(leg.forward(vp8(3, 0, 1, true, false, 3, 0, true), 0, 4)).as("layer 0 no more").isNull();
    }

    @Test
    void beforeAnythingWasSentAKeyFrameOfALowerLayerStartsThePictureAtOnce() {
        Leg leg = Leg.create(2);
        assertThat(leg.forward(vp8(1, 0, 1, true, true, 1, 0, true), 1, 0)).isNotNull();
        assertThat(leg.selector.current()).isEqualTo(1);
        assertThat(leg.selector.switching()).isTrue();
        assertThat(leg.forward(vp8(9, 0, 9, true, true, 1, 0, true), 0, 0)).as("farther from the target").isNull();
    }

    @Test
    void lateOriginalsFromBeforeASwitchAreDropped() {
        Leg leg = Leg.create(0);
        leg.forward(vp8(10, 0, 1, true, true, 1, 0, true), 0, 0);
        leg.selector.setTarget(1);
        assertThat(leg.forward(vp8(500, 0, 2, true, true, 1, 0, true), 1, 1)).isNotNull();
        assertThat(leg.forward(vp8(499, 0, 2, false, false, 0, 0, true), 1, 2)).as("from before the key frame").isNull();
        assertThat(leg.forward(vp8(501, 0, 2, false, false, 1, 0, true), 1, 3)).isNotNull();
    }

    @Test
    void afterAPauseTheLegStartsAgainAtAKeyFrameWithoutAGap() {
        Leg leg = Leg.create(1);
        leg.forward(vp8(10, 1000, 1, true, true, 1, 0, true), 1, 0);
        leg.selector.restart();
        assertThat(leg.forward(vp8(90, 5000, 1, true, false, 80, 0, true), 1, 1)).as("a delta frame").isNull();
        ByteBuf key = leg.forward(vp8(91, 9000, 1, true, true, 81, 0, true), 1, 1_000_000_000L);
        assertThat(key.getUnsignedShort(2)).isEqualTo(11);
        assertThat(key.getUnsignedInt(4)).isEqualTo(1000 + 90_000);
        assertThat(Vp8Descriptor.pictureId(key, 12, key.readableBytes() - 12)).isEqualTo(2);
    }

    @Test
    void theLayerForATileIsTheSmallestActiveOneAtLeastAsHigh() {
        int[] heights = {180, 360, 720};
        assertThat(LayerSelector.layerFor(120, heights)).isEqualTo(0);
        assertThat(LayerSelector.layerFor(180, heights)).isEqualTo(0);
        assertThat(LayerSelector.layerFor(181, heights)).isEqualTo(1);
        assertThat(LayerSelector.layerFor(540, heights)).isEqualTo(2);
        assertThat(LayerSelector.layerFor(1080, heights)).as("nothing is high enough: the highest").isEqualTo(2);
        assertThat(LayerSelector.layerFor(540, new int[] {180, 360, 0})).as("the top layer is off").isEqualTo(1);
        assertThat(LayerSelector.layerFor(100, new int[] {0, 360, 720})).isEqualTo(1);
        assertThat(LayerSelector.layerFor(100, new int[] {0, 0, 0})).isEqualTo(0);
    }
}
