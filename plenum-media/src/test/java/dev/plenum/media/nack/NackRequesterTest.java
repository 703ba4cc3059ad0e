package dev.plenum.media.nack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.media.rtcp.RtcpListener;
import dev.plenum.media.rtcp.RtcpParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Losses on a publisher's link: found from sequence gaps, requested a few times, forgotten when repaired. */
class NackRequesterTest {
    private static final long MS = 1_000_000L;
    private final NackRequester losses = new NackRequester(100 * MS);

    private int[] due(long nowMs) {
        int[] into = new int[NackRequester.MAX_MISSING];
        return Arrays.copyOf(into, losses.due(nowMs * MS, into));
    }

    @Test
    void aGapIsRequestedAtOnce() {
        losses.received(10);
        losses.received(11);
        losses.received(15);
        assertThat(due(0)).containsExactly(12, 13, 14);
        assertThat(due(1)).as("not again within the retry interval").isEmpty();
    }

    @Test
    void aMissingPacketIsRequestedAFewTimesThenGivenUp() {
        losses.received(1);
        losses.received(3);
        assertThat(due(0)).containsExactly(2);
        assertThat(due(100)).containsExactly(2);
        assertThat(due(200)).containsExactly(2);
        assertThat(due(300)).isEmpty();
        assertThat(losses.pending()).as("a late repair is still taken for a second").isTrue();
        assertThat(losses.dueAt(1_199 * MS)).isFalse();
        assertThat(due(1_200)).isEmpty();
        assertThat(losses.pending()).isFalse();
        assertThat(losses.givenUp()).isEqualTo(1);
        assertThat(losses.received(2)).as("too late: given up").isFalse();
    }

    @Test
    void theRetryIntervalFollowsHowFastRepairsCome() {
        assertThat(losses.retryIntervalNanos()).isEqualTo(100 * MS);
        for (int s = 0; s < 40; s += 2) { // every other packet lost, each repaired 15 ms after its request
            losses.received(s);
            losses.received(s + 2);
            due(s * 10L);
            losses.repaired(s + 1, (s * 10L + 15) * MS);
        }
        assertThat(losses.retryIntervalNanos()).isBetween(29 * MS, 31 * MS);
        losses.received(100);
        losses.received(102);
        due(1_000);
        losses.repaired(101, 1_001 * MS);
        assertThat(losses.retryIntervalNanos()).as("never below the floor").isGreaterThanOrEqualTo(NackRequester.MIN_RETRY_NANOS);
    }

    @Test
    void aRepairAfterTheLastRequestIsStillTaken() {
        losses.received(1);
        losses.received(3);
        due(0);
        due(100);
        due(200);
        assertThat(losses.repaired(2, 0)).isTrue();
        assertThat(losses.pending()).isFalse();
    }

    @Test
    void aRepairedPacketIsNoLongerRequestedAndIsForwardedOnce() {
        losses.received(1);
        losses.received(4);
        assertThat(losses.repaired(2, 0)).as("the repair of a missing packet is news").isTrue();
        assertThat(losses.repaired(2, 0)).as("a second repair is not").isFalse();
        assertThat(losses.received(2)).as("nor the late original").isFalse();
        assertThat(losses.received(4)).isFalse();
        assertThat(due(0)).containsExactly(3);
    }

    @Test
    void aLateOriginalFillsItsGapAndItsRepairIsThenRefused() {
        losses.received(1);
        losses.received(3);
        assertThat(losses.received(2)).as("reordered, not lost").isTrue();
        assertThat(losses.repaired(2, 0)).isFalse();
        assertThat(losses.pending()).isFalse();
    }

    @Test
    void aRepairOfAPacketNeverMissingIsRefused() {
        assertThat(losses.repaired(5, 0)).as("nothing received yet").isFalse();
        losses.received(10);
        assertThat(losses.repaired(11, 0)).as("ahead of the stream").isFalse();
        assertThat(losses.repaired(9, 0)).as("behind it, never missing").isFalse();
    }

    @Test
    void aJumpBackIsANewStartAndTheStreamContinuesFromThere() {
        losses.received(40_000);
        assertThat(losses.received(1_000)).isTrue();
        assertThat(losses.received(1_001)).isTrue();
        assertThat(losses.pending()).isFalse();
    }

    @Test
    void onlyNewOrExpiredRequestsAreDue() {
        losses.received(1);
        assertThat(losses.dueAt(0)).isFalse();
        losses.received(3);
        assertThat(losses.dueAt(0)).isTrue();
        due(0);
        assertThat(losses.dueAt(50 * MS)).isFalse();
        assertThat(losses.dueAt(100 * MS)).isTrue();
    }

    @Test
    void gapsAcrossTheWrapAreFound() {
        losses.received(65534);
        losses.received(1);
        assertThat(due(0)).containsExactly(65535, 0);
    }

    @Test
    void aLongJumpIsANewStartNotALoss() {
        losses.received(100);
        losses.received(100 + NackRequester.MAX_GAP + 1);
        assertThat(losses.pending()).isFalse();
    }

    @Test
    void theWrittenNackNamesEveryMissingSequenceNumber() {
        losses.received(1000);
        losses.received(1003);
        losses.received(1030);
        ByteBuf out = Unpooled.buffer(NackRequester.MAX_NACK_BYTES);
        assertThat(losses.writeDueNack(0, out, 1, 0xABCDL)).isEqualTo(2 + 26);
        List<Integer> parsed = new ArrayList<>();
        RtcpParser.parse(out, 0, out.readableBytes(), new RtcpListener() {
            @Override public void nack(long senderSsrc, long mediaSsrc, int sequenceNumber) {
                assertThat(mediaSsrc).isEqualTo(0xABCDL);
                parsed.add(sequenceNumber);
            }
        });
        List<Integer> expected = new ArrayList<>(List.of(1001, 1002));
        for (int s = 1004; s < 1030; s++) expected.add(s);
        assertThat(parsed).isEqualTo(expected);
    }
}
