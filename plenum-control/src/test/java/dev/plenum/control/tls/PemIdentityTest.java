package dev.plenum.control.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plenum.control.tls.TlsConfigException.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PemIdentityTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} key, PKCS#8: {1}")
    @CsvSource({"EC, true", "EC, false", "RSA, true", "RSA, false"})
    void readsACertificateAndItsKeyInEveryCommonPemForm(String algorithm, boolean pkcs8) throws Exception {
        TestCertificates.Pair pair = TestCertificates.generate(algorithm);
        Path[] files = pair.write(dir, pkcs8);

        TlsIdentity identity = PemIdentity.load(files[0], files[1]);

        assertThat(identity.leaf()).isEqualTo(pair.certificate());
        assertThat(identity.privateKey().getAlgorithm()).isEqualTo(algorithm);
        assertThat(PemIdentity.matches(identity.privateKey(), pair.keys().getPublic())).isTrue();
        assertThat(identity.selfSigned()).isFalse();
        assertThat(identity.toString()).doesNotContain(identity.privateKey().toString());
    }

    @Test
    void readsAChainLeafFirst() throws Exception {
        TestCertificates.Pair leaf = TestCertificates.generate("EC");
        TestCertificates.Pair other = TestCertificates.generate("EC");
        Path[] files = leaf.write(dir, true);
        Files.writeString(files[0], TestCertificates.pem(leaf.certificate()) + TestCertificates.pem(other.certificate()));

        assertThat(PemIdentity.load(files[0], files[1]).chain()).containsExactly(leaf.certificate(), other.certificate());
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateIsRefused() throws Exception {
        Path cert = TestCertificates.generate("EC").write(Files.createDirectory(dir.resolve("a")), true)[0];
        Path key = TestCertificates.generate("EC").write(Files.createDirectory(dir.resolve("b")), true)[1];
        assertRefused(cert, key, Setting.KEY, "does not belong to the certificate");
    }

    @Test
    void anRsaKeyForAnEcCertificateIsRefused() throws Exception {
        Path cert = TestCertificates.generate("EC").write(dir, true)[0];
        Path key = dir.resolve("rsa.pem");
        Files.writeString(key, TestCertificates.pem(TestCertificates.generate("RSA").keys().getPrivate()));
        assertRefused(cert, key, Setting.KEY, "does not belong to the certificate");
    }

    @Test
    void aMissingFileIsNamed() {
        Path[] files = TestCertificates.generate("EC").write(dir, true);
        assertRefused(dir.resolve("nope.pem"), files[1], Setting.CERTIFICATE, "nope.pem does not exist");
        assertRefused(files[0], dir.resolve("gone.pem"), Setting.KEY, "gone.pem does not exist");
    }

    @Test
    void unreadablePemIsRefused() throws Exception {
        Path[] files = TestCertificates.generate("EC").write(dir, true);
        Files.writeString(files[0], "-----BEGIN CERTIFICATE-----\n!!!! not base64 !!!!\n-----END CERTIFICATE-----\n");
        assertRefused(files[0], files[1], Setting.CERTIFICATE, "not valid PEM");

        Files.writeString(files[0], "hello, I am not a certificate\n");
        assertRefused(files[0], files[1], Setting.CERTIFICATE, "holds no PEM certificate");
    }

    @Test
    void aFileWithoutAKeyOrWithAnEncryptedKeyIsRefused() throws Exception {
        TestCertificates.Pair pair = TestCertificates.generate("EC");
        Path[] files = pair.write(dir, true);
        Files.writeString(files[1], TestCertificates.pem(pair.certificate()));
        assertRefused(files[0], files[1], Setting.KEY, "holds no PEM private key");

        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                .setProvider(new BouncyCastleProvider()).setPassword("secret".toCharArray()).build();
        Files.writeString(files[1], TestCertificates.pem(new JcaPKCS8Generator(pair.keys().getPrivate(), encryptor)));
        assertRefused(files[0], files[1], Setting.KEY, "is encrypted");
    }

    private static void assertRefused(Path cert, Path key, Setting setting, String message) {
        assertThatThrownBy(() -> PemIdentity.load(cert, key))
                .isInstanceOfSatisfying(TlsConfigException.class, e -> {
                    assertThat(e.setting()).isEqualTo(setting);
                    assertThat(e.getMessage()).contains(message);
                });
    }
}
