package dev.plenum.media.session;

import static dev.plenum.media.session.ScriptedBrowser.FID;
import static dev.plenum.media.session.ScriptedBrowser.group;
import static dev.plenum.media.session.ScriptedBrowser.section;
import static dev.plenum.media.session.ScriptedBrowser.sequences;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.media.transport.MediaTransportConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On a node with last-N, a subscriber receives the cameras of only the N others most relevant to it: a camera
 * outside gets no packets, while every microphone and a shared screen still reach it. Enlarging a tile brings its
 * camera in (with a keyframe request to its publisher) and the page is told each new set.
 */
class LastNSessionTest {
    private static final long[] ANN_AUDIO = {1000001L, 1000002L};
    private static final long[] ANN_CAMERA = {1100001L, 1100002L};
    private static final long[] BOB_AUDIO = {2000001L, 2000002L};
    private static final long[] BOB_CAMERA = {2200001L, 2200002L};
    private static final long[] BOB_SCREEN = {2300001L, 2300002L};
    private static final Pattern SSRC = Pattern.compile("a=ssrc:(\\d+)");

    private final Random random = new Random(11);
    private MediaNode node;
    private ScriptedBrowser ann;
    private ScriptedBrowser bob;
    private ScriptedBrowser cat;

    @BeforeEach
    void connect() throws Exception {
        node = new MediaNode(MediaTransportConfig.defaults().withPorts(0, 0), new SimpleMeterRegistry());
        node.lastN(1);
        ann = new ScriptedBrowser(node, "ann", new InetSocketAddress("192.0.2.10", 50000), random);
        ann.connect(ann.answer(Map.of("0", ANN_AUDIO, "1", ANN_CAMERA)));
        bob = new ScriptedBrowser(node, "bob", new InetSocketAddress("192.0.2.20", 40000), random);
        bob.connect(bob.answer(Map.of("0", BOB_AUDIO, "1", BOB_CAMERA)));
        cat = new ScriptedBrowser(node, "cat", new InetSocketAddress("192.0.2.30", 30000), random);
        cat.connect(cat.answer(Map.of()));
    }

    @AfterEach
    void close() {
        for (ScriptedBrowser b : List.of(ann, bob, cat)) if (b != null) b.close();
        node.close();
    }

    private long camera(String publisher) {
        return Long.parseLong(group(FID, section(cat.offers.getLast(), publisher + " video-" + publisher)));
    }

    private long microphone(String publisher) {
        return Long.parseLong(group(SSRC, section(cat.offers.getLast(), publisher + " audio-" + publisher)));
    }

    private static ByteBuf rtp(int payloadType, long ssrc, int sequence) {
        ByteBuf p = Unpooled.directBuffer(1200);
        p.writeByte(0x80).writeByte(payloadType).writeShort(sequence).writeInt(sequence * 960).writeInt((int) ssrc);
        p.writeZero(200);
        return p;
    }

    /** Ann and Bob each send 5 packets of camera and microphone. */
    private void everyoneSends(int from) {
        for (int s = from; s < from + 5; s++) {
            ann.sendRtp(rtp(96, ANN_CAMERA[0], s));
            ann.sendRtp(rtp(111, ANN_AUDIO[0], s));
            bob.sendRtp(rtp(96, BOB_CAMERA[0], s));
            bob.sendRtp(rtp(111, BOB_AUDIO[0], s));
        }
    }

    @Test
    void aCameraOutsideLastNGetsNoPacketsWhileEveryMicrophoneDoes() {
        assertThat(cat.lastN).as("nobody spoke, tiles alike: the first to join").containsExactly(List.of("ann"));
        everyoneSends(100);
        assertThat(sequences(cat.rtp, camera("ann"))).hasSize(5);
        assertThat(sequences(cat.rtp, camera("bob"))).as("Bob's camera is outside Cat's last 1").isEmpty();
        assertThat(sequences(cat.rtp, microphone("ann"))).hasSize(5);
        assertThat(sequences(cat.rtp, microphone("bob"))).as("audio is never held back").hasSize(5);
        assertThat(bob.lastN).as("Bob receives Ann's camera").containsExactly(List.of("ann"));
        assertThat(ann.lastN).containsExactly(List.of("bob"));
    }

    @Test
    void enlargingATileBringsItsCameraInWithAKeyframeRequestAndTellsThePage() throws Exception {
        Thread.sleep(400); // past the 300 ms limit of the keyframe requests made when the legs started
        bob.plis.clear();
        cat.session.setTileSizes(List.of(new VideoTile("ann", false, 320, 240), new VideoTile("bob", false, 1280, 720)));
        assertThat(cat.lastN.getLast()).as("Cat pinned Bob").containsExactly("bob");
        assertThat(bob.plis).as("Bob is asked for a keyframe for Cat").contains(BOB_CAMERA[0]);
        everyoneSends(200);
        assertThat(sequences(cat.rtp, camera("bob"))).hasSize(5);
        assertThat(sequences(cat.rtp, camera("ann"))).as("Ann's camera left Cat's last 1").isEmpty();
        assertThat(sequences(cat.rtp, microphone("ann"))).hasSize(5);

        int told = cat.lastN.size();
        cat.session.setTileSizes(List.of(new VideoTile("ann", false, 320, 240), new VideoTile("bob", false, 1280, 721)));
        assertThat(cat.lastN).as("the same set is not told again").hasSize(told);
    }

    @Test
    void aSharedScreenIsNotCountedInLastNAndAlwaysForwarded() throws Exception {
        int catOffers = cat.offers.size();
        assertThat(bob.session.shareScreen(true)).isTrue();
        bob.session.onAnswer(bob.answer(Map.of("0", BOB_AUDIO, "1", BOB_CAMERA, MediaSession.SCREEN_MID, BOB_SCREEN)));
        long until = System.nanoTime() + 5_000_000_000L;
        while (cat.offers.size() <= catOffers && System.nanoTime() < until) Thread.sleep(10);
        cat.session.onAnswer(cat.answer(Map.of()));
        long screen = Long.parseLong(group(FID, section(cat.offers.getLast(), "screen-bob screen-bob")));

        everyoneSends(300);
        for (int s = 300; s < 305; s++) bob.sendRtp(rtp(96, BOB_SCREEN[0], s));
        assertThat(sequences(cat.rtp, screen)).as("Bob's screen").hasSize(5);
        assertThat(sequences(cat.rtp, camera("ann"))).as("and still one camera").hasSize(5);
        assertThat(sequences(cat.rtp, camera("bob"))).isEmpty();
        assertThat(cat.lastN.getLast()).containsExactly("ann");
    }
}
