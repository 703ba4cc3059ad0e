package dev.plenum.media.dtls;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * BouncyCastle client callbacks for DTLS 1.2 with use_srtp, the mirror of {@link DtlsSrtpServer}: offers both SRTP
 * profiles (GCM first), checks the server certificate against the SDP fingerprint, answers the certificate
 * request with the node certificate, and exports the SRTP keys.
 */
final class DtlsSrtpClient extends DefaultTlsClient {

    private final DtlsCertificate local;
    private final DtlsFingerprint expectedPeer;
    private final int handshakeTimeoutMillis;
    private final HandshakeOutcome outcome;
    private final int[] offeredProfiles;
    private SrtpProtectionProfile profile;

    DtlsSrtpClient(BcTlsCrypto crypto, DtlsCertificate local, DtlsFingerprint expectedPeer,
            int handshakeTimeoutMillis, HandshakeOutcome outcome) {
        this(crypto, local, expectedPeer, handshakeTimeoutMillis, outcome, SrtpProtectionProfile.preferenceOrderIds());
    }

    /** With an explicit use_srtp offer, so tests can stand in for browsers that offer other profiles. */
    DtlsSrtpClient(BcTlsCrypto crypto, DtlsCertificate local, DtlsFingerprint expectedPeer,
            int handshakeTimeoutMillis, HandshakeOutcome outcome, int[] offeredProfiles) {
        super(crypto);
        this.offeredProfiles = offeredProfiles.clone();
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
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
        TlsSRTPUtils.addUseSRTPExtension(extensions,
                new UseSRTPData(offeredProfiles, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    @Override
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        UseSRTPData selected = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
        // RFC 5764 §4.1.1: the server names exactly one of the offered profiles.
        if (selected == null || selected.getProtectionProfiles().length != 1
                || !wasOffered(selected.getProtectionProfiles()[0])
                || SrtpProtectionProfile.byId(selected.getProtectionProfiles()[0]) == null) {
            outcome.fail("server did not select an offered SRTP protection profile");
            throw new TlsFatalAlert(AlertDescription.illegal_parameter, "bad use_srtp in ServerHello");
        }
        profile = SrtpProtectionProfile.byId(selected.getProtectionProfiles()[0]);
    }

    private boolean wasOffered(int id) {
        for (int offered : offeredProfiles) {
            if (offered == id) {
                return true;
            }
        }
        return false;
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                DtlsSrtpPeers.verifyPeer(serverCertificate.getCertificate(), expectedPeer, outcome);
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest certificateRequest) throws IOException {
                return DtlsSrtpPeers.signer(context, (BcTlsCrypto) getCrypto(), local);
            }
        };
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        outcome.keys(DtlsSrtpPeers.exportKeys(context, profile, false));
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
