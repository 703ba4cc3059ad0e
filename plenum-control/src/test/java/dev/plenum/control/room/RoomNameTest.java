package dev.plenum.control.room;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoomNameTest {
    @ParameterizedTest
    @ValueSource(strings = {"maths-7b", "Welcome", "a", "team-2026"})
    void ordinaryNamesAreRooms(String raw) {
        assertThat(RoomName.parse(raw)).map(RoomName::value).contains(raw.toLowerCase());
    }

    @ParameterizedTest
    @ValueSource(strings = {"api", "health", "metrics", "static", "ws", "API"})
    void theProgramsOwnPathsAreReserved(String raw) {
        assertThat(RoomName.parse(raw)).isEmpty();
        assertThat(RoomName.isReserved(raw)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-lead", "has space", "dot.dot", "slash/x", "ü"})
    void malformedNamesAreNotRooms(String raw) {
        assertThat(RoomName.parse(raw)).isEmpty();
    }
}
