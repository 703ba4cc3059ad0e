package dev.plenum.media.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebmWriterTest {
    @TempDir Path dir;

    /** A VP8 keyframe's first bytes (RFC 6386 §9.1): frame tag with P=0, start code, 640 x 480. */
    static byte[] vp8Keyframe(int width, int height, int extra) {
        byte[] f = new byte[10 + extra];
        f[0] = 0x10;
        f[3] = (byte) 0x9d;
        f[4] = 0x01;
        f[5] = 0x2a;
        f[6] = (byte) width;
        f[7] = (byte) (width >> 8);
        f[8] = (byte) height;
        f[9] = (byte) (height >> 8);
        return f;
    }

    @Test
    void aFileWithVideoAndAudioReadsBackAsWebmWithBothTracksClustersAtKeyframesAndCues() throws Exception {
        Path file = dir.resolve("a.webm");
        try (WebmWriter w = new WebmWriter(file, true, true)) {
            for (int i = 0; i < 300; i++) { // 6 s of audio, 20 ms apart
                if (i % 2 == 0) { // 25 frames a second, a keyframe every 2 s
                    long t = i * 20L;
                    boolean key = t % 2000 == 0;
                    w.writeVideo(t, key, key ? vp8Keyframe(640, 480, 100) : new byte[] {1, 0, 0, 7, 7}, 640, 480);
                }
                w.writeAudio(i * 20L + 3, new byte[] {(byte) 0xFC, (byte) i, 1, 2});
            }
            w.writeAudio(1000, new byte[] {9}); // late: written at the track's last time, never before it
        }
        byte[] bytes = Files.readAllBytes(file);
        List<Ebml.Element> top = Ebml.parse(bytes);
        assertThat(top).extracting(Ebml.Element::id).containsExactly(WebmWriter.EBML, WebmWriter.SEGMENT);
        assertThat(top.get(0).child(WebmWriter.DOC_TYPE).string()).isEqualTo("webm");

        Ebml.Element segment = top.get(1);
        assertThat(segment.dataStart() + segment.data().length).isEqualTo(bytes.length);
        Ebml.Element info = segment.child(WebmWriter.INFO);
        assertThat(info.child(WebmWriter.TIMESTAMP_SCALE).uint()).isEqualTo(1_000_000);
        assertThat(info.child(WebmWriter.DURATION).floating()).isBetween(5_980.0, 6_100.0);

        List<Ebml.Element> tracks = segment.child(WebmWriter.TRACKS).all(WebmWriter.TRACK_ENTRY);
        assertThat(tracks).hasSize(2);
        Ebml.Element video = tracks.get(0);
        assertThat(video.child(WebmWriter.CODEC_ID).string()).isEqualTo("V_VP8");
        assertThat(video.child(WebmWriter.TRACK_TYPE).uint()).isEqualTo(1);
        assertThat(video.child(WebmWriter.VIDEO).child(WebmWriter.PIXEL_WIDTH).uint()).isEqualTo(640);
        assertThat(video.child(WebmWriter.VIDEO).child(WebmWriter.PIXEL_HEIGHT).uint()).isEqualTo(480);
        Ebml.Element audio = tracks.get(1);
        assertThat(audio.child(WebmWriter.CODEC_ID).string()).isEqualTo("A_OPUS");
        assertThat(new String(audio.child(WebmWriter.CODEC_PRIVATE).data(), 0, 8)).isEqualTo("OpusHead");
        assertThat(audio.child(WebmWriter.AUDIO).child(WebmWriter.SAMPLING_FREQUENCY).floating()).isEqualTo(48_000.0);

        // Every SeekHead entry points at the element it names, relative to the Segment's data.
        for (Ebml.Element seek : segment.child(WebmWriter.SEEK_HEAD).all(WebmWriter.SEEK)) {
            long position = seek.child(WebmWriter.SEEK_POSITION).uint();
            byte[] id = seek.child(WebmWriter.SEEK_ID).data();
            int named = (id[0] & 0xFF) << 24 | (id[1] & 0xFF) << 16 | (id[2] & 0xFF) << 8 | (id[3] & 0xFF);
            assertThat(segment.children()).anySatisfy(e -> {
                assertThat(e.id()).isEqualTo(named);
                assertThat(e.dataStart() - segment.dataStart()).isBetween(position + 5, position + 12);
            });
        }

        List<Ebml.Element> clusters = segment.all(WebmWriter.CLUSTER);
        assertThat(clusters.size()).as("clusters, one per keyframe: 0, 2 and 4 s").isEqualTo(3);
        Map<Integer, Long> last = new HashMap<>();
        List<Long> keyframeTimes = new ArrayList<>();
        for (Ebml.Element cluster : clusters) {
            long base = cluster.child(WebmWriter.TIMESTAMP).uint();
            for (Ebml.Element block : cluster.all(WebmWriter.SIMPLE_BLOCK)) {
                byte[] b = block.data();
                int track = b[0] & 0x7F;
                long t = base + (short) ((b[1] & 0xFF) << 8 | (b[2] & 0xFF));
                assertThat(t).as("track %d time", track).isGreaterThanOrEqualTo(last.getOrDefault(track, 0L));
                last.put(track, t);
                if (track == 1 && (b[3] & 0x80) != 0) keyframeTimes.add(t);
            }
            Ebml.Element first = cluster.all(WebmWriter.SIMPLE_BLOCK).stream()
                    .filter(x -> (x.data()[0] & 0x7F) == 1).findFirst().orElseThrow();
            assertThat(first.data()[3] & 0x80).as("each cluster's first video block is a keyframe").isNotZero();
        }
        assertThat(keyframeTimes).containsExactly(0L, 2000L, 4000L);

        List<Ebml.Element> cues = segment.child(WebmWriter.CUES).all(WebmWriter.CUE_POINT);
        assertThat(cues).hasSize(3);
        for (int i = 0; i < cues.size(); i++) {
            long position = cues.get(i).child(WebmWriter.CUE_TRACK_POSITIONS).child(WebmWriter.CUE_CLUSTER_POSITION).uint();
            Ebml.Element cluster = clusters.get(i);
            assertThat(cluster.dataStart() - 12 - segment.dataStart()).isEqualTo(position); // ID (4) and size (8)
            assertThat(cues.get(i).child(WebmWriter.CUE_TIME).uint()).isEqualTo(keyframeTimes.get(i));
        }
    }

    @Test
    void anAudioOnlyFileHasOneTrackAndAClusterAtLeastEveryFiveSeconds() throws Exception {
        Path file = dir.resolve("b.webm");
        try (WebmWriter w = new WebmWriter(file, false, true)) {
            for (int i = 0; i < 600; i++) w.writeAudio(i * 20L, new byte[] {(byte) 0xFC});
        }
        Ebml.Element segment = Ebml.parse(Files.readAllBytes(file)).get(1);
        assertThat(segment.child(WebmWriter.TRACKS).all(WebmWriter.TRACK_ENTRY)).singleElement()
                .satisfies(t -> assertThat(t.child(WebmWriter.TRACK_NUMBER).uint()).isEqualTo(1));
        assertThat(segment.all(WebmWriter.CLUSTER).size()).isEqualTo(3);
        assertThat(segment.child(WebmWriter.CUES).all(WebmWriter.CUE_POINT)).hasSize(3);
    }

    @Test
    void aFileWithoutMediaIsStillWellFormed() throws Exception {
        Path file = dir.resolve("c.webm");
        new WebmWriter(file, true, true).close();
        List<Ebml.Element> top = Ebml.parse(Files.readAllBytes(file));
        assertThat(top.get(1).all(WebmWriter.CLUSTER).size()).isZero();
    }
}
