package dev.plenum.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SsrcContextTableTest {

    @Test
    void a_table_starts_small_and_grows_only_with_the_ssrcs_installed() {
        SsrcContextTable table = new SsrcContextTable(SrtpTransformer.DEFAULT_MAX_SSRCS);
        assertThat(table.allocatedSlots()).isEqualTo(SsrcContextTable.INITIAL_SLOTS);
        for (int ssrc = 1; ssrc <= 5; ssrc++) {
            table.install(table.lookup(ssrc));
        }
        assertThat(table.size()).isEqualTo(5);
        assertThat(table.allocatedSlots()).isEqualTo(8);
    }

    @Test
    void a_lookup_that_misses_installs_nothing() {
        SsrcContextTable table = new SsrcContextTable(8);
        SsrcContext spare = table.lookup(42);
        assertThat(table.isInstalled(spare)).isFalse();
        assertThat(table.size()).isZero();
        table.install(spare);
        assertThat(table.lookup(42)).isSameAs(spare);
        assertThat(table.isInstalled(spare)).isTrue();
    }

    @Test
    void the_bound_holds_past_the_old_limit_of_64() {
        SsrcContextTable table = new SsrcContextTable(SrtpTransformer.DEFAULT_MAX_SSRCS);
        for (int ssrc = 0; ssrc < 300; ssrc++) {
            table.install(table.lookup(0x1000_0000 + ssrc * 7919));
        }
        assertThat(table.size()).isEqualTo(300);
        assertThat(table.evictions()).isZero();
        for (int ssrc = 0; ssrc < 300; ssrc++) {
            assertThat(table.isInstalled(table.lookup(0x1000_0000 + ssrc * 7919))).isTrue();
        }
    }

    /** Random installs, lookups and evictions agree with a plain map that evicts the least recently used. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void behaves_like_a_least_recently_used_map(long seed) {
        Random random = new Random(seed);
        int capacity = 1 + random.nextInt(40);
        SsrcContextTable table = new SsrcContextTable(capacity);
        Map<Integer, Long> model = new HashMap<>(); // ssrc -> last use
        Map<Integer, SsrcContext> contexts = new HashMap<>();
        long clock = 0;
        long evictions = 0;
        int ssrcRange = capacity * 2 + random.nextInt(20);
        for (int step = 0; step < 5000; step++) {
            // a few SSRCs collide in their low bits on purpose: the index must probe past them
            int ssrc = random.nextBoolean() ? random.nextInt(ssrcRange) : random.nextInt(ssrcRange) << 24;
            SsrcContext c = table.lookup(ssrc);
            clock++;
            if (model.containsKey(ssrc)) {
                assertThat(table.isInstalled(c)).as("step %d ssrc %d installed", step, ssrc).isTrue();
                assertThat(c).isSameAs(contexts.get(ssrc));
                model.put(ssrc, clock);
                continue;
            }
            assertThat(table.isInstalled(c)).as("step %d ssrc %d not installed", step, ssrc).isFalse();
            assertThat(c.ssrc).isEqualTo(ssrc);
            if (random.nextInt(4) == 0) continue; // the packet did not authenticate
            if (model.size() == capacity) {
                int oldest = model.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
                model.remove(oldest);
                contexts.remove(oldest);
                evictions++;
            }
            table.install(c);
            model.put(ssrc, clock);
            contexts.put(ssrc, c);
            assertThat(table.size()).isEqualTo(model.size());
            assertThat(table.evictions()).isEqualTo(evictions);
        }
        for (int ssrc : model.keySet()) {
            assertThat(table.lookup(ssrc)).isSameAs(contexts.get(ssrc));
        }
    }
}
