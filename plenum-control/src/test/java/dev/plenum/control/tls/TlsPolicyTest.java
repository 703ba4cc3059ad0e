package dev.plenum.control.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsPolicyTest {
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aLoopbackOnlyServerStaysOnPlainHttp() throws Exception {
        assertThat(TlsPolicy.choose(null, null, List.of("127.0.0.1"), NOW)).isEmpty();
        assertThat(TlsPolicy.choose(null, null, List.of("localhost", "::1", "127.0.0.2"), NOW)).isEmpty();
    }

    @Test
    void aNonLoopbackAdvertisedAddressGetsASelfSignedCertificateNamingIt() throws Exception {
        TlsIdentity identity = TlsPolicy.choose(null, null, List.of("127.0.0.1", "192.0.2.10", "meet.example.org"), NOW)
                .orElseThrow();

        assertThat(identity.selfSigned()).isTrue();
        X509Certificate leaf = identity.leaf();
        assertThat(leaf.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(leaf.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(leaf.getSubjectAlternativeNames().stream().map(n -> (Object) n.get(1)).toList())
                .contains("192.0.2.10", "meet.example.org", "localhost", "127.0.0.1");
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
        assertThat(leaf.getNotBefore().toInstant()).isBefore(NOW);
        assertThat(identity.sha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(PemIdentity.matches(identity.privateKey(), leaf.getPublicKey())).isTrue();
    }

    @Test
    void anIpv6AdvertisedAddressIsAnIpSubjectAltName() throws Exception {
        TlsIdentity identity = TlsPolicy.choose(null, null, List.of("2001:db8::7"), NOW).orElseThrow();
        assertThat(identity.leaf().getSubjectAlternativeNames())
                .anySatisfy(n -> {
                    assertThat(n.get(0)).isEqualTo(7); // iPAddress
                    assertThat(n.get(1)).isEqualTo("2001:db8:0:0:0:0:0:7");
                });
    }

    @Test
    void aConfiguredPairWinsOverSelfSigning() throws Exception {
        TestCertificates.Pair pair = TestCertificates.generate("EC");
        Path[] files = pair.write(dir, true);
        TlsIdentity identity = TlsPolicy.choose(files[0], files[1], List.of("192.0.2.10"), NOW).orElseThrow();
        assertThat(identity.selfSigned()).isFalse();
        assertThat(identity.leaf()).isEqualTo(pair.certificate());
    }

    @Test
    void aCertificateWithoutAKeyOrAKeyWithoutACertificateIsRefused() {
        Path[] files = TestCertificates.generate("EC").write(dir, true);
        assertThatThrownBy(() -> TlsPolicy.choose(files[0], null, List.of("127.0.0.1"), NOW))
                .isInstanceOfSatisfying(TlsConfigException.class,
                        e -> assertThat(e.setting()).isEqualTo(TlsConfigException.Setting.KEY));
        assertThatThrownBy(() -> TlsPolicy.choose(null, files[1], List.of("127.0.0.1"), NOW))
                .isInstanceOfSatisfying(TlsConfigException.class,
                        e -> assertThat(e.setting()).isEqualTo(TlsConfigException.Setting.CERTIFICATE));
    }

    @Test
    void loopbackMeansLocalhostAnd127SlashEightAndColonColonOne() {
        assertThat(List.of("localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]")).allMatch(TlsPolicy::isLoopback);
        assertThat(List.of("10.0.0.5", "192.0.2.10", "meet.example.org", "2001:db8::1")).noneMatch(TlsPolicy::isLoopback);
    }
}
