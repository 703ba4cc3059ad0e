package dev.plenum.control.org;

import static dev.plenum.control.TestServer.PASSWORD;
import static dev.plenum.control.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.control.TestServer;
import dev.plenum.control.TestServer.Client;
import dev.plenum.control.TestServer.Response;
import dev.plenum.control.store.Engine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Sign-up, sign-in, sessions, members and API keys, on H2 and PostgreSQL. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class AccountsApiTest {
    private static TestServer server;
    @Parameter
    Engine engine;
    private Client acme;
    private Client globex;

    @BeforeParameterizedClassInvocation
    static void start(Engine engine) {
        // sign-in limits low enough to reach: 3 attempts per account, per minute
        server = TestServer.start(engine, TestServer.testAccounts().withLoginLimits(3, 10_000, Duration.ofMinutes(1)));
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

    private static Response login(String email, String password) {
        return server.anonymous("POST", "/api/v1/login", json(Map.of("email", email, "password", password)));
    }

    private static List<String> faultyFields(Response r) {
        List<String> fields = new ArrayList<>();
        r.json().get("fields").forEach(f -> fields.add(f.get("field").asText()));
        return fields;
    }

    @Test
    void signUpCreatesTheOrganisationItsOwnerAndASession() {
        Response me = acme.get("/api/v1/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("organisation").get("name").asText()).isEqualTo("Acme");
        assertThat(me.json().get("member").get("role").asText()).isEqualTo("owner");
        assertThat(me.json().get("member").get("email").asText()).isEqualTo(acme.email);
        assertThat(me.json().get("authenticatedWith").asText()).isEqualTo("session");
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLax() {
        Response r = login(acme.email, PASSWORD);
        String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("plenum_session=")).findFirst().orElseThrow();
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax").contains("Path=/");
        assertThat(cookie).doesNotContainIgnoringCase("Secure"); // plain http in this test; set over https
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void passwordsAndSessionIdsAreStoredOnlyAsHashes() {
        Response r = login(acme.email, PASSWORD);
        String sessionId = r.headers().allValues("Set-Cookie").getFirst().split(";")[0].substring("plenum_session=".length());
        String hash = server.db.jdbi().withHandle(h -> h.createQuery("SELECT password_hash FROM members WHERE email = :e")
                .bind("e", acme.email).mapTo(String.class).one());
        assertThat(hash).startsWith("$argon2id$v=19$").doesNotContain(PASSWORD);
        long stored = server.db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM member_sessions WHERE id_hash = :id")
                .bind("id", sessionId).mapTo(Long.class).one());
        long hashed = server.db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM member_sessions WHERE id_hash = :id")
                .bind("id", Secrets.sha256(sessionId)).mapTo(Long.class).one());
        assertThat(stored).isZero();
        assertThat(hashed).isEqualTo(1);
    }

    @Test
    void signUpNamesEveryBadField() {
        Response r = server.anonymous("POST", "/api/v1/signup", json(Map.of("organisation", "", "name", "N",
                "email", "not-an-address", "password", "short", "plan", "gold")));
        assertThat(r.status()).isEqualTo(422);
        assertThat(faultyFields(r)).containsExactlyInAnyOrder("organisation", "email", "password", "plan");
    }

    @Test
    void anEmailAddressSignsUpOnce() {
        Response r = server.anonymous("POST", "/api/v1/signup", json(Map.of("organisation", "Again", "name", "N",
                "email", acme.email.toUpperCase(), "password", PASSWORD)));
        assertThat(r.status()).isEqualTo(409);
        assertThat(faultyFields(r)).containsExactly("email");
    }

    @Test
    void signInWorksWithTheRightPasswordOnly() {
        Response ok = login(acme.email.toUpperCase(), PASSWORD);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("member").get("email").asText()).isEqualTo(acme.email);
        Response wrong = login(globex.email, "wrong password!");
        Response unknown = login("nobody@example.com", PASSWORD);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.json()).isEqualTo(unknown.json()); // no hint whether the address exists
    }

    @Test
    void signInAttemptsPerAccountAreLimited() {
        for (int i = 0; i < 3; i++) assertThat(login(globex.email, "wrong password " + i).status()).isEqualTo(401);
        Response limited = login(globex.email, PASSWORD);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("error").asText()).isEqualTo("too-many-attempts");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
        assertThat(login(acme.email, PASSWORD).status()).isEqualTo(200); // other accounts are unaffected
    }

    @Test
    void signingOutEndsTheSession() {
        assertThat(acme.post("/api/v1/logout", null).status()).isEqualTo(204);
        assertThat(acme.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void signingOutNeedsTheCsrfToken() {
        assertThat(acme.withoutHeader("X-CSRF-Token").post("/api/v1/logout", null).status()).isEqualTo(403);
        assertThat(acme.get("/api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void signUpIsClosedAfterTheFirstOrganisationByDefault() {
        try (TestServer closed = TestServer.start(engine, TestServer.testAccounts().withOpenSignUp(false))) {
            Map<String, String> first = Map.of("organisation", "First", "name", "N", "email", "first@example.com", "password", PASSWORD);
            assertThat(closed.anonymous("POST", "/api/v1/signup", json(first)).status()).isEqualTo(201);
            Response second = closed.anonymous("POST", "/api/v1/signup", json(Map.of("organisation", "Second", "name", "N",
                    "email", "second@example.com", "password", PASSWORD)));
            assertThat(second.status()).isEqualTo(403);
            assertThat(second.json().get("error").asText()).isEqualTo("sign-up-closed");
        }
    }

    @Test
    void anApiKeyIsShownOnceAndWorksUntilRevoked() {
        Response created = acme.post("/api/v1/api-keys", json(Map.of("label", "CRM sync")));
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().get("key").asText();
        assertThat(key).startsWith("plk_").hasSizeGreaterThan(40);
        assertThat(key).startsWith(created.json().get("prefix").asText());
        Response list = acme.get("/api/v1/api-keys");
        assertThat(list.json().get("data")).hasSize(1);
        assertThat(list.text()).doesNotContain(key);

        Response viaBearer = acme.withApiKey(key).get("/api/v1/me");
        assertThat(viaBearer.status()).isEqualTo(200);
        assertThat(viaBearer.json().get("authenticatedWith").asText()).isEqualTo("api-key");
        assertThat(viaBearer.json().get("organisation").get("id").asLong()).isEqualTo(acme.organisationId);
        assertThat(server.request("GET", "/api/v1/conferences", null, Map.of("X-Api-Key", key)).status()).isEqualTo(200);

        long id = created.json().get("id").asLong();
        assertThat(acme.delete("/api/v1/api-keys/" + id).status()).isEqualTo(204);
        assertThat(acme.withApiKey(key).get("/api/v1/me").status()).isEqualTo(401);
        assertThat(acme.get("/api/v1/api-keys").json().get("data").get(0).get("revokedAt").isNull()).isFalse();
        assertThat(acme.delete("/api/v1/api-keys/" + id).status()).isEqualTo(404);
    }

    @Test
    void apiKeysAreManagedOnlyByTheirOrganisationsOwnersAndAdmins() {
        long id = acme.post("/api/v1/api-keys", json(Map.of("label", "k"))).json().get("id").asLong();
        assertThat(globex.delete("/api/v1/api-keys/" + id).status()).isEqualTo(404);
        assertThat(globex.get("/api/v1/api-keys").json().get("data")).isEmpty();
        Client key = acme.apiKey();
        assertThat(key.post("/api/v1/api-keys", json(Map.of("label", "minted by a key"))).status()).isEqualTo(403);
        assertThat(key.get("/api/v1/members").status()).isEqualTo(403);
        assertThat(server.anonymous("GET", "/api/v1/api-keys", null).status()).isEqualTo(401);
        assertThat(acme.post("/api/v1/api-keys", json(Map.of("label", ""))).status()).isEqualTo(422);
    }

    @Test
    void ownersAddHostsWhoRunConferencesButNotTheOrganisation() {
        String email = "host-" + System.nanoTime() + "@example.com";
        Response added = acme.post("/api/v1/members", json(Map.of("name", "Hana Host", "email", email, "role", "host",
                "password", PASSWORD)));
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().get("role").asText()).isEqualTo("host");
        assertThat(acme.get("/api/v1/members").json().get("data")).hasSize(2);
        assertThat(globex.get("/api/v1/members").json().get("data")).hasSize(1);

        Response signedIn = login(email, PASSWORD);
        assertThat(signedIn.status()).isEqualTo(200);
        String cookie = signedIn.headers().allValues("Set-Cookie").getFirst().split(";")[0];
        Map<String, String> host = Map.of("Cookie", cookie, "X-CSRF-Token", signedIn.json().get("csrfToken").asText());
        assertThat(server.request("POST", "/api/v1/conferences", json(Map.of("name", "Class")), host).status()).isEqualTo(201);
        assertThat(server.request("GET", "/api/v1/members", null, host).status()).isEqualTo(403);
        assertThat(server.request("POST", "/api/v1/api-keys", json(Map.of("label", "k")), host).status()).isEqualTo(403);
    }

    @Test
    void membersAreValidatedAndNeverOwners() {
        Response r = acme.post("/api/v1/members", json(Map.of("name", "X", "email", "x@example.com", "role", "owner",
                "password", PASSWORD)));
        assertThat(r.status()).isEqualTo(422);
        assertThat(faultyFields(r)).containsExactly("role");
        Response taken = acme.post("/api/v1/members", json(Map.of("name", "X", "email", globex.email, "role", "admin",
                "password", PASSWORD)));
        assertThat(taken.status()).isEqualTo(409);
    }
}
