package dev.plenum.media.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The node certificate: self-signed ECDSA P-256, short-lived, random serial, fingerprint in SDP form. */
class DtlsCertificateTest {

    private static X509Certificate parse(DtlsCertificate c) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(c.derEncoded()));
    }

    @Test
    void isASelfSignedEcdsaP256CertificateValidForAboutThirtyDays() throws Exception {
        X509Certificate x509 = parse(DtlsCertificate.generate());

        assertThat(x509.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(((ECPublicKey) x509.getPublicKey()).getParams().getCurve().getField().getFieldSize())
                .isEqualTo(256);
        x509.verify(x509.getPublicKey());
        x509.checkValidity();
        Instant notAfter = x509.getNotAfter().toInstant();
        assertThat(Duration.between(Instant.now(), notAfter)).isBetween(Duration.ofDays(29), Duration.ofDays(31));
        assertThat(x509.getSerialNumber().signum()).isPositive();
    }

    @Test
    void eachCertificateHasItsOwnKeyAndSerial() throws Exception {
        X509Certificate a = parse(DtlsCertificate.generate());
        X509Certificate b = parse(DtlsCertificate.generate());
        assertThat(a.getSerialNumber()).isNotEqualTo(b.getSerialNumber());
        assertThat(a.getPublicKey()).isNotEqualTo(b.getPublicKey());
    }

    @Test
    void fingerprintIsTheSha256OfTheDerInRfc8122Form() throws Exception {
        DtlsCertificate c = DtlsCertificate.generate();
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(c.derEncoded());

        assertThat(c.sdpFingerprint()).matches("sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(c.fingerprint().digest()).isEqualTo(digest);
    }
}
