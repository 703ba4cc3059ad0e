package dev.plenum.control.registration;

import static dev.plenum.control.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.plenum.control.TestServer;
import dev.plenum.control.TestServer.Client;
import dev.plenum.control.TestServer.Response;
import dev.plenum.control.conference.RegistrantKeys;
import dev.plenum.control.store.Engine;
import java.time.Instant;
import java.util.ArrayList;
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

/** Registration over HTTP, on H2 and PostgreSQL: settings, the public form, approval, the outbox rows each step writes. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class RegistrationApiTest {
    private static TestServer server;
    @Parameter
    Engine engine;
    private Client acme;
    private Client globex;
    private long conferenceId;
    private String room;

    @BeforeParameterizedClassInvocation
    static void start(Engine engine) {
        // the whole class registers from one address: the per-address limit has a test of its own
        server = TestServer.start(engine, java.time.Clock.systemUTC(), RegistrationConfig.defaults().withPerAddressPerMinute(10_000));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @BeforeEach
    void conference() {
        acme = server.signUp("Acme").apiKey();
        globex = server.signUp("Globex").apiKey();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Quarterly results");
        body.put("permanentRoom", false);
        body.put("startsAt", "2030-07-01T10:00:00");
        body.put("timeZone", "Europe/Warsaw");
        body.put("durationMinutes", 90);
        Response r = acme.post("/api/v1/conferences", json(body));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        conferenceId = r.json().get("id").asLong();
        room = r.json().get("roomName").asText();
    }

    private String settingsPath() {
        return "/api/v1/conferences/" + conferenceId + "/registration";
    }

    private void open(String approval, List<Map<String, Object>> fields) {
        Response r = acme.put(settingsPath(), json(Map.of("enabled", true, "approval", approval, "fields", fields)));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    private Response register(String name, String email, Map<String, String> answers) {
        return server.anonymous("POST", "/api/v1/public/registrations/" + room,
                json(Map.of("name", name, "email", email, "answers", answers)));
    }

    private static List<String> faultyFields(Response r) {
        List<String> fields = new ArrayList<>();
        r.json().get("fields").forEach(f -> fields.add(f.get("field").asText()));
        return fields;
    }

    /** The outbox rows of a registrant: kind and due time, in id order. */
    private List<Map<String, Object>> outbox(long registrantId) {
        return server.db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT kind, due_at, sent_at FROM outbox WHERE registrant_id = :r ORDER BY id")
                .bind("r", registrantId).map((rs, ctx) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("kind", rs.getString("kind"));
                    row.put("due", dev.plenum.control.store.Database.instant(rs, "due_at"));
                    return row;
                }).list());
    }

    private long onlyRegistrantId() {
        JsonNode data = acme.get("/api/v1/conferences/" + conferenceId + "/registrations").json().get("data");
        assertThat(data.size()).isEqualTo(1);
        return data.get(0).get("id").asLong();
    }

    @Test
    void settingsStartClosedAndAreReplacedWhole() {
        Response before = acme.get(settingsPath());
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.json().get("enabled").asBoolean()).isFalse();
        assertThat(before.json().get("approval").asText()).isEqualTo("automatic");

        open("manual", List.of(Map.of("key", "company", "label", "Company", "required", true)));
        JsonNode after = acme.get(settingsPath()).json();
        assertThat(after.get("enabled").asBoolean()).isTrue();
        assertThat(after.get("approval").asText()).isEqualTo("manual");
        assertThat(after.get("fields").get(0).get("key").asText()).isEqualTo("company");
        assertThat(after.get("fields").get(0).get("required").asBoolean()).isTrue();
    }

    @Test
    void badSettingsNameEveryField() {
        Response r = acme.put(settingsPath(), json(Map.of("enabled", "yes", "approval", "sometimes",
                "fields", List.of(Map.of("key", "Email!", "label", "x"), Map.of("key", "a", "label", ""),
                        Map.of("key", "a", "label", "A"), Map.of("key", "b", "label", "B", "colour", "red")))));
        assertThat(r.status()).isEqualTo(422);
        assertThat(faultyFields(r)).contains("enabled", "approval", "fields[0].key", "fields[1].label", "fields[2].key",
                "fields[3].colour");

        Response permanent = acme.post("/api/v1/conferences", json(Map.of("name", "Team room")));
        Response refused = acme.put("/api/v1/conferences/" + permanent.json().get("id").asLong() + "/registration",
                json(Map.of("enabled", true)));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(faultyFields(refused)).containsExactly("enabled");
    }

    @Test
    void anotherOrganisationSeesNothing() {
        open("manual", List.of());
        assertThat(register("Ada", "ada@example.org", Map.of()).status()).isEqualTo(201);
        long rid = onlyRegistrantId();
        String base = "/api/v1/conferences/" + conferenceId;
        assertThat(globex.get(base + "/registration").status()).isEqualTo(404);
        assertThat(globex.put(base + "/registration", json(Map.of("enabled", false))).status()).isEqualTo(404);
        assertThat(globex.get(base + "/registrations").status()).isEqualTo(404);
        assertThat(globex.post(base + "/registrations/" + rid + "/approve", null).status()).isEqualTo(404);
        assertThat(globex.post(base + "/registrations/" + rid + "/deny", null).status()).isEqualTo(404);
        assertThat(acme.get(base + "/registrations").json().get("data").get(0).get("status").asText()).isEqualTo("pending");
        assertThat(server.anonymous("GET", base + "/registrations", null).status()).isEqualTo(401);
    }

    @Test
    void automaticApprovalConfirmsAtOnceAndSchedulesTheReminders() {
        open("automatic", List.of(Map.of("key", "company", "label", "Company", "required", false)));
        JsonNode form = server.anonymous("GET", "/api/v1/public/registrations/" + room, null).json();
        assertThat(form.get("name").asText()).isEqualTo("Quarterly results");
        assertThat(form.get("timeZone").asText()).isEqualTo("Europe/Warsaw");
        assertThat(form.get("startsAtUtc").asText()).isEqualTo("2030-07-01T08:00:00Z");
        assertThat(form.get("fields").get(0).get("label").asText()).isEqualTo("Company");

        Response r = register("Ada Lovelace", "Ada@Example.org", Map.of("company", "Analytical Engines"));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.json().get("status").asText()).isEqualTo("approved");

        JsonNode registrant = acme.get("/api/v1/conferences/" + conferenceId + "/registrations").json().get("data").get(0);
        assertThat(registrant.get("email").asText()).isEqualTo("ada@example.org");
        assertThat(registrant.get("answers").get("company").asText()).isEqualTo("Analytical Engines");
        assertThat(registrant.get("status").asText()).isEqualTo("approved");
        assertThat(outbox(registrant.get("id").asLong())).extracting(row -> row.get("kind") + " " + row.get("due")).containsExactly(
                "registration-confirmed " + ((Instant) outbox(registrant.get("id").asLong()).getFirst().get("due")),
                "reminder 2030-06-30T08:00:00Z", "reminder 2030-07-01T07:00:00Z");
    }

    @Test
    void manualApprovalWaitsThenApprovalConfirmsAndDenialSendsOnlyTheDenial() {
        open("manual", List.of());
        assertThat(register("Ada", "ada@example.org", Map.of()).json().get("status").asText()).isEqualTo("pending");
        assertThat(register("Bob", "bob@example.org", Map.of()).json().get("status").asText()).isEqualTo("pending");
        JsonNode data = acme.get("/api/v1/conferences/" + conferenceId + "/registrations?status=pending").json().get("data");
        long ada = data.get(0).get("id").asLong();
        long bob = data.get(1).get("id").asLong();
        assertThat(outbox(ada)).extracting(row -> row.get("kind")).containsExactly("registration-pending");

        String base = "/api/v1/conferences/" + conferenceId + "/registrations/";
        Response approved = acme.post(base + ada + "/approve", null);
        assertThat(approved.status()).as(approved.text()).isEqualTo(200);
        assertThat(approved.json().get("status").asText()).isEqualTo("approved");
        assertThat(outbox(ada)).extracting(row -> row.get("kind")).containsExactly("registration-confirmed", "reminder", "reminder");

        Response denied = acme.post(base + bob + "/deny", null);
        assertThat(denied.json().get("status").asText()).isEqualTo("denied");
        assertThat(outbox(bob)).as("the pending mail, unsent, is replaced by the denial")
                .extracting(row -> row.get("kind")).containsExactly("registration-denied");
        assertThat(acme.post(base + "999999/approve", null).status()).isEqualTo(404);
        assertThat(acme.get("/api/v1/conferences/" + conferenceId + "/registrations?status=denied").json().get("data").size()).isEqualTo(1);
    }

    @Test
    void anApprovalRetriedWithItsIdempotencyKeyIsAnsweredOnce() {
        open("manual", List.of());
        register("Ada", "ada@example.org", Map.of());
        long rid = onlyRegistrantId();
        Client keyed = acme.withHeaders(Map.of("Idempotency-Key", "approve-ada"));
        String path = "/api/v1/conferences/" + conferenceId + "/registrations/" + rid + "/approve";
        Response first = keyed.post(path, null);
        Response again = keyed.post(path, null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(keyed.post("/api/v1/conferences/" + conferenceId + "/registrations/" + rid + "/deny", null).status())
                .isEqualTo(422);
        assertThat(outbox(rid)).filteredOn(row -> row.get("kind").equals("registration-confirmed")).hasSize(1);
    }

    @Test
    void badRegistrationsNameEveryFieldAndStoreNothing() {
        open("automatic", List.of(Map.of("key", "company", "label", "Company", "required", true)));
        Response r = server.anonymous("POST", "/api/v1/public/registrations/" + room,
                json(Map.of("name", "", "email", "not an address", "answers", Map.of("colour", "red"), "age", 3)));
        assertThat(r.status()).isEqualTo(422);
        assertThat(faultyFields(r)).containsExactlyInAnyOrder("name", "email", "answers.company", "answers.colour", "age");
        assertThat(acme.get("/api/v1/conferences/" + conferenceId + "/registrations").json().get("data")).isEmpty();

        assertThat(register("Ada", "ada@example.org", Map.of("company", "X")).status()).isEqualTo(201);
        Response twice = register("Ada again", "ADA@example.org", Map.of("company", "X"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(faultyFields(twice)).containsExactly("email");

        Response huge = register("Ada", "ada2@example.org", Map.of("company", "x".repeat(5000)));
        assertThat(huge.status()).isEqualTo(413);
        assertThat(server.anonymous("POST", "/api/v1/public/registrations/" + room, "{").status()).isEqualTo(400);
    }

    @Test
    void aConferenceNotTakingRegistrationsIsNotFound() {
        assertThat(server.anonymous("GET", "/api/v1/public/registrations/" + room, null).status()).isEqualTo(404);
        assertThat(register("Ada", "ada@example.org", Map.of()).status()).isEqualTo(404);
        assertThat(server.anonymous("GET", "/api/v1/public/registrations/no-such-room", null).status()).isEqualTo(404);
        open("automatic", List.of());
        acme.put(settingsPath(), json(Map.of("enabled", false)));
        assertThat(register("Ada", "ada@example.org", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void registrantsComeInPages() {
        open("automatic", List.of());
        for (int i = 0; i < 5; i++) assertThat(register("P" + i, "p" + i + "@example.org", Map.of()).status()).isEqualTo(201);
        String path = "/api/v1/conferences/" + conferenceId + "/registrations?limit=2";
        List<String> names = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = acme.get(path + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("data").forEach(r -> names.add(r.get("name").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        assertThat(names).containsExactly("P0", "P1", "P2", "P3", "P4");
        assertThat(acme.get(path + "&status=maybe").status()).isEqualTo(400);
        assertThat(acme.get(path.replace("limit=2", "limit=0")).status()).isEqualTo(400);
    }

    @Test
    void movingTheConferenceMovesItsRemindersAndUpdatesTheInvitationAndDeletingItCancels() {
        open("automatic", List.of());
        register("Ada", "ada@example.org", Map.of());
        long rid = onlyRegistrantId();
        Response renamed = acme.patch("/api/v1/conferences/" + conferenceId, json(Map.of("name", "Results, Q2")));
        assertThat(renamed.status()).as(renamed.text()).isEqualTo(200);
        assertThat(outbox(rid)).as("the schedule is the same: nothing to update")
                .extracting(row -> row.get("kind")).containsExactly("registration-confirmed", "reminder", "reminder");

        Response moved = acme.patch("/api/v1/conferences/" + conferenceId, json(Map.of("startsAt", "2030-07-02T12:00:00")));
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        assertThat(outbox(rid)).filteredOn(row -> row.get("kind").equals("reminder")).extracting(row -> row.get("due").toString())
                .containsExactly("2030-07-01T10:00:00Z", "2030-07-02T09:00:00Z");
        assertThat(outbox(rid)).extracting(row -> row.get("kind")).containsOnlyOnce("invitation-updated");
        Response longer = acme.patch("/api/v1/conferences/" + conferenceId, json(Map.of("durationMinutes", 120)));
        assertThat(longer.status()).as(longer.text()).isEqualTo(200);
        assertThat(outbox(rid)).as("an unsent update is replaced by the newer one")
                .extracting(row -> row.get("kind")).containsOnlyOnce("invitation-updated");

        assertThat(acme.delete("/api/v1/conferences/" + conferenceId).status()).isEqualTo(204);
        assertThat(outbox(rid)).extracting(row -> row.get("kind")).as("only the cancellation remains unsent")
                .containsExactly("event-cancelled");
    }

    @Test
    void theUnsubscribeLinkStopsRemindersInOneClick() {
        open("automatic", List.of());
        register("Ada", "ada@example.org", Map.of());
        long rid = onlyRegistrantId();
        String token = server.db.jdbi().withHandle(h -> h.createQuery("SELECT unsubscribe_token FROM registrants WHERE id = :id")
                .bind("id", rid).mapTo(String.class).one());
        Response page = server.anonymous("GET", "/unsubscribe/" + token, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(outbox(rid)).filteredOn(row -> row.get("kind").equals("reminder")).hasSize(2); // opening changes nothing

        Response oneClick = server.request("POST", "/unsubscribe/" + token, "List-Unsubscribe=One-Click",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(oneClick.status()).isEqualTo(200);
        assertThat(outbox(rid)).filteredOn(row -> row.get("kind").equals("reminder")).isEmpty();
        assertThat(acme.get("/api/v1/conferences/" + conferenceId + "/registrations").json().get("data").get(0)
                .get("unsubscribed").asBoolean()).isTrue();
        assertThat(server.request("POST", "/unsubscribe/not-a-token", "List-Unsubscribe=One-Click",
                Map.of("Content-Type", "application/x-www-form-urlencoded")).status()).isEqualTo(404);
    }

    @Test
    void theRegistrationPageIsServed() {
        Response page = server.anonymous("GET", "/register/" + room, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("register.js");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'");
    }

    @Test
    void aRegistrantCancelsWithTheSignedLinkOfTheirMailAndTheOrganiserSeesTheStatus() {
        open("automatic", List.of());
        assertThat(register("Ada", "ada@example.org", Map.of()).status()).isEqualTo(201);
        long rid = onlyRegistrantId();
        String token = server.registrations.links().cancelToken(rid);

        Response page = server.anonymous("GET", "/cancel-registration/" + token, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.text()).contains("cancel-registration.js");
        assertThat(acme.get("/api/v1/conferences/" + conferenceId + "/registrations").json().get("data").get(0)
                .get("status").asText()).as("opening the page changes nothing").isEqualTo("approved");
        assertThat(server.anonymous("GET", "/cancel-registration/" + rid + ".forged", null).status()).isEqualTo(404);

        Response cancelled = server.anonymous("POST", "/cancel-registration/" + token, null);
        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("cancelled");
        JsonNode listed = acme.get("/api/v1/conferences/" + conferenceId + "/registrations?status=cancelled").json().get("data");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asLong()).isEqualTo(rid);
        assertThat(outbox(rid)).as("nothing unsent remains but the cancellation")
                .extracting(row -> row.get("kind")).containsExactly("registration-cancelled");
        assertThat(server.anonymous("POST", "/cancel-registration/" + token, null).json().get("status").asText())
                .as("a second click").isEqualTo("cancelled");
        String base = "/api/v1/conferences/" + conferenceId + "/registrations/" + rid;
        for (String decision : List.of("/approve", "/deny")) {
            Response refused = acme.post(base + decision, null);
            assertThat(refused.status()).as("an organiser's %s of a cancelled registration", decision).isEqualTo(409);
            assertThat(refused.json().get("fields").get(0).get("field").asText()).isEqualTo("status");
        }
        assertThat(outbox(rid)).as("still nothing but the cancellation")
                .extracting(row -> row.get("kind")).containsExactly("registration-cancelled");
        Response forged = server.anonymous("POST", "/cancel-registration/" + server.registrations.links().joinKey(rid), null);
        assertThat(forged.status()).as("a join key is no cancel token").isEqualTo(404);
        assertThat(forged.json().get("error").asText()).isEqualTo("not-found");
    }

    @Test
    void aRegistrantWhoCancelledRegistersAgainAsANewRegistrationAndTheOldLinksStayRefused() {
        open("manual", List.of());
        assertThat(register("Ada", "ada@example.org", Map.of()).status()).isEqualTo(201);
        long first = onlyRegistrantId();
        Response active = register("Ada again", "ada@example.org", Map.of());
        assertThat(active.status()).as("a pending registration holds the address").isEqualTo(409);
        assertThat(faultyFields(active)).containsExactly("email");
        String oldCancel = server.registrations.links().cancelToken(first);
        assertThat(server.anonymous("POST", "/cancel-registration/" + oldCancel, null).json().get("status").asText())
                .isEqualTo("cancelled");

        Response again = register("Ada Lovelace", "ADA@example.org", Map.of());
        assertThat(again.status()).as(again.text()).isEqualTo(201);
        assertThat(again.json().get("status").asText()).as("the room's approval applies again").isEqualTo("pending");
        JsonNode all = acme.get("/api/v1/conferences/" + conferenceId + "/registrations").json().get("data");
        assertThat(all).hasSize(2);
        assertThat(all.get(0).get("id").asLong()).isEqualTo(first);
        assertThat(all.get(0).get("status").asText()).as("the cancelled one stays as it was").isEqualTo("cancelled");
        long second = all.get(1).get("id").asLong();
        assertThat(second).isNotEqualTo(first);
        assertThat(all.get(1).get("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(all.get(1).get("status").asText()).isEqualTo("pending");
        assertThat(outbox(second)).as("a new \"received\" mail").extracting(row -> row.get("kind"))
                .containsExactly("registration-pending");
        assertThat(outbox(first)).extracting(row -> row.get("kind")).containsExactly("registration-cancelled");
        assertThat(server.registrations.links().joinKey(second)).isNotEqualTo(server.registrations.links().joinKey(first));

        Response twice = register("Ada", "ada@example.org", Map.of());
        assertThat(twice.status()).as("the new registration holds the address again").isEqualTo(409);
        String list = "/api/v1/conferences/" + conferenceId + "/registrations";
        String base = list + "/";
        assertThat(acme.post(base + first + "/approve", null).status()).as("the old one stays cancelled").isEqualTo(409);
        assertThat(acme.post(base + second + "/approve", null).json().get("status").asText()).isEqualTo("approved");
        assertThat(outbox(second)).extracting(row -> row.get("kind"))
                .containsExactly("registration-confirmed", "reminder", "reminder");
        RegistrantKeys.Check oldKey = server.db.jdbi().withHandle(h -> server.registrations.check(h, conferenceId,
                server.registrations.links().joinKey(first)));
        assertThat(oldKey).as("the old join link")
                .isEqualTo(new RegistrantKeys.Check.NotAdmitted("registration-cancelled", "this registration was cancelled"));
        RegistrantKeys.Check newKey = server.db.jdbi().withHandle(h -> server.registrations.check(h, conferenceId,
                server.registrations.links().joinKey(second)));
        assertThat(newKey).as("the new join link").isEqualTo(new RegistrantKeys.Check.Valid("Ada Lovelace", "ada@example.org"));
        Response oldLinkAgain = server.anonymous("POST", "/cancel-registration/" + oldCancel, null);
        assertThat(oldLinkAgain.json().get("status").asText()).as("the old cancel link touches only the old one")
                .isEqualTo("cancelled");
        assertThat(acme.get(list + "?status=approved").json().get("data")).hasSize(1);

        // cancelled twice, registered three times: every cancelled one is kept, one address holds one live registration
        server.anonymous("POST", "/cancel-registration/" + server.registrations.links().cancelToken(second), null);
        assertThat(register("Ada", "ada@example.org", Map.of()).status()).isEqualTo(201);
        assertThat(acme.get(list + "?status=cancelled").json().get("data")).hasSize(2);
        assertThat(register("Ada", "ada@example.org", Map.of()).status()).isEqualTo(409);
    }

    @Test
    void aDeniedAddressCannotRegisterAgain() {
        open("manual", List.of());
        register("Ada", "ada@example.org", Map.of());
        long rid = onlyRegistrantId();
        acme.post("/api/v1/conferences/" + conferenceId + "/registrations/" + rid + "/deny", null);
        Response again = register("Ada", "ada@example.org", Map.of());
        assertThat(again.status()).as("only the registrant's own cancellation frees the address").isEqualTo(409);
    }

    @Test
    void theMailLanguageIsThePagesOrElseTheBrowsersAndAnUnknownOneIsRefused() {
        open("automatic", List.of());
        String path = "/api/v1/public/registrations/" + room;
        assertThat(server.request("POST", path, json(Map.of("name", "Pola", "email", "pola@example.org", "language", "pl")),
                Map.of("Accept-Language", "de")).status()).isEqualTo(201);
        assertThat(server.request("POST", path, json(Map.of("name", "Dora", "email", "dora@example.org")),
                Map.of("Accept-Language", "ja-JP, de-AT;q=0.8, en;q=0.5")).status()).isEqualTo(201);
        assertThat(server.request("POST", path, json(Map.of("name", "Emil", "email", "emil@example.org")),
                Map.of("Accept-Language", "ja")).status()).isEqualTo(201);
        assertThat(server.request("POST", path, json(Map.of("name", "Fanny", "email", "fanny@example.org")),
                Map.of("Accept-Language", ";;;q=bogus")).status()).isEqualTo(201);
        Response bad = server.anonymous("POST", path, json(Map.of("name", "Xe", "email", "xe@example.org", "language", "xx")));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(faultyFields(bad)).containsExactly("language");

        JsonNode data = acme.get("/api/v1/conferences/" + conferenceId + "/registrations").json().get("data");
        assertThat(data).extracting(d -> d.get("email").asText() + "=" + d.get("language").asText())
                .containsExactly("pola@example.org=pl", "dora@example.org=de", "emil@example.org=en", "fanny@example.org=en");
    }
}
