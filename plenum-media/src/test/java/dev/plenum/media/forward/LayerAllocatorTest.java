package dev.plenum.media.forward;

import static dev.plenum.media.forward.LayerAllocator.PAUSED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LayerAllocatorTest {
    private static final long[] LAYERS = {150_000, 500_000, 1_500_000};

    @Test
    void enoughForEverythingGivesEachVideoTheLayerItsTileAsksFor() {
        int[] chosen = LayerAllocator.allocate(10_000_000, new int[] {2, 0, 1}, new long[][] {LAYERS, LAYERS, LAYERS},
                new int[] {0, 1, 2});
        assertThat(chosen).containsExactly(2, 0, 1);
    }

    @Test
    void theMostImportantVideoIsRaisedFirst() {
        // 150 + 150 + 350 (raise the first to 500) = 650 of 800: the second cannot be raised by 350 more.
        int[] chosen = LayerAllocator.allocate(800_000, new int[] {2, 2}, new long[][] {LAYERS, LAYERS}, new int[] {1, 0});
        assertThat(chosen).containsExactly(0, 1);
    }

    @Test
    void whatDoesNotFitIsPausedWithEverythingLessImportant() {
        int[] chosen = LayerAllocator.allocate(200_000, new int[] {0, 0, 0}, new long[][] {LAYERS, LAYERS, LAYERS},
                new int[] {2, 0, 1});
        assertThat(chosen).containsExactly(PAUSED, PAUSED, 0);
        assertThat(LayerAllocator.allocate(200_000, new int[] {0, 0}, new long[][] {{300_000}, LAYERS}, new int[] {0, 1}))
                .as("the first does not fit: it keeps its lowest layer, the next is paused").containsExactly(0, PAUSED);
    }

    @Test
    void theMostImportantVideoKeepsItsLowestLayerOnAWeakLink() {
        assertThat(LayerAllocator.allocate(60_000, new int[] {1, 1}, new long[][] {LAYERS, LAYERS}, new int[] {1, 0}))
                .as("a weaker link still pauses all video, in the session").containsExactly(PAUSED, 0);
    }

    @Test
    void layersThePublisherDoesNotSendAreSkipped() {
        long[] topOff = {150_000, 500_000, 0};
        assertThat(LayerAllocator.allocate(10_000_000, new int[] {2}, new long[][] {topOff}, new int[] {0})).containsExactly(1);
        long[] lowOff = {0, 500_000, 1_500_000};
        assertThat(LayerAllocator.allocate(10_000_000, new int[] {1}, new long[][] {lowOff}, new int[] {0})).containsExactly(1);
        assertThat(LayerAllocator.allocate(10_000_000, new int[] {PAUSED}, new long[][] {LAYERS}, new int[] {0}))
                .as("not shown").containsExactly(PAUSED);
    }

    /**
     * Randomized: the choice never exceeds the budget, but for the most important video's lowest layer, nor any
     * tile's wish unless the publisher sends no layer that low (then the lowest it sends).
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void neverMoreThanTheBudgetNorThanWanted(long seed) {
        Random random = new Random(seed);
        for (int round = 0; round < 500; round++) {
            int videos = 1 + random.nextInt(6);
            int[] wanted = new int[videos];
            long[][] bitrates = new long[videos][3];
            int[] order = new int[videos];
            for (int v = 0; v < videos; v++) {
                wanted[v] = random.nextInt(4) - 1;
                for (int l = 0; l < 3; l++) bitrates[v][l] = random.nextInt(5) == 0 ? 0 : (l + 1) * (50_000L + random.nextInt(500_000));
                order[v] = v;
            }
            long budget = random.nextInt(3_000_000);
            int[] chosen = LayerAllocator.allocate(budget, wanted, bitrates, order);
            long total = 0;
            long firstsLowest = 0;
            for (int v : order) {
                if (wanted[v] == PAUSED) continue;
                for (long b : bitrates[v]) if (b > 0 && firstsLowest == 0) firstsLowest = b;
                if (firstsLowest > 0) break;
            }
            for (int v = 0; v < videos; v++) {
                if (chosen[v] == PAUSED) continue;
                boolean lowEnoughSent = false;
                for (int l = 0; l <= wanted[v]; l++) lowEnoughSent |= bitrates[v][l] > 0;
                if (lowEnoughSent) assertThat(chosen[v]).isLessThanOrEqualTo(wanted[v]);
                assertThat(bitrates[v][chosen[v]]).isPositive();
                total += bitrates[v][chosen[v]];
            }
            assertThat(total).isLessThanOrEqualTo(Math.max(budget, 0) + firstsLowest);
        }
    }
}
