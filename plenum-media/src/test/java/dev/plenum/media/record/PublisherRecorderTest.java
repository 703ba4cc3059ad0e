package dev.plenum.media.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.media.forward.Fanout;
import dev.plenum.media.forward.StreamRewriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublisherRecorderTest {
    @TempDir Path dir;

    private static final class Target implements RecordingTarget {
        final Path dir;
        final List<RecordedFile> finished = new CopyOnWriteArrayList<>();
        final List<Exception> failed = new CopyOnWriteArrayList<>();

        Target(Path dir) {
            this.dir = dir;
        }

        @Override public Path newFile(String participantId, boolean screen) {
            return dir.resolve(participantId + (screen ? "-screen" : "") + ".webm");
        }

        @Override public void finished(RecordedFile file) {
            finished.add(file);
        }

        @Override public void failed(String participantId, boolean screen, Exception cause) {
            failed.add(cause);
        }
    }

    private static ByteBuf rtp(int pt, int sequence, long timestamp, boolean marker, byte[] payload) {
        ByteBuf p = Unpooled.directBuffer(12 + payload.length);
        p.writeByte(0x80).writeByte((marker ? 0x80 : 0) | pt).writeShort(sequence).writeInt((int) timestamp).writeInt(5);
        return p.writeBytes(payload);
    }

    @Test
    void packetsFromTheFanOutBecomeAWebmFileStartingAtAKeyframeWithItsHashAndTheKeyframeIsAskedFor() throws Exception {
        Target target = new Target(dir);
        AtomicInteger keyframeRequests = new AtomicInteger();
        PublisherRecorder recorder = new PublisherRecorder("ann", false, target.newFile("ann", false), true, true,
                keyframeRequests::incrementAndGet, () -> {}, target, Clock.systemUTC(), System::nanoTime);
        Fanout video = new Fanout(ByteBufAllocator.DEFAULT);
        Fanout audio = new Fanout(ByteBufAllocator.DEFAULT);
        video.subscribe(recorder.videoInput(), new StreamRewriter(5));
        audio.subscribe(recorder.audioInput(), new StreamRewriter(5));

        List<ByteBuf> sources = new ArrayList<>();
        byte[] inter = {0x10, 0x01, 0x00, 0x00, 0x00}; // descriptor S=1 PID 0, then a frame with P=1
        byte[] key = new byte[11];
        key[0] = 0x10; // descriptor S=1 PID 0
        System.arraycopy(WebmWriterTest.vp8Keyframe(320, 240, 0), 0, key, 1, 10);
        for (int i = 0; i < 50; i++) {
            byte[] frame = i == 5 || i == 30 ? key : inter; // frames 0-4 precede any keyframe: not recorded
            ByteBuf v = rtp(96, 100 + i, 90_000L + 3000L * i, true, frame);
            ByteBuf a = rtp(111, 7 + i, 48_000L + 960L * i, true, new byte[] {(byte) 0xFC, (byte) i});
            sources.add(v);
            sources.add(a);
            video.forward(v);
            audio.forward(a);
            Thread.sleep(2);
        }
        Thread.sleep(100); // the first keyframe request goes out at once
        video.unsubscribe(recorder.videoInput());
        audio.unsubscribe(recorder.audioInput());
        recorder.stop();
        assertThat(recorder.awaitFinished(5_000)).isTrue();

        assertThat(target.failed).isEmpty();
        RecordedFile file = target.finished.getFirst();
        assertThat(file.bytes()).isEqualTo(Files.size(file.path()));
        assertThat(file.sha256()).isEqualTo(PublisherRecorder.sha256(file.path())).hasSize(64);
        assertThat(file.video()).isTrue();
        assertThat(file.packetsDropped()).isZero();
        assertThat(keyframeRequests.get()).isGreaterThanOrEqualTo(1);
        for (ByteBuf s : sources) assertThat(s.refCnt()).isZero();

        Ebml.Element segment = Ebml.parse(Files.readAllBytes(file.path())).get(1);
        List<byte[]> videoBlocks = new ArrayList<>();
        int audioBlocks = 0;
        for (Ebml.Element cluster : segment.all(WebmWriter.CLUSTER)) {
            for (Ebml.Element block : cluster.all(WebmWriter.SIMPLE_BLOCK)) {
                if ((block.data()[0] & 0x7F) == 1) videoBlocks.add(block.data());
                else audioBlocks++;
            }
        }
        assertThat(videoBlocks.size()).isEqualTo(45);
        assertThat(videoBlocks.getFirst()[3] & 0x80).as("the first video block is a keyframe").isNotZero();
        assertThat(audioBlocks).isEqualTo(50);
        Ebml.Element track = segment.child(WebmWriter.TRACKS).all(WebmWriter.TRACK_ENTRY).getFirst();
        assertThat(track.child(WebmWriter.VIDEO).child(WebmWriter.PIXEL_WIDTH).uint()).isEqualTo(320);
    }

    @Test
    void aRecorderThatFallsBehindDropsAndCountsWhatItsQueueHasNoRoomForAndTheFanOutGoesOn() throws Exception {
        Target target = new Target(dir);
        java.util.concurrent.CountDownLatch stuck = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger counted = new AtomicInteger();
        PublisherRecorder recorder = new PublisherRecorder("bob", false, target.newFile("bob", false), true, false,
                () -> { // the recorder thread's first keyframe request: held here, as a slow disk would hold it
                    stuck.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, counted::incrementAndGet, target, Clock.systemUTC(), System::nanoTime);
        assertThat(stuck.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        Fanout video = new Fanout(ByteBufAllocator.DEFAULT);
        List<ByteBuf> toSomeoneElse = new ArrayList<>();
        video.subscribe(toSomeoneElse::add, new StreamRewriter(9));
        video.subscribe(recorder.videoInput(), new StreamRewriter(5));
        int sent = PublisherRecorder.QUEUE_CAPACITY + 100;
        for (int i = 0; i < sent; i++) video.forward(rtp(96, i, 3000L * i, true, new byte[] {0x10, 0x01, 0, 0}));

        assertThat(toSomeoneElse).as("the other subscriber got everything").hasSize(sent);
        assertThat(recorder.packetsDropped()).isEqualTo(100);
        assertThat(counted.get()).isEqualTo(100);
        toSomeoneElse.forEach(ByteBuf::release);

        video.unsubscribe(recorder.videoInput());
        release.countDown();
        recorder.stop();
        assertThat(recorder.awaitFinished(5_000)).isTrue();
        assertThat(target.finished.getFirst().packetsDropped()).isEqualTo(100);
        Ebml.parse(Files.readAllBytes(target.finished.getFirst().path())); // well formed, though without a keyframe no frame
    }
}
