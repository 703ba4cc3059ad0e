package dev.plenum.control.conference;

import static dev.plenum.control.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plenum.control.TestServer;
import dev.plenum.control.TestServer.Client;
import dev.plenum.control.TestServer.Response;
import dev.plenum.control.store.Engine;
import dev.plenum.control.token.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Joining a conference's room, on H2 and PostgreSQL: its access rule (open, password, personal token) and the role
 * the signed join token carries (members of the organisation host; everyone else attends). Personal tokens are made,
 * listed and revoked through the REST API by their organisation only.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class PlannedRoomJoinTest {
    private static TestServer server;
    @Parameter
    Engine engine;
    private Client acme;
    private Client globex;

    @BeforeParameterizedClassInvocation
    static void start(Engine engine) {
        server = TestServer.start(engine);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @BeforeEach
    void organisations() {
        acme = server.signUp("Acme");
        globex = server.signUp("Globex");
    }

    private JsonNode conference(String roomType, String access, String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Planned " + roomType);
        body.put("roomType", roomType);
        body.put("permanentRoom", true);
        body.put("accessType", access);
        if (password != null) body.put("password", password);
        body.put("lobbyEnabled", false);
        Response r = acme.post("/api/v1/conferences", json(body));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    private static Response join(String room, Map<String, Object> body) {
        return server.anonymous("POST", "/api/v1/rooms/" + room + "/join", json(body));
    }

    private Role roleIn(Response joined) {
        assertThat(joined.status()).as(joined.text()).isEqualTo(200);
        return server.signer.verify(joined.json().get("token").asText()).orElseThrow().role();
    }

    @Test
    void thePreJoinPageLearnsTheKindAndTheAccessRuleButNothingPrivate() {
        String webinar = conference("webinar", "password", "open sesame").get("roomName").asText();
        Response visitor = server.anonymous("GET", "/api/v1/rooms/" + webinar, null);
        assertThat(visitor.status()).as(visitor.text()).isEqualTo(200);
        assertThat(visitor.json().properties()).extracting(Map.Entry::getKey)
                .containsExactly("room", "planned", "webinar", "accessType", "role");
        assertThat(visitor.json().get("planned").asBoolean()).isTrue();
        assertThat(visitor.json().get("webinar").asBoolean()).isTrue();
        assertThat(visitor.json().get("accessType").asText()).isEqualTo("password");
        assertThat(visitor.json().get("role").asText()).isEqualTo("attendee");
        assertThat(visitor.text()).doesNotContain("Planned webinar");
        assertThat(acme.get("/api/v1/rooms/" + webinar).json().get("role").asText()).isEqualTo("host");
        assertThat(globex.get("/api/v1/rooms/" + webinar).json().get("role").asText()).isEqualTo("attendee");

        Response adHoc = server.anonymous("GET", "/api/v1/rooms/free-name", null);
        assertThat(adHoc.json().get("planned").asBoolean()).isFalse();
        assertThat(adHoc.json().get("webinar").asBoolean()).isFalse();
        assertThat(adHoc.json().get("role").asText()).isEqualTo("host");
        assertThat(server.anonymous("GET", "/api/v1/rooms/organiser", null).status()).isEqualTo(404);
    }

    @Test
    void withoutAdHocRoomsAnUnknownNameIsNotFoundAsTheJoinSays() {
        try (TestServer strict = TestServer.withoutAdHocRooms(engine)) {
            Client owner = strict.signUp("Strict");
            Response created = owner.post("/api/v1/conferences", json(Map.of("name", "Class", "roomType", "meeting")));
            String room = created.json().get("roomName").asText();
            assertThat(strict.anonymous("GET", "/api/v1/rooms/" + room, null).status()).isEqualTo(200);
            assertThat(strict.anonymous("GET", "/api/v1/rooms/no-such-room", null).status()).isEqualTo(404);
            assertThat(strict.anonymous("POST", "/api/v1/rooms/no-such-room/join", json(Map.of("name", "Ann"))).status())
                    .isEqualTo(404);
        }
    }

    @Test
    void inAnOpenRoomMembersOfTheOrganisationHostAndEveryoneElseAttends() {
        String room = conference("webinar", "open", null).get("roomName").asText();

        Response member = acme.post("/api/v1/rooms/" + room + "/join", json(Map.of("name", "Organiser")));
        assertThat(roleIn(member)).isEqualTo(Role.HOST);
        assertThat(member.json().get("role").asText()).isEqualTo("host");
        assertThat(server.signer.verify(member.json().get("token").asText()).orElseThrow().email())
                .as("the member's address goes into the attendance report").isEqualTo(acme.email);

        assertThat(roleIn(join(room, Map.of("name", "Guest")))).isEqualTo(Role.ATTENDEE);
        Response otherOrganisation = globex.post("/api/v1/rooms/" + room + "/join", json(Map.of("name", "Stranger")));
        assertThat(roleIn(otherOrganisation)).as("a member of another organisation is a guest here").isEqualTo(Role.ATTENDEE);
    }

    @Test
    void aPasswordRoomRefusesAMissingOrWrongPasswordNamingTheFieldAndAdmitsTheRightOne() {
        String room = conference("meeting", "password", "open sesame").get("roomName").asText();

        Response missing = join(room, Map.of("name", "Guest"));
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.json().get("error").asText()).isEqualTo("password-required");
        assertThat(missing.json().get("fields").get(0).get("field").asText()).isEqualTo("password");

        Response wrong = join(room, Map.of("name", "Guest", "password", "open barley"));
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.json().get("error").asText()).isEqualTo("wrong-password");
        assertThat(wrong.json().get("fields").get(0).get("field").asText()).isEqualTo("password");

        assertThat(roleIn(join(room, Map.of("name", "Guest", "password", "open sesame")))).isEqualTo(Role.ATTENDEE);
        assertThat(roleIn(acme.post("/api/v1/rooms/" + room + "/join", json(Map.of("name", "Organiser")))))
                .as("members need no password").isEqualTo(Role.HOST);
    }

    @Test
    void passwordGuessesAreRateLimited() {
        try (TestServer strict = TestServer.start(engine, TestServer.testAccounts().withLoginLimits(3, 100, java.time.Duration.ofMinutes(10)))) {
            Client owner = strict.signUp("Strict");
            Response created = owner.post("/api/v1/conferences", json(Map.of("name", "Guarded", "roomType", "meeting",
                    "permanentRoom", true, "accessType", "password", "password", "open sesame", "lobbyEnabled", false)));
            String room = created.json().get("roomName").asText();
            for (int i = 0; i < 3; i++) {
                assertThat(strict.anonymous("POST", "/api/v1/rooms/" + room + "/join",
                        json(Map.of("name", "Guesser", "password", "guess " + i))).status()).isEqualTo(403);
            }
            Response limited = strict.anonymous("POST", "/api/v1/rooms/" + room + "/join",
                    json(Map.of("name", "Guesser", "password", "open sesame")));
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.json().get("error").asText()).isEqualTo("too-many-attempts");
            assertThat(limited.header("Retry-After")).isNotNull();
        }
    }

    @Test
    void aTokenRoomAdmitsTheHolderOfALiveTokenOnlyAndKeepsOnlyItsHash() {
        JsonNode conference = conference("webinar", "token", null);
        String room = conference.get("roomName").asText();
        String tokens = "/api/v1/conferences/" + conference.get("id").asLong() + "/tokens";

        Response made = acme.apiKey().post(tokens, json(Map.of("name", "Zoe", "email", "zoe@example.com")));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        String token = made.json().get("token").asText();
        assertThat(made.json().get("joinPath").asText()).isEqualTo("/" + room + "?accessToken=" + token);

        Response missing = join(room, Map.of("name", "Zoe"));
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.json().get("fields").get(0).get("field").asText()).isEqualTo("accessToken");
        assertThat(join(room, Map.of("name", "Zoe", "accessToken", token + "x")).status()).isEqualTo(403);

        Response admitted = join(room, Map.of("name", "Zoe", "accessToken", token));
        assertThat(roleIn(admitted)).isEqualTo(Role.ATTENDEE);
        assertThat(server.signer.verify(admitted.json().get("token").asText()).orElseThrow().email()).isEqualTo("zoe@example.com");

        List<String> stored = server.db.jdbi().withHandle(h -> h.createQuery("SELECT token_hash FROM access_tokens")
                .mapTo(String.class).list());
        assertThat(stored).doesNotContain(token).contains(dev.plenum.control.org.Secrets.sha256(token));

        JsonNode listed = acme.get(tokens).json().get("data");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).toString()).doesNotContain(token);
        assertThat(listed.get(0).get("email").asText()).isEqualTo("zoe@example.com");

        assertThat(acme.delete(tokens + "/" + made.json().get("id").asLong()).status()).isEqualTo(204);
        Response revoked = join(room, Map.of("name", "Zoe", "accessToken", token));
        assertThat(revoked.status()).as("a revoked token lets nobody in").isEqualTo(403);
        assertThat(acme.get(tokens).json().get("data").get(0).get("revokedAt").isNull()).isFalse();
    }

    @Test
    void aTokenOfAnotherConferenceDoesNotOpenThisOne() {
        String room = conference("meeting", "token", null).get("roomName").asText();
        long other = conference("meeting", "token", null).get("id").asLong();
        String token = acme.post("/api/v1/conferences/" + other + "/tokens", json(Map.of())).json().get("token").asText();
        assertThat(join(room, Map.of("name", "Zoe", "accessToken", token)).status()).isEqualTo(403);
    }

    @Test
    void anotherOrganisationCannotMakeListOrRevokeTokens() {
        long id = conference("meeting", "token", null).get("id").asLong();
        String tokens = "/api/v1/conferences/" + id + "/tokens";
        long tokenId = acme.post(tokens, json(Map.of())).json().get("id").asLong();
        Client globexKey = globex.apiKey();

        assertThat(globexKey.post(tokens, json(Map.of())).status()).isEqualTo(404);
        assertThat(globexKey.get(tokens).status()).isEqualTo(404);
        assertThat(globexKey.delete(tokens + "/" + tokenId).status()).isEqualTo(404);
        assertThat(globex.delete(tokens + "/" + tokenId).status()).isEqualTo(404);
        assertThat(acme.get(tokens).json().get("data").get(0).get("revokedAt").isNull()).as("nothing changed").isTrue();
        assertThat(server.anonymous("GET", tokens, null).status()).isEqualTo(401);
    }

    @Test
    void aBadTokenRequestNamesTheField() {
        long id = conference("meeting", "token", null).get("id").asLong();
        Response r = acme.post("/api/v1/conferences/" + id + "/tokens", json(Map.of("email", "not an address", "colour", "red")));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("fields")).extracting(f -> f.get("field").asText()).containsExactlyInAnyOrder("email", "colour");
    }

    @Test
    void freeNamesAreAdHocRoomsWhenAllowedAndNotFoundOtherwise() {
        assertThat(roleIn(join("free-name-" + engine.name().toLowerCase(), Map.of("name", "Ann")))).isEqualTo(Role.HOST);
        try (TestServer production = TestServer.withoutAdHocRooms(engine)) {
            Response r = production.anonymous("POST", "/api/v1/rooms/free-name/join", json(Map.of("name", "Ann")));
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.json().get("error").asText()).isEqualTo("not-found");

            Client owner = production.signUp("Production");
            String room = owner.post("/api/v1/conferences", json(Map.of("name", "Planned", "roomType", "meeting",
                    "permanentRoom", true, "accessType", "open", "lobbyEnabled", false))).json().get("roomName").asText();
            assertThat(production.anonymous("POST", "/api/v1/rooms/" + room + "/join", json(Map.of("name", "Ann"))).status())
                    .as("a conference's room exists whatever the ad-hoc setting").isEqualTo(200);
        }
    }
}
