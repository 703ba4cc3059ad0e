package dev.plenum.media.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 8122 §5 fingerprints: parsing, formatting, matching. */
class DtlsFingerprintTest {

    private static final String SAMPLE =
            "sha-256 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";

    @Test
    void parsesAndFormatsTheSdpFormWithUpperCaseHex() {
        DtlsFingerprint fp = DtlsFingerprint.parse(SAMPLE);
        assertThat(fp.toSdp()).isEqualTo(SAMPLE);
        assertThat(fp.hashFunction()).isEqualTo("sha-256");
        assertThat(fp.digest()).hasSize(32);
    }

    @Test
    void comparesCaseInsensitivelyAndToleratesTheAttributePrefix() {
        DtlsFingerprint upper = DtlsFingerprint.parse(SAMPLE.toUpperCase(Locale.ROOT));
        DtlsFingerprint lower = DtlsFingerprint.parse(SAMPLE.toLowerCase(Locale.ROOT));
        DtlsFingerprint prefixed = DtlsFingerprint.parse("a=fingerprint:" + SAMPLE + "\r");
        assertThat(upper).isEqualTo(lower).isEqualTo(prefixed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha-1", "sha-512", "md5", "SHA-384"})
    void rejectsOtherHashFunctionsByName(String hash) {
        assertThatThrownBy(() -> DtlsFingerprint.parse(hash + " AB:CD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unsupported fingerprint hash function '" + hash.toLowerCase(Locale.ROOT) + "'")
                .hasMessageContaining("only sha-256");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sha-256", "sha-256 ", "sha-256 AB:CD", "sha-256 " + "ZZ:" + "00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00",
            "sha-256 00-11-22-33-44-55-66-77-88-99-AA-BB-CC-DD-EE-FF-00-11-22-33-44-55-66-77-88-99-AA-BB-CC-DD-EE-FF"})
    void rejectsMalformedValues(String value) {
        assertThatThrownBy(() -> DtlsFingerprint.parse(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> DtlsFingerprint.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matchesOnlyTheCertificateItWasTakenFrom() {
        DtlsCertificate a = DtlsCertificate.generate();
        DtlsCertificate b = DtlsCertificate.generate();
        DtlsFingerprint fromSdp = DtlsFingerprint.parse(a.sdpFingerprint());
        assertThat(fromSdp.matches(a.derEncoded())).isTrue();
        assertThat(fromSdp.matches(b.derEncoded())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 42, 5764})
    void randomTextOnlyEverFailsWithIllegalArgument(long seed) {
        Random random = new Random(seed);
        String alphabet = "sha-256 :0123456789abcdefABCDEFxyz\t";
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder(i % 2 == 0 ? "sha-256 " : "");
            int n = random.nextInt(110);
            for (int j = 0; j < n; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                DtlsFingerprint fp = DtlsFingerprint.parse(sb.toString());
                assertThat(DtlsFingerprint.parse(fp.toSdp())).isEqualTo(fp);
            } catch (IllegalArgumentException expected) {
                // the documented way to refuse
            }
        }
    }
}
