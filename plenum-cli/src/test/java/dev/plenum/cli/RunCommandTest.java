package dev.plenum.cli;

import dev.plenum.control.org.AccountsConfig;
import dev.plenum.control.store.StoreConfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plenum.control.IceServer;
import dev.plenum.control.tls.SelfSignedIdentity;
import dev.plenum.control.tls.TlsIdentity;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code plenum run}'s options: what they configure, and the clear refusal of a bad one. */
class RunCommandTest {
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Plenum.Run.Setup setup(String... args) {
        Plenum.Run run = new Plenum.Run();
        new CommandLine(run).parseArgs(args);
        return run.setup(NOW);
    }

    private record Outcome(int exitCode, String err) {}

    private static Outcome execute(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cmd = Plenum.commandLine();
        cmd.setErr(new PrintWriter(err, true));
        cmd.setOut(new PrintWriter(new StringWriter(), true));
        String[] all = Stream.concat(Stream.of("run"), Stream.of(args)).toArray(String[]::new);
        return new Outcome(cmd.execute(all), err.toString());
    }

    @Test
    void theDefaultsAreLoopbackPlainHttpWithoutIceServers() {
        Plenum.Run.Setup s = setup();
        assertThat(s.control().host()).isEqualTo("127.0.0.1");
        assertThat(s.control().port()).isEqualTo(8080);
        assertThat(s.control().tls()).isNull();
        assertThat(s.control().iceServers()).isEmpty();
        assertThat(s.media().bindAddress()).isEqualTo(InetAddress.ofLiteral("0.0.0.0"));
        assertThat(s.media().advertisedAddresses()).containsExactly(InetAddress.ofLiteral("127.0.0.1"));
        assertThat(s.publicHost()).isEqualTo("127.0.0.1");
        assertThat(s.control().maxParticipantsPerRoom()).isEqualTo(50);
    }

    @Test
    void aRoomTakesAsManyParticipantsAsConfigured() {
        assertThat(setup("--max-participants", "1000").control().maxParticipantsPerRoom()).isEqualTo(1000);
        Outcome zero = execute("--max-participants", "0");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("--max-participants must be 1..100000");
    }

    @Test
    void lastNIsAllCamerasByDefaultOrACountFromOne() {
        assertThat(setup().lastN()).isEqualTo(dev.plenum.media.lastn.LastN.ALL);
        assertThat(setup("--last-n", "4").lastN()).isEqualTo(4);
        for (String bad : new String[] {"0", "-2", "some"}) {
            Outcome refused = execute("--last-n", bad);
            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.err()).contains("--last-n must be all or a number from 1");
        }
    }

    @Test
    void aSpecificMediaBindAddressIsAdvertised() {
        Plenum.Run.Setup s = setup("--media-bind", "127.0.0.5");
        assertThat(s.media().bindAddress()).isEqualTo(InetAddress.ofLiteral("127.0.0.5"));
        assertThat(s.media().advertisedAddresses()).containsExactly(InetAddress.ofLiteral("127.0.0.5"));
        assertThat(s.control().tls()).as("loopback stays plain HTTP").isNull();
    }

    @Test
    void aListOfAdvertisedAddressesGoesIntoTheCandidatesAndTurnsOnSelfSignedTls() throws Exception {
        Plenum.Run.Setup s = setup("--host", "0.0.0.0", "--advertise", "192.0.2.10,2001:db8::7", "--media-port", "40000");
        assertThat(s.media().advertisedAddresses())
                .containsExactly(InetAddress.ofLiteral("192.0.2.10"), InetAddress.ofLiteral("2001:db8::7"));
        assertThat(s.media().udpPort()).isEqualTo(40000);
        assertThat(s.publicHost()).isEqualTo("192.0.2.10");
        TlsIdentity tls = s.control().tls();
        assertThat(tls).isNotNull();
        assertThat(tls.selfSigned()).isTrue();
        assertThat(tls.leaf().getSubjectAlternativeNames().stream().map(n -> (Object) n.get(1)).toList())
                .contains("192.0.2.10", "2001:db8:0:0:0:0:0:7");
    }

    @Test
    void aSpecificNonLoopbackHttpAddressIsAdvertisedAndServedOverTls() {
        Plenum.Run.Setup s = setup("--host", "192.0.2.10");
        assertThat(s.media().advertisedAddresses()).containsExactly(InetAddress.ofLiteral("192.0.2.10"));
        assertThat(s.control().tls()).isNotNull();
        assertThat(s.publicHost()).isEqualTo("192.0.2.10");
    }

    @Test
    void iceServersAreHandedOnWithTheTurnCredentials() {
        Plenum.Run.Setup s = setup("--ice-server", "stun:stun.example.org", "--ice-server",
                "turn:turn.example.org:3478?transport=udp", "--ice-username", "plenum", "--ice-credential", "pw");
        assertThat(s.control().iceServers()).containsExactly(IceServer.stun("stun:stun.example.org"),
                IceServer.turn("turn:turn.example.org:3478?transport=udp", "plenum", "pw"));
    }

    @Test
    void aConfiguredCertificateIsServed() throws Exception {
        Path[] files = writePem(SelfSignedIdentity.generate(List.of("127.0.0.1"), NOW), Optional.empty());
        Plenum.Run.Setup s = setup("--tls-cert", files[0].toString(), "--tls-key", files[1].toString());
        assertThat(s.control().tls()).isNotNull();
        assertThat(s.control().tls().selfSigned()).isFalse();
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of(List.of("--port", "70000"), "--port must be 0 to 65535"),
                Arguments.of(List.of("--media-bind", "everywhere"), "--media-bind: \"everywhere\" is not an IP address"),
                Arguments.of(List.of("--advertise", "0.0.0.0"), "--advertise: 0.0.0.0 and :: are not addresses"),
                Arguments.of(List.of("--advertise", "192.0.2.1,,192.0.2.2"), "--advertise: empty address"),
                Arguments.of(List.of("--ice-server", "http://turn.example.org"), "--ice-server: \"http://turn.example.org\" must start with"),
                Arguments.of(List.of("--ice-server", "stun:stun.example.org:99999"), "--ice-server: \"stun:stun.example.org:99999\" has port 99999"),
                Arguments.of(List.of("--ice-server", "turn:turn.example.org?transport=sctp"), "?transport=udp or ?transport=tcp"),
                Arguments.of(List.of("--ice-server", "turn:turn.example.org"), "give --ice-username and --ice-credential"),
                Arguments.of(List.of("--ice-username", "u"), "--ice-username and --ice-credential go together"),
                Arguments.of(List.of("--ice-username", "u", "--ice-credential", "c"), "are for TURN servers"),
                Arguments.of(List.of("--tls-cert", "/nonexistent/cert.pem", "--tls-key", "/nonexistent/key.pem"),
                        "--tls-cert: /nonexistent/cert.pem does not exist"),
                Arguments.of(List.of("--tls-key", "/nonexistent/key.pem"), "--tls-cert: a TLS key needs its certificate too"),
                Arguments.of(List.of("--max-upload-mb", "0"), "--max-upload-mb must be 1..2047, was 0"),
                Arguments.of(List.of("--smtp-host", "mail.example.org"), "--smtp-host needs --smtp-from"),
                Arguments.of(List.of("--smtp-from", "events@example.org"), "--smtp-user and --smtp-from need --smtp-host"),
                Arguments.of(List.of("--smtp-host", "mail.example.org", "--smtp-from", "events@example.org", "--smtp-security", "maybe"),
                        "--smtp-security must be starttls, tls or none"),
                Arguments.of(List.of("--smtp-host", "mail.example.org", "--smtp-from", "not an address"), "--smtp-from: "),
                Arguments.of(List.of("--reminders", "24h,soon"), "--reminders: \"soon\" is not a duration"),
                Arguments.of(List.of("--public-url", "meet.example.org"), "--public-url must be an http:// or https:// address"),
                Arguments.of(List.of("--frobnicate"), "Unknown option: '--frobnicate'"));
    }

    @Test
    void mailAndRemindersAreConfiguredFromTheirOptions() {
        Plenum.Run.Setup s = setup("--smtp-host", "mail.example.org", "--smtp-port", "465", "--smtp-security", "tls",
                "--smtp-from", "Plenum <events@example.org>", "--reminders", "2d,15m");
        assertThat(s.mail().host()).isEqualTo("mail.example.org");
        assertThat(s.mail().port()).isEqualTo(465);
        assertThat(s.mail().security()).isEqualTo(dev.plenum.control.mail.MailConfig.Security.TLS);
        assertThat(s.mail().domain()).isEqualTo("example.org");
        assertThat(s.registration().reminderOffsets()).containsExactly(java.time.Duration.ofDays(2), java.time.Duration.ofMinutes(15));
        assertThat(setup().mail().configured()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOptions")
    void aBadOptionIsRefusedByNameWithoutAStackTrace(List<String> args, String message) {
        Outcome o = execute(args.toArray(String[]::new));
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains(message).contains("Try 'plenum run --help'")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedByName() throws Exception {
        Path[] files = writePem(SelfSignedIdentity.generate(List.of("127.0.0.1"), NOW),
                Optional.of(SelfSignedIdentity.generate(List.of("127.0.0.1"), NOW)));
        Outcome o = execute("--tls-cert", files[0].toString(), "--tls-key", files[1].toString());
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("--tls-key: the private key in " + files[1] + " does not belong to the certificate")
                .doesNotContain("Exception");
    }

    @Test
    void aNodeAdvertisedAtANonLoopbackAddressServesHttpsWithItsSelfSignedCertificate() throws Exception {
        Plenum.Run.Setup s = setup("--advertise", "192.0.2.10", "--port", "0", "--media-port", "0",
                "--media-bind", "127.0.0.1", "--ice-server", "stun:stun.example.org");
        try (PlenumNode node = new PlenumNode(s.control(), s.media(), s.publicHost(), StoreConfig.h2InMemory("run-" + java.util.UUID.randomUUID()),
                AccountsConfig.defaults())) {
            assertThat(node.url()).startsWith("https://192.0.2.10:");
            // Only the loopback address is contacted; the certificate names it too.
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(s.control().tls())).build();
            String local = "https://127.0.0.1:" + node.httpPort();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(local + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            HttpResponse<String> join = client.send(HttpRequest.newBuilder(URI.create(local + "/api/v1/rooms/tls/join"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ann\"}")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode ice = JSON.readTree(join.body()).get("iceServers");
            assertThat(ice).hasSize(1);
            assertThat(ice.get(0).get("urls").asText()).isEqualTo("stun:stun.example.org");
            String metrics = client.send(HttpRequest.newBuilder(URI.create(local + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("plenum_limit_refusals_total{limit=\"sdp-size\"}",
                    "plenum_limit_refusals_total{limit=\"tracks-per-participant\"}");
        }
    }

    @Test
    void theLoopbackDefaultNodeStaysOnPlainHttp() throws Exception {
        Plenum.Run.Setup s = setup("--port", "0", "--media-port", "0", "--media-bind", "127.0.0.1");
        try (PlenumNode node = new PlenumNode(s.control(), s.media(), s.publicHost(), StoreConfig.h2InMemory("run-" + java.util.UUID.randomUUID()),
                AccountsConfig.defaults())) {
            assertThat(node.url()).startsWith("http://127.0.0.1:");
        }
    }

    /** Writes {@code identity}'s certificate, and the key of {@code keyOf} (or its own), as PEM files. */
    private Path[] writePem(TlsIdentity identity, Optional<TlsIdentity> keyOf) throws IOException {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Files.writeString(cert, pem(identity.leaf()));
        Files.writeString(key, pem(new JcaPKCS8Generator(keyOf.orElse(identity).privateKey(), null)));
        return new Path[] {cert, key};
    }

    private static String pem(Object o) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(o);
        }
        return out.toString();
    }

    private static SSLContext trusting(TlsIdentity identity) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("plenum", identity.leaf());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
