package dev.plenum.control.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away HTTPS identity for a server reached at a non-loopback address without a configured certificate:
 * ECDSA P-256, valid one year, the server's names and addresses in subjectAltName (browsers match only those,
 * RFC 6125 §6.4.4). It lives in memory only, so each start makes a new one and browsers warn again.
 */
public final class SelfSignedIdentity {
    static final Duration VALIDITY = Duration.ofDays(365);
    /** Tolerates a client clock slightly behind ours. */
    static final Duration BACKDATE = Duration.ofHours(1);

    private SelfSignedIdentity() {
    }

    /** @param names IP literals and DNS names the server is reached at; the first becomes the subject's CN */
    public static TlsIdentity generate(List<String> names, Instant now) {
        if (names.isEmpty()) throw new IllegalArgumentException("a self-signed certificate needs at least one name");
        List<String> unique = List.copyOf(new LinkedHashSet<>(names));
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.O, "Plenum").addRDN(BCStyle.CN, unique.getFirst()).build();
            BigInteger serial = new BigInteger(64, new SecureRandom()).setBit(63); // positive, 8 bytes (RFC 5280 §4.1.2.2)
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames(unique));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            var holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
            return new TlsIdentity(List.of(new JcaX509CertificateConverter().getCertificate(holder)), pair.getPrivate(), true);
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot generate a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static GeneralNames subjectAltNames(List<String> names) {
        List<GeneralName> out = new ArrayList<>();
        for (String name : names) {
            out.add(isIpLiteral(name) ? new GeneralName(GeneralName.iPAddress, InetAddress.ofLiteral(stripBrackets(name)).getHostAddress())
                    : new GeneralName(GeneralName.dNSName, name));
        }
        return new GeneralNames(out.toArray(GeneralName[]::new));
    }

    static boolean isIpLiteral(String name) {
        try {
            InetAddress.ofLiteral(stripBrackets(name));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String stripBrackets(String name) {
        return name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
    }
}
