package dev.plenum.control.conference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plenum.control.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cursors and limits: what the API hands out it takes back; anything else is a named 400. */
class PagingTest {
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void everyCursorHandedOutIsTakenBack(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 1000; i++) {
            long id = 1 + (random.nextLong() >>> 1) % 999_999_999_999_999_999L;
            assertThat(ConferencesApi.cursor(ConferencesApi.encodeCursor(id))).isEqualTo(id);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void randomStringsAreRefusedAsCursorsNotCrashed(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 1000; i++) {
            byte[] bytes = new byte[random.nextInt(24)];
            random.nextBytes(bytes);
            String raw = random.nextBoolean() ? Base64.getUrlEncoder().encodeToString(bytes) : new String(bytes, StandardCharsets.ISO_8859_1);
            try {
                assertThat(ConferencesApi.cursor(raw)).isPositive();
            } catch (ApiException e) {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.error().fields().getFirst().field()).isEqualTo("cursor");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "abc", "1.5", "", "99999999999"})
    void limitsOutsideOneToAHundredAreNamed(String raw) {
        assertThatThrownBy(() -> ConferencesApi.limit(raw)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.error().fields().getFirst().field()).isEqualTo("limit"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "20", "100"})
    void limitsFromOneToAHundredAreTaken(String raw) {
        assertThat(ConferencesApi.limit(raw)).isEqualTo(Integer.parseInt(raw));
    }
}
