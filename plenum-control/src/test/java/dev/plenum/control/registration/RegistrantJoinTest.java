package dev.plenum.control.registration;

import static dev.plenum.control.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plenum.control.TestServer;
import dev.plenum.control.TestServer.Client;
import dev.plenum.control.TestServer.Response;
import dev.plenum.control.store.Engine;
import dev.plenum.control.token.JoinToken;
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
 * The personal join key of a registration mail ({@code /<room>?registrant=<key>}) at the join, on H2 and
 * PostgreSQL: it admits its approved registrant under their registered name and address, whatever the room's own
 * access rule, and is refused with a reason naming {@code registrantKey} when wrong, withdrawn, pending, denied or
 * cancelled. The key is nowhere in the database.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class RegistrantJoinTest {
    private static TestServer server;
    @Parameter
    Engine engine;
    private Client acme;
    private Client globex;
    private long conferenceId;
    private String room;

    @BeforeParameterizedClassInvocation
    static void start(Engine engine) {
        server = TestServer.start(engine);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @BeforeEach
    void conference() {
        acme = server.signUp("Acme").apiKey();
        globex = server.signUp("Globex").apiKey();
        JsonNode c = scheduled(acme, "token");
        conferenceId = c.get("id").asLong();
        room = c.get("roomName").asText();
        Response r = acme.put("/api/v1/conferences/" + conferenceId + "/registration",
                json(Map.of("enabled", true, "approval", "manual", "fields", List.of())));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    private static JsonNode scheduled(Client client, String access) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Board meeting");
        body.put("roomType", "webinar");
        body.put("permanentRoom", false);
        body.put("startsAt", "2030-07-01T10:00:00");
        body.put("timeZone", "Europe/Warsaw");
        body.put("durationMinutes", 60);
        body.put("accessType", access);
        Response r = client.post("/api/v1/conferences", json(body));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json();
    }

    private long register(String name, String email) {
        Response r = server.anonymous("POST", "/api/v1/public/registrations/" + room,
                json(Map.of("name", name, "email", email)));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        JsonNode data = acme.get("/api/v1/conferences/" + conferenceId + "/registrations?limit=100").json().get("data");
        for (JsonNode d : data) if (d.get("email").asText().equals(email)) return d.get("id").asLong();
        throw new AssertionError("no registrant " + email);
    }

    private void decide(long registrantId, String decision) {
        Response r = acme.post("/api/v1/conferences/" + conferenceId + "/registrations/" + registrantId + "/" + decision, null);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    private static Response join(String room, String key) {
        return server.anonymous("POST", "/api/v1/rooms/" + room + "/join", json(Map.of("name", "Typed name", "registrantKey", key)));
    }

    private static void refused(Response r, String code) {
        assertThat(r.status()).as(r.text()).isEqualTo(403);
        assertThat(r.json().get("error").asText()).isEqualTo(code);
        assertThat(r.json().get("fields").get(0).get("field").asText()).isEqualTo("registrantKey");
        assertThat(r.json().get("message").asText()).isNotBlank();
    }

    @Test
    void anApprovedRegistrantsKeyAdmitsThemAsAnAttendeeUnderTheirRegisteredNameAndAddress() {
        long ada = register("Ada Lovelace", "ada@example.org");
        String key = server.registrations.links().joinKey(ada);
        refused(join(room, key), "registration-pending");

        decide(ada, "approve");
        Response joined = join(room, key);
        assertThat(joined.status()).as(joined.text()).isEqualTo(200);
        JoinToken token = server.signer.verify(joined.json().get("token").asText()).orElseThrow();
        assertThat(token.role()).as("the key passes the room's token rule, as an attendee").isEqualTo(Role.ATTENDEE);
        assertThat(token.displayName()).isEqualTo("Ada Lovelace");
        assertThat(token.email()).as("for the attendance report").isEqualTo("ada@example.org");
        assertThat(joined.json().get("webinar").asBoolean()).isTrue();
    }

    @Test
    void aWrongOrForgedOrAnotherConferencesKeyIsRefused() {
        long ada = register("Ada Lovelace", "ada@example.org");
        decide(ada, "approve");
        String key = server.registrations.links().joinKey(ada);
        char last = key.charAt(key.length() - 1);
        refused(join(room, key.substring(0, key.length() - 1) + (last == 'A' ? 'B' : 'A')), "invalid-registrant-key");
        refused(join(room, (ada + 1) + key.substring(key.indexOf('.'))), "invalid-registrant-key");
        refused(join(room, "not a key"), "invalid-registrant-key");
        refused(join(room, ""), "invalid-registrant-key");
        refused(join(room, "1." + "A".repeat(200)), "invalid-registrant-key");
        // a cancel link's token is signed for another purpose
        refused(join(room, server.registrations.links().cancelToken(ada)), "invalid-registrant-key");
        // the key of this registrant does not open another conference's room, even an open one
        String other = scheduled(acme, "open").get("roomName").asText();
        refused(join(other, key), "invalid-registrant-key");
    }

    @Test
    void aWithdrawnDeniedOrCancelledRegistrantsKeyIsRefusedWithItsReason() {
        long ada = register("Ada Lovelace", "ada@example.org");
        long bob = register("Bob Babbage", "bob@example.org");
        long cy = register("Cy Clark", "cy@example.org");
        for (long id : List.of(ada, bob, cy)) decide(id, "approve");

        String path = "/api/v1/conferences/" + conferenceId + "/registrations/" + ada + "/join-link";
        assertThat(globex.delete(path).status()).as("another organisation").isEqualTo(404);
        assertThat(join(room, server.registrations.links().joinKey(ada)).status()).isEqualTo(200);
        assertThat(acme.delete(path).status()).isEqualTo(204);
        refused(join(room, server.registrations.links().joinKey(ada)), "registrant-key-revoked");
        assertThat(acme.delete(path).status()).as("withdrawing twice changes nothing").isEqualTo(204);
        JsonNode listed = acme.get("/api/v1/conferences/" + conferenceId + "/registrations").json().get("data").get(0);
        assertThat(listed.get("joinLinkRevoked").asBoolean()).isTrue();

        decide(bob, "deny");
        refused(join(room, server.registrations.links().joinKey(bob)), "registration-denied");

        Response cancelled = server.anonymous("POST", "/cancel-registration/" + server.registrations.links().cancelToken(cy), null);
        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        refused(join(room, server.registrations.links().joinKey(cy)), "registration-cancelled");
    }

    @Test
    void theKeyIsStoredNowhere() {
        long ada = register("Ada Lovelace", "ada@example.org");
        decide(ada, "approve");
        String key = server.registrations.links().joinKey(ada);
        String mac = key.substring(key.indexOf('.') + 1);
        List<String> rows = server.db.jdbi().withHandle(h -> h.createQuery("SELECT * FROM registrants")
                .map((rs, ctx) -> {
                    StringBuilder all = new StringBuilder();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) all.append(rs.getString(i)).append('\t');
                    return all.toString();
                }).list());
        assertThat(rows).isNotEmpty().noneMatch(row -> row.contains(mac));
        List<String> outbox = server.db.jdbi().withHandle(h -> h.createQuery("SELECT payload FROM outbox").mapTo(String.class).list());
        assertThat(outbox).noneMatch(p -> p.contains(mac));
    }
}
