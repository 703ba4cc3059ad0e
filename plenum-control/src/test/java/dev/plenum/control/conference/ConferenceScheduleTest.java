package dev.plenum.control.conference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** A schedule is a wall-clock time in an IANA zone; its instant follows the zone's daylight-saving rules. */
class ConferenceScheduleTest {
    private static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");

    private static Conference.Schedule at(String wallClock, int minutes) {
        return new Conference.Schedule(LocalDateTime.parse(wallClock), WARSAW, minutes);
    }

    @Test
    void tenOClockIsTenOClockInWinterAndInSummer() {
        assertThat(at("2030-01-15T10:00", 60).startInstant()).isEqualTo(Instant.parse("2030-01-15T09:00:00Z")); // CET
        assertThat(at("2030-07-15T10:00", 60).startInstant()).isEqualTo(Instant.parse("2030-07-15T08:00:00Z")); // CEST
    }

    @Test
    void aMeetingAcrossTheAutumnChangeLastsItsRealDuration() {
        // 2030-10-27 03:00 CEST becomes 02:00 CET: a two-hour meeting from 01:00 ends at 02:00 wall-clock time
        Conference.Schedule night = at("2030-10-27T01:00", 120);
        assertThat(night.startInstant()).isEqualTo(Instant.parse("2030-10-26T23:00:00Z"));
        assertThat(night.endInstant()).isEqualTo(Instant.parse("2030-10-27T01:00:00Z"));
    }

    @Test
    void aWallClockTimeThatOccursTwiceMeansTheEarlierOne() {
        assertThat(at("2030-10-27T02:30", 30).startInstant()).isEqualTo(Instant.parse("2030-10-27T00:30:00Z"));
    }

    @Test
    void aWallClockTimeTheClocksSkipDoesNotExist() {
        assertThat(Conference.Schedule.exists(LocalDateTime.parse("2030-03-31T02:30"), WARSAW)).isFalse();
        assertThat(Conference.Schedule.exists(LocalDateTime.parse("2030-03-31T03:00"), WARSAW)).isTrue();
        assertThat(Conference.Schedule.exists(LocalDateTime.parse("2030-10-27T02:30"), WARSAW)).isTrue();
    }
}
