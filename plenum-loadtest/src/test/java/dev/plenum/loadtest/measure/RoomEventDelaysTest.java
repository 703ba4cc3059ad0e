package dev.plenum.loadtest.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Timed room events: the announcer's stamp survives the trip through a message text, other texts are not timed. */
class RoomEventDelaysTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void aStampReadsBackAsItsSendTimeForAnyNanoTime(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 1000; i++) {
            long nanos = random.nextLong(); // System.nanoTime() may be negative
            assertThat(RoomEventDelays.sentAt(RoomEventDelays.stamp(nanos))).isEqualTo(nanos);
        }
    }

    @Test
    void textsThatAreNotStampsAreNotTimed() {
        RoomEventDelays delays = new RoomEventDelays();
        for (String text : new String[] {null, "", "hello", "plenum-loadtest ", "plenum-loadtest 12x",
                "plenum-loadtest 99999999999999999999999", "PLENUM-LOADTEST 5"}) {
            assertThat(RoomEventDelays.sentAt(text)).as(text).isEqualTo(Long.MIN_VALUE);
            delays.received(RoomEventDelays.Kind.CHAT, text, 0);
        }
        assertThat(delays.summary(RoomEventDelays.Kind.CHAT).deliveries()).isZero();
    }

    @Test
    void eachReceiptIsOneDeliveryTimedFromTheStamp() {
        RoomEventDelays delays = new RoomEventDelays();
        long sentAt = 1_000_000_000L;
        delays.sent(RoomEventDelays.Kind.POLL);
        for (int participant = 1; participant <= 100; participant++) {
            delays.received(RoomEventDelays.Kind.POLL, RoomEventDelays.stamp(sentAt), sentAt + participant * 1_000_000L);
        }
        RoomEventDelays.Summary poll = delays.summary(RoomEventDelays.Kind.POLL);
        assertThat(poll.kind()).isEqualTo("poll");
        assertThat(poll.sent()).isEqualTo(1);
        assertThat(poll.deliveries()).isEqualTo(100);
        assertThat(poll.p50Millis()).isBetween(48.0, 52.0);
        assertThat(poll.p99Millis()).isBetween(96.0, 101.0);
        assertThat(poll.maxMillis()).isEqualTo(100.0);
        assertThat(delays.summary(RoomEventDelays.Kind.CHAT).deliveries()).as("kinds are kept apart").isZero();
    }

    @Test
    void aPageTurnIsTimedFromWhenTheAnnouncerTurnedToThatPage() {
        RoomEventDelays delays = new RoomEventDelays();
        delays.pageShown(7, 2, 5_000_000L); // shown before any turn was timed (the first page, on presenting): ignored
        delays.pageTurned(7, 3, 2, 1_000_000L);
        delays.pageShown(7, 2, 4_000_000L);
        delays.pageShown(7, 3, 4_000_000L); // a page not turned to yet
        delays.pageShown(8, 2, 4_000_000L); // another file
        RoomEventDelays.Summary turns = delays.summary(RoomEventDelays.Kind.PAGE_TURN);
        assertThat(turns.kind()).isEqualTo("page turn");
        assertThat(turns.sent()).isEqualTo(1);
        assertThat(turns.deliveries()).isEqualTo(1);
        assertThat(turns.maxMillis()).isEqualTo(3.0);
    }
}
