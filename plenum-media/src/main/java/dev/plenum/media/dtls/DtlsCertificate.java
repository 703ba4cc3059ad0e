package dev.plenum.media.dtls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The node's DTLS identity: a self-signed ECDSA P-256 certificate, made once per node and shared by every
 * {@link DtlsEndpoint}. WebRTC authenticates it by fingerprint in the SDP, not by a CA (RFC 8827 §6.5), so the
 * subject is a throwaway name and validity is short.
 *
 * <p>The key pair and signature come from the JDK's own providers (SunEC); no provider is registered.
 * Immutable and thread-safe.
 */
public final class DtlsCertificate {

    /** Validity of a generated certificate; a node restarts or rotates well within it. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(30);

    private final byte[] der;
    private final AsymmetricKeyParameter privateKey;
    private final DtlsFingerprint fingerprint;

    private DtlsCertificate(byte[] der, AsymmetricKeyParameter privateKey) {
        this.der = der;
        this.privateKey = privateKey;
        this.fingerprint = DtlsFingerprint.ofCertificate(der);
    }

    /** Generates a fresh certificate valid from one day ago (clock skew) for {@link #DEFAULT_VALIDITY}. */
    public static DtlsCertificate generate() {
        return generate(Clock.systemUTC(), DEFAULT_VALIDITY, new SecureRandom());
    }

    /** Generates a fresh certificate with the given clock, validity and randomness (for tests). */
    public static DtlsCertificate generate(Clock clock, Duration validity, SecureRandom random) {
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair keyPair = kpg.generateKeyPair();

            // RFC 5280 §4.1.2.2: a positive serial of at most 20 octets; 64 random bits is plenty.
            BigInteger serial = new BigInteger(64, random).setBit(63);
            Instant now = clock.instant();
            X500Name name = new X500Name("CN=plenum");
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    name, serial, Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(validity)),
                    name, keyPair.getPublic());
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA")
                    .setSecureRandom(random)
                    .build(keyPair.getPrivate());
            X509CertificateHolder holder = builder.build(signer);
            return new DtlsCertificate(holder.getEncoded(),
                    PrivateKeyFactory.createKey(keyPair.getPrivate().getEncoded()));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate the DTLS certificate", e);
        }
    }

    /** The fingerprint to put in {@code a=fingerprint}. */
    public DtlsFingerprint fingerprint() {
        return fingerprint;
    }

    /** The SDP attribute value, e.g. {@code "sha-256 AB:CD:..."} (RFC 8122 §5). */
    public String sdpFingerprint() {
        return fingerprint.toSdp();
    }

    /** A copy of the DER encoding. */
    public byte[] derEncoded() {
        return der.clone();
    }

    byte[] der() {
        return der;
    }

    AsymmetricKeyParameter privateKey() {
        return privateKey;
    }

    @Override
    public String toString() {
        return "DtlsCertificate[" + fingerprint.toSdp() + "]";
    }
}
