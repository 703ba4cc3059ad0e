package dev.plenum.media.dtls;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * BouncyCastle server callbacks for DTLS 1.2 with use_srtp (RFC 5764): picks the most preferred SRTP profile the
 * client offers, demands a client certificate and checks it against the SDP fingerprint, requires the extended
 * master secret (RFC 7627), and exports the SRTP keys when the handshake completes.
 */
final class DtlsSrtpServer extends DefaultTlsServer {

    private final DtlsCertificate local;
    private final DtlsFingerprint expectedPeer;
    private final int handshakeTimeoutMillis;
    private final HandshakeOutcome outcome;
    private SrtpProtectionProfile profile;

    DtlsSrtpServer(BcTlsCrypto crypto, DtlsCertificate local, DtlsFingerprint expectedPeer,
            int handshakeTimeoutMillis, HandshakeOutcome outcome) {
        super(crypto);
        this.local = local;
        this.expectedPeer = expectedPeer;
        this.handshakeTimeoutMillis = handshakeTimeoutMillis;
        this.outcome = outcome;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), DtlsSrtpPeers.CIPHER_SUITES);
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return handshakeTimeoutMillis;
    }

    @Override
    public boolean requiresExtendedMasterSecret() {
        return true;
    }

    @Override
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        UseSRTPData offered = TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        if (offered == null) {
            outcome.fail("peer did not offer use_srtp");
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "no use_srtp extension");
        }
        // Our preference order wins over the client's (RFC 5764 §4.1.1 leaves the choice to the server).
        for (SrtpProtectionProfile candidate : SrtpProtectionProfile.values()) {
            for (int id : offered.getProtectionProfiles()) {
                if (id == candidate.id()) {
                    profile = candidate;
                    return;
                }
            }
        }
        outcome.fail("no common SRTP protection profile");
        throw new TlsFatalAlert(AlertDescription.handshake_failure, "no common SRTP protection profile");
    }

    @Override
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = super.getServerExtensions();
        // RFC 5764 §4.1.1: exactly one profile in the reply, and an empty MKI since Plenum does not use MKIs.
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {profile.id()}, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    public CertificateRequest getCertificateRequest() {
        // RFC 5763 §5: the client must present the certificate whose fingerprint is in its SDP.
        short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
        return new CertificateRequest(types, TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        DtlsSrtpPeers.verifyPeer(clientCertificate, expectedPeer, outcome);
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        return DtlsSrtpPeers.signer(context, (BcTlsCrypto) getCrypto(), local);
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        outcome.keys(DtlsSrtpPeers.exportKeys(context, profile, true));
    }

    @Override
    public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
        outcome.alertRaised(alertLevel, alertDescription, message);
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        outcome.alertReceived(alertLevel, alertDescription);
    }
}
