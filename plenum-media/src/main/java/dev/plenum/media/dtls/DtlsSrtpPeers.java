package dev.plenum.media.dtls;

import java.io.IOException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/** What the DTLS-SRTP server and client have in common: suites, credentials, peer check, key export. */
final class DtlsSrtpPeers {

    /** RFC 5764 §4.2: the exporter label for DTLS-SRTP keys. */
    static final String EXPORTER_LABEL = "EXTRACTOR-dtls_srtp";

    /**
     * ECDHE with ECDSA only, since both WebRTC certificates are ECDSA, and AES-GCM only: every browser offers
     * it, DTLS here protects only the handshake's end and alerts (media keys are exported), and a single record
     * format lets {@link DtlsRecordFilter} discard impossible records before BouncyCastle fails on them.
     */
    static final int[] CIPHER_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
    };

    private static final SignatureAndHashAlgorithm ECDSA_SHA256 =
            SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa);

    private DtlsSrtpPeers() {
    }

    static TlsCredentialedSigner signer(TlsContext context, BcTlsCrypto crypto, DtlsCertificate local)
            throws IOException {
        TlsCertificate tlsCert = crypto.createCertificate(local.der());
        Certificate chain = new Certificate(new TlsCertificate[] {tlsCert});
        return new BcDefaultTlsCredentialedSigner(
                new TlsCryptoParameters(context), crypto, local.privateKey(), chain, ECDSA_SHA256);
    }

    /**
     * RFC 5763 §5 / RFC 8842 §5: the peer's end-entity certificate must hash to the fingerprint its SDP
     * announced; anything else aborts the handshake with a fatal alert. BouncyCastle then checks the peer's
     * signature with that certificate's key, which proves the peer holds it.
     */
    static void verifyPeer(Certificate peer, DtlsFingerprint expected, HandshakeOutcome outcome) throws IOException {
        if (peer == null || peer.isEmpty()) {
            outcome.fail("peer sent no certificate");
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "peer sent no certificate");
        }
        if (!expected.matches(peer.getCertificateAt(0).getEncoded())) {
            outcome.fail("fingerprint mismatch");
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "fingerprint mismatch");
        }
    }

    /** RFC 5764 §4.2: export {@code 2 * (key + salt)} bytes once the handshake is complete. */
    static DtlsSrtpKeys exportKeys(TlsContext context, SrtpProtectionProfile profile, boolean isServer) {
        byte[] material = context.exportKeyingMaterial(EXPORTER_LABEL, null, profile.keyingMaterialLength());
        return new DtlsSrtpKeys(profile.id(), material, isServer);
    }
}
