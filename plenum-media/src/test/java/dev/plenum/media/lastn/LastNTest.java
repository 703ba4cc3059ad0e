package dev.plenum.media.lastn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Which of the others' cameras one subscriber receives: the N most relevant by the size of their tiles on its page,
 * then by how recently each spoke, then by the order of joining. The caller learns of a choice only when the set
 * changes.
 */
class LastNTest {
    private static final List<String> JOINED = List.of("ann", "bob", "cat", "dan");

    @Test
    void withNobodySpeakingAndEqualTilesTheFirstToJoinAreChosen() {
        assertThat(new LastN(2).choose(JOINED, List.of(), Map.of())).containsExactly("ann", "bob");
    }

    @Test
    void theMostRecentSpeakersComeBeforeTheOrderOfJoining() {
        assertThat(new LastN(2).choose(JOINED, List.of("dan"), Map.of())).containsExactly("dan", "ann");
        assertThat(new LastN(3).choose(JOINED, List.of("cat", "dan"), Map.of())).containsExactly("cat", "dan", "ann");
    }

    @Test
    void aLargerTile_pinnedOrFeatured_comesBeforeEveryRecentSpeaker() {
        Map<String, Integer> sizes = Map.of("ann", 320 * 240, "bob", 320 * 240, "cat", 1280 * 720, "dan", 320 * 240);
        assertThat(new LastN(2).choose(JOINED, List.of("dan", "bob"), sizes)).containsExactly("cat", "dan");
    }

    @Test
    void tilesWithinAFactorOfTwoRankAlikeSoRoundingInTheGalleryDoesNotOverrideSpeaking() {
        Map<String, Integer> sizes = Map.of("ann", 427 * 320, "bob", 426 * 320, "cat", 426 * 319, "dan", 426 * 319);
        assertThat(new LastN(1).choose(JOINED, List.of("dan"), sizes)).containsExactly("dan");
    }

    @Test
    void aTileNotSeenTakesNoPlaceAndOneNotToldYetRanksBelowTheToldOnes() {
        Map<String, Integer> sizes = new HashMap<>(Map.of("ann", 0, "bob", 640 * 480, "cat", 640 * 480));
        assertThat(new LastN(2).choose(JOINED, List.of("ann", "dan"), sizes)).as("Ann is scrolled away; Dan's size unknown")
                .containsExactly("bob", "cat");
        sizes.put("ann", 640 * 480);
        assertThat(new LastN(2).choose(JOINED, List.of("ann", "dan"), sizes)).containsExactly("ann", "bob");
    }

    @Test
    void aChoiceIsReportedOnlyWhenTheSetChanges() {
        LastN lastN = new LastN(2);
        assertThat(lastN.choose(JOINED, List.of(), Map.of())).containsExactly("ann", "bob");
        assertThat(lastN.choose(JOINED, List.of(), Map.of())).as("nothing changed").isNull();
        assertThat(lastN.choose(JOINED, List.of("bob"), Map.of())).as("the same two, in another order").isNull();
        assertThat(lastN.choose(JOINED, List.of("cat", "bob"), Map.of())).containsExactly("cat", "bob");
        assertThat(lastN.forwarded()).containsExactlyInAnyOrder("bob", "cat");
        assertThat(lastN.choose(List.of("bob", "cat", "dan"), List.of("cat", "bob"), Map.of())).as("Ann left: not chosen")
                .isNull();
        assertThat(lastN.choose(List.of("cat", "dan"), List.of("cat"), Map.of())).as("Bob left: Dan takes his place")
                .containsExactly("cat", "dan");
    }

    @Test
    void withNAtLeastTheNumberOfCamerasEveryCameraIsChosen() {
        assertThat(new LastN(4).choose(JOINED, List.of("dan"), Map.of())).containsExactlyInAnyOrderElementsOf(JOINED);
        assertThat(new LastN(LastN.ALL).choose(JOINED, List.of(), Map.of())).containsExactlyElementsOf(JOINED);
        assertThat(new LastN(3).choose(List.of(), List.of("dan"), Map.of())).as("alone: nothing to choose, nothing to report")
                .isNull();
    }

    @Test
    void nIsAtLeastOne() {
        assertThatThrownBy(() -> new LastN(0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Whatever the inputs: at most N, only shown cameras, and everything shown when N is large enough. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void theChoiceIsAtMostNOfTheShownCamerasAndEveryShownCameraWhenNIsLarge(long seed) {
        Random random = new Random(seed);
        List<String> cameras = new ArrayList<>();
        for (int i = 0; i < 1 + random.nextInt(12); i++) cameras.add("p" + i);
        List<String> speakers = new ArrayList<>(cameras);
        java.util.Collections.shuffle(speakers, random);
        speakers = speakers.subList(0, random.nextInt(speakers.size() + 1));
        Map<String, Integer> sizes = new HashMap<>();
        for (String id : cameras) if (random.nextBoolean()) sizes.put(id, random.nextInt(4) * 100_000);
        List<String> shown = cameras.stream().filter(id -> sizes.getOrDefault(id, 1) > 0).toList();
        int n = 1 + random.nextInt(6);

        List<String> chosen = new LastN(n).choose(cameras, speakers, sizes);
        if (shown.isEmpty()) assertThat(chosen).isNull();
        else {
            assertThat(chosen).hasSize(Math.min(n, shown.size())).doesNotHaveDuplicates();
            assertThat(shown).containsAll(chosen);
        }
        List<String> everything = new LastN(LastN.ALL).choose(cameras, speakers, sizes);
        if (!shown.isEmpty()) assertThat(Set.copyOf(everything)).isEqualTo(Set.copyOf(shown));
    }
}
