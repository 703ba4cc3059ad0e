package dev.plenum.control.conference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plenum.control.MutableClock;
import dev.plenum.control.http.ApiException;
import dev.plenum.control.http.JsonFields;
import dev.plenum.control.org.PasswordHasher;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever JSON arrives, reading a conference either yields a storable spec or a 422 naming fields; nothing else. */
class ConferenceRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIELDS = List.of("name", "roomType", "permanentRoom", "startsAt", "timeZone",
            "durationMinutes", "accessType", "password", "lobbyEnabled", "extra");
    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final PasswordHasher passwords = new PasswordHasher(PasswordHasher.Cost.TESTING);

    private Conferences.Spec read(ObjectNode body) {
        return ConferenceRequest.read(new JsonFields(body), null, clock, passwords);
    }

    @Test
    void aStartYearsAheadIsRefusedBeforeItReachesTheDatabase() {
        ObjectNode body = JSON.createObjectNode().put("name", "x").put("permanentRoom", false)
                .put("startsAt", "+999999999-12-31T23:59:59").put("timeZone", "Europe/Warsaw").put("durationMinutes", 30);
        try {
            read(body);
            throw new AssertionError("accepted");
        } catch (ApiException e) {
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.error().fields().getFirst().field()).isEqualTo("startsAt");
        }
        body.put("startsAt", "2039-12-31T10:00:00");
        assertThat(read(body).schedule().startsAt()).isEqualTo(LocalDateTime.parse("2039-12-31T10:00:00"));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomBodiesAreAcceptedOrRefusedByField(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 300; i++) {
            ObjectNode body = JSON.createObjectNode();
            for (String field : FIELDS) {
                if (random.nextInt(3) == 0) continue;
                switch (random.nextInt(7)) {
                    case 0 -> body.putNull(field);
                    case 1 -> body.put(field, random.nextBoolean());
                    case 2 -> body.put(field, random.nextInt(3000) - 500);
                    case 3 -> body.put(field, random.nextDouble());
                    case 4 -> body.put(field, plausible(field, random));
                    case 5 -> body.putArray(field).add(1);
                    default -> body.put(field, randomText(random));
                }
            }
            try {
                Conferences.Spec spec = read(body);
                assertThat(spec.name()).isNotBlank();
                assertThat(Conference.ROOM_TYPES).contains(spec.roomType());
                assertThat(Conference.ACCESS_TYPES).contains(spec.accessType());
                assertThat(spec.permanentRoom()).isEqualTo(spec.schedule() == null);
                assertThat(spec.accessType().equals("password")).isEqualTo(spec.passwordHash() != null);
            } catch (ApiException e) {
                assertThat(e.status()).as(body.toString()).isEqualTo(422);
                assertThat(e.error().fields()).as(body.toString()).isNotEmpty()
                        .allSatisfy(f -> assertThat(FIELDS).contains(f.field()));
            }
        }
    }

    private static String plausible(String field, Random random) {
        return switch (field) {
            case "roomType" -> random.nextBoolean() ? "meeting" : "webinar";
            case "accessType" -> List.of("open", "password", "token").get(random.nextInt(3));
            case "timeZone" -> List.of("Europe/Warsaw", "America/New_York", "UTC", "Etc/GMT+5", "Asia/Kolkata").get(random.nextInt(5));
            case "startsAt" -> LocalDateTime.of(2029 + random.nextInt(15), 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60)).toString();
            default -> "Weekly class " + random.nextInt(100);
        };
    }

    private static String randomText(Random random) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) s.append((char) random.nextInt(0x3000));
        return s.toString();
    }
}
