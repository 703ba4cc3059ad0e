package dev.plenum.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.media.transport.MediaTransportConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A media room exists while someone is in it: the last to leave removes it, and a join racing with that still lands. */
class MediaRoomLifecycleTest {
    private static MediaNode node;

    @BeforeAll
    static void start() throws Exception {
        node = new MediaNode(MediaTransportConfig.defaults().withPorts(0, 0), new SimpleMeterRegistry());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** Counts offers; a session's first offer proves it is a member of a live room. */
    private static final class Offers implements MediaSession.Listener {
        final AtomicInteger count = new AtomicInteger();

        @Override public void onOffer(String sdp) {
            count.incrementAndGet();
        }

        @Override public void onMediaFailed(String reason) {
        }
    }

    @Test
    void theLastToLeaveRemovesTheRoom() {
        int before = node.roomCount();
        MediaSession ann = node.join("lifecycle", "ann", new Offers());
        MediaSession bob = node.join("lifecycle", "bob", new Offers());
        assertThat(node.roomCount()).isEqualTo(before + 1);
        ann.close();
        assertThat(node.roomCount()).as("Bob is still in it").isEqualTo(before + 1);
        bob.close();
        assertThat(node.roomCount()).isEqualTo(before);
    }

    @Test
    void closingTwiceDoesNotRemoveARoomSomeoneElseIsIn() {
        MediaSession ann = node.join("twice", "ann", new Offers());
        ann.close();
        MediaSession bob = node.join("twice", "bob", new Offers());
        ann.close();
        assertThat(bob.room().size()).isEqualTo(1);
        assertThat(node.roomCount()).isEqualTo(1);
        bob.close();
        assertThat(node.roomCount()).isZero();
    }

    /**
     * Pairs of threads: one keeps a room's last member leaving while the other joins it. Every join must end in the
     * room the node lists (never in a closed one it forgot), and when everyone has left no room remains.
     */
    @Test
    void aJoinRacingWithTheLastLeaveEndsInALiveRoom() throws Exception {
        int rounds = 500;
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            for (int pair = 0; pair < 2; pair++) {
                String room = "race-" + pair;
                for (int round = 0; round < rounds; round++) {
                    CountDownLatch go = new CountDownLatch(1);
                    MediaSession leaver = node.join(room, "leaver", new Offers());
                    Future<?> leave = threads.submit(() -> {
                        go.await();
                        leaver.close();
                        return null;
                    });
                    Offers offers = new Offers();
                    Future<MediaSession> join = threads.submit(() -> {
                        go.await();
                        return node.join(room, "joiner", offers);
                    });
                    go.countDown();
                    leave.get();
                    MediaSession joiner = join.get();
                    assertThat(joiner.room().size()).as("the joiner is a member of its room").isEqualTo(1);
                    assertThat(node.hasRoom(room, joiner.room())).as("the joiner's room is the one the node lists")
                            .isTrue();
                    assertThat(offers.count.get()).as("the joiner got its first offer").isEqualTo(1);
                    joiner.close();
                    assertThat(node.hasRoom(room, joiner.room())).isFalse();
                }
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(node.roomCount()).isZero();
    }
}
