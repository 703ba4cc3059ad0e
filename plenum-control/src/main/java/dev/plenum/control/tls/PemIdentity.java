package dev.plenum.control.tls;

import dev.plenum.control.tls.TlsConfigException.Setting;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads a TLS identity from PEM files (RFC 7468): a certificate chain, leaf first, and an unencrypted private key in
 * PKCS#8 ({@code BEGIN PRIVATE KEY}) or the traditional OpenSSL forms ({@code BEGIN EC PRIVATE KEY},
 * {@code BEGIN RSA PRIVATE KEY}). The key must belong to the leaf certificate: a pair that does not match would only
 * fail later, in every browser's handshake, so it is refused at start.
 */
public final class PemIdentity {
    private PemIdentity() {
    }

    public static TlsIdentity load(Path certificateFile, Path keyFile) throws TlsConfigException {
        List<X509Certificate> chain = readChain(certificateFile);
        PrivateKey key = readKey(keyFile);
        if (!matches(key, chain.getFirst().getPublicKey())) {
            throw new TlsConfigException(Setting.KEY, "the private key in " + keyFile
                    + " does not belong to the certificate in " + certificateFile);
        }
        return new TlsIdentity(chain, key, false);
    }

    static List<X509Certificate> readChain(Path file) throws TlsConfigException {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser pem = new PEMParser(open(Setting.CERTIFICATE, file))) {
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                if (o instanceof X509CertificateHolder holder) chain.add(converter.getCertificate(holder));
            }
        } catch (IOException | CertificateException | IllegalArgumentException | IllegalStateException e) {
            throw new TlsConfigException(Setting.CERTIFICATE, "cannot read the certificate in " + file
                    + ": it is not valid PEM (" + e.getMessage() + ")", e);
        }
        if (chain.isEmpty()) {
            throw new TlsConfigException(Setting.CERTIFICATE, file + " holds no PEM certificate "
                    + "(-----BEGIN CERTIFICATE-----)");
        }
        return chain;
    }

    static PrivateKey readKey(Path file) throws TlsConfigException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser pem = new PEMParser(open(Setting.KEY, file))) {
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
                switch (o) {
                    case PrivateKeyInfo info -> { return converter.getPrivateKey(info); }
                    case PEMKeyPair pair -> { // the public half is optional in RFC 5915 §3, so only the private info is read
                        return converter.getPrivateKey(pair.getPrivateKeyInfo());
                    }
                    case PKCS8EncryptedPrivateKeyInfo e -> throw encrypted(file);
                    case PEMEncryptedKeyPair e -> throw encrypted(file);
                    default -> { } // e.g. EC PARAMETERS or a certificate bundled with the key
                }
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new TlsConfigException(Setting.KEY, "cannot read the private key in " + file
                    + ": it is not valid PEM (" + e.getMessage() + ")", e);
        }
        throw new TlsConfigException(Setting.KEY, file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----, "
                + "-----BEGIN EC PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)");
    }

    private static TlsConfigException encrypted(Path file) {
        return new TlsConfigException(Setting.KEY, "the private key in " + file + " is encrypted; Plenum needs it "
                + "unencrypted (for example: openssl pkey -in encrypted.pem -out key.pem)");
    }

    private static Reader open(Setting setting, Path file) throws TlsConfigException {
        try {
            return Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new TlsConfigException(setting, file + " does not exist");
        } catch (IOException e) {
            throw new TlsConfigException(setting, "cannot open " + file + ": " + e.getMessage());
        }
    }

    /** Whether {@code key} is the private half of {@code certificateKey}: same RSA modulus, or a signature verifies. */
    static boolean matches(PrivateKey key, PublicKey certificateKey) throws TlsConfigException {
        if (key instanceof RSAKey rsa) {
            return certificateKey instanceof RSAKey pub && rsa.getModulus().equals(pub.getModulus());
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "Ed448" -> "Ed448";
            default -> throw new TlsConfigException(Setting.KEY, "unsupported private key type " + key.getAlgorithm()
                    + "; use an EC, RSA or Ed25519 key");
        };
        if (!certificateKey.getAlgorithm().equals(key.getAlgorithm())
                && !(algorithm.equals("Ed25519") && certificateKey.getAlgorithm().startsWith("Ed"))) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificateKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // e.g. keys on different curves
        }
    }
}
