package dev.plenum.media.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Plenum DTLS server and a DTLS client wired back to back in memory: each side's sender feeds the other's
 * {@code offerIncoming}, so a handshake runs in milliseconds without sockets.
 */
class DtlsEndpointTest {

    private static final DtlsConfig FAST = new DtlsConfig(Duration.ofSeconds(5), 64, 1200);

    private static DtlsCertificate serverCert;
    private static DtlsCertificate clientCert;
    private static DtlsCertificate strangerCert;

    private final RecordingListener serverEvents = new RecordingListener();
    private final RecordingListener clientEvents = new RecordingListener();
    private final AtomicReference<DtlsEndpoint> serverRef = new AtomicReference<>();
    private final AtomicReference<DtlsEndpoint> clientRef = new AtomicReference<>();
    private DtlsEndpoint server;
    private DtlsEndpoint client;

    @BeforeAll
    static void certificates() {
        serverCert = DtlsCertificate.generate();
        clientCert = DtlsCertificate.generate();
        strangerCert = DtlsCertificate.generate();
    }

    @AfterEach
    void closeAll() {
        if (server != null) {
            server.close();
        }
        if (client != null) {
            client.close();
        }
    }

    private void wire(DtlsFingerprint serverExpects, DtlsFingerprint clientExpects, DtlsConfig clientConfig) {
        server = new DtlsEndpoint(DtlsRole.SERVER, serverCert, serverExpects,
                d -> clientRef.get().offerIncoming(d), serverEvents, FAST);
        client = new DtlsEndpoint(DtlsRole.CLIENT, clientCert, clientExpects,
                d -> serverRef.get().offerIncoming(d), clientEvents, clientConfig);
        serverRef.set(server);
        clientRef.set(client);
    }

    @Test
    void handshakeSucceedsAndBothSidesExportTheSameKeysForTheSameProfile() throws Exception {
        wire(clientCert.fingerprint(), serverCert.fingerprint(), FAST);
        server.start();
        client.start();

        DtlsSrtpKeys serverKeys = serverEvents.awaitKeys();
        DtlsSrtpKeys clientKeys = clientEvents.awaitKeys();

        assertThat(serverKeys.profile()).isEqualTo(SrtpProtectionProfile.SRTP_AEAD_AES_128_GCM);
        assertThat(clientKeys.profileId()).isEqualTo(serverKeys.profileId());
        assertThat(serverKeys.isServer()).isTrue();
        assertThat(clientKeys.isServer()).isFalse();
        assertThat(serverKeys.keyingMaterial()).hasSize(2 * (16 + 12)).isEqualTo(clientKeys.keyingMaterial());
        assertThat(serverKeys.localMasterKey()).isEqualTo(clientKeys.remoteMasterKey());
        assertThat(serverKeys.localMasterSalt()).isEqualTo(clientKeys.remoteMasterSalt());
        assertThat(server.state()).isEqualTo(DtlsEndpoint.State.CONNECTED);
        assertThat(client.state()).isEqualTo(DtlsEndpoint.State.CONNECTED);
        assertThat(serverEvents.failed).isNotDone();
    }

    @Test
    void handshakeAbortsWhenTheClientCertificateDoesNotMatchTheExpectedFingerprint() throws Exception {
        wire(strangerCert.fingerprint(), serverCert.fingerprint(), FAST);
        server.start();
        client.start();

        RecordingListener.Failure serverFailure = serverEvents.awaitFailure();
        assertThat(serverFailure.reason()).isEqualTo("fingerprint mismatch");
        assertThat(serverFailure.cause()).isInstanceOf(TlsFatalAlert.class);
        // The server's fatal alert reaches the client, which fails at once rather than timing out.
        RecordingListener.Failure clientFailure = clientEvents.awaitFailure();
        assertThat(clientFailure.reason()).contains("bad_certificate");
        assertThat(serverEvents.completed).isNotDone();
        assertThat(clientEvents.completed).isNotDone();
        assertThat(server.state()).isEqualTo(DtlsEndpoint.State.FAILED);
    }

    @Test
    void clientAbortsWhenTheServerCertificateDoesNotMatchTheExpectedFingerprint() throws Exception {
        wire(clientCert.fingerprint(), strangerCert.fingerprint(), FAST);
        server.start();
        client.start();

        assertThat(clientEvents.awaitFailure().reason()).isEqualTo("fingerprint mismatch");
        assertThat(serverEvents.awaitFailure().reason()).contains("bad_certificate");
    }

    @Test
    void garbageDatagramsBeforeDuringAndAfterTheHandshakeAreIgnored() throws Exception {
        Random random = new Random(6347);
        server = new DtlsEndpoint(DtlsRole.SERVER, serverCert, clientCert.fingerprint(),
                d -> {
                    clientRef.get().offerIncoming(garbage(random));
                    clientRef.get().offerIncoming(d);
                }, serverEvents, FAST);
        client = new DtlsEndpoint(DtlsRole.CLIENT, clientCert, serverCert.fingerprint(),
                d -> {
                    serverRef.get().offerIncoming(garbage(random));
                    serverRef.get().offerIncoming(d);
                }, clientEvents, FAST);
        serverRef.set(server);
        clientRef.set(client);
        for (int i = 0; i < 10; i++) {
            server.offerIncoming(garbage(random));
        }
        server.start();
        client.start();

        assertThat(serverEvents.awaitKeys().keyingMaterial()).isEqualTo(clientEvents.awaitKeys().keyingMaterial());
        for (int i = 0; i < 50; i++) {
            server.offerIncoming(garbage(random));
        }
        // Application data in the current epoch, too short for the GCM nonce and tag: BouncyCastle alone would
        // answer with a fatal decode_error.
        assertThat(server.offerIncoming(
                new byte[] {23, (byte) 0xfe, (byte) 0xfd, 0, 1, 0, 0, 0, 0, 0, 9, 0, 4, 1, 2, 3, 4})).isFalse();
        for (int i = 0; i < 200; i++) {
            server.offerIncoming(wellFormedGarbageRecord(random));
        }
        Thread.sleep(50);
        assertThat(server.state()).isEqualTo(DtlsEndpoint.State.CONNECTED);
        client.close();
        assertThat(serverEvents.awaitClosed()).isEqualTo("close_notify");
    }

    @Test
    void peerCloseNotifyClosesTheEndpointAndLocalCloseIsReported() throws Exception {
        wire(clientCert.fingerprint(), serverCert.fingerprint(), FAST);
        server.start();
        client.start();
        serverEvents.awaitKeys();
        clientEvents.awaitKeys();

        client.close();

        assertThat(clientEvents.awaitClosed()).isEqualTo("closed locally");
        assertThat(serverEvents.awaitClosed()).isEqualTo("close_notify");
        assertThat(client.state()).isEqualTo(DtlsEndpoint.State.CLOSED);
        assertThat(server.state()).isEqualTo(DtlsEndpoint.State.CLOSED);
    }

    @Test
    void closingDuringTheHandshakeReportsAFailureAndFreesTheThread() throws Exception {
        server = new DtlsEndpoint(DtlsRole.SERVER, serverCert, clientCert.fingerprint(), d -> { },
                serverEvents, FAST);
        server.start();

        server.close();

        assertThat(serverEvents.awaitFailure().reason()).isEqualTo("closed before the handshake completed");
        assertThat(server.state()).isEqualTo(DtlsEndpoint.State.FAILED);
        assertThat(server.offerIncoming(new byte[] {22})).isFalse();
    }

    @Test
    void handshakeTimesOutWhenThePeerNeverAnswers() throws Exception {
        DtlsConfig impatient = new DtlsConfig(Duration.ofMillis(300), 64, 1200);
        client = new DtlsEndpoint(DtlsRole.CLIENT, clientCert, serverCert.fingerprint(), d -> { },
                clientEvents, impatient);
        client.start();

        assertThat(clientEvents.awaitFailure().reason()).isEqualTo("handshake timeout");
    }

    @Test
    void serverGivesUpWhenNoClientHelloArrives() throws Exception {
        DtlsConfig impatient = new DtlsConfig(Duration.ofMillis(300), 64, 1200);
        server = new DtlsEndpoint(DtlsRole.SERVER, serverCert, clientCert.fingerprint(), d -> { },
                serverEvents, impatient);
        server.start();

        assertThat(serverEvents.awaitFailure().reason()).isEqualTo("handshake timeout");
    }

    @Test
    void theIncomingQueueIsBoundedAndCountsDrops() {
        DtlsConfig tiny = new DtlsConfig(Duration.ofSeconds(1), 2, 1200);
        server = new DtlsEndpoint(DtlsRole.SERVER, serverCert, clientCert.fingerprint(), d -> { },
                serverEvents, tiny);

        assertThat(server.offerIncoming(clientHelloLikeRecord())).isTrue();
        assertThat(server.offerIncoming(clientHelloLikeRecord())).isTrue();
        assertThat(server.offerIncoming(clientHelloLikeRecord())).isFalse();
        assertThat(server.offerIncoming(new byte[] {1, 2, 3})).isFalse();
        assertThat(server.droppedDatagrams()).isEqualTo(2);
    }

    @Test
    void offeringAByteBufCopiesItsReadableBytesAndLeavesItToTheCaller() {
        server = new DtlsEndpoint(DtlsRole.SERVER, serverCert, clientCert.fingerprint(), d -> { },
                serverEvents, FAST);
        ByteBuf buf = Unpooled.buffer(32).writeBytes(new byte[] {9, 9}).writeBytes(clientHelloLikeRecord());
        buf.readerIndex(2);

        assertThat(server.offerIncoming(buf)).isTrue();
        assertThat(buf.refCnt()).isEqualTo(1);
        assertThat(buf.readerIndex()).isEqualTo(2);
        buf.release();
    }

    @Test
    void serverFallsBackToHmacSha1WhenTheClientOffersOnlyThat() throws Exception {
        CompletableFuture<DtlsSrtpKeys> clientKeys = new CompletableFuture<>();
        startServerAgainstBcClient(new int[] {SrtpProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80.id()}, clientKeys);

        DtlsSrtpKeys serverKeys = serverEvents.awaitKeys();
        assertThat(serverKeys.profile()).isEqualTo(SrtpProtectionProfile.SRTP_AES128_CM_HMAC_SHA1_80);
        assertThat(serverKeys.keyingMaterial()).hasSize(60)
                .isEqualTo(clientKeys.get(10, TimeUnit.SECONDS).keyingMaterial());
    }

    @Test
    void serverRefusesAClientWithNoCommonSrtpProfile() throws Exception {
        // 0x0002 is SRTP_AES128_CM_HMAC_SHA1_32, which Plenum does not accept.
        startServerAgainstBcClient(new int[] {0x0002}, new CompletableFuture<>());

        assertThat(serverEvents.awaitFailure().reason()).isEqualTo("no common SRTP protection profile");
    }

    /** A plain BouncyCastle {@link DTLSClientProtocol} client, as a test tool would use, against the endpoint. */
    private void startServerAgainstBcClient(int[] offeredProfiles, CompletableFuture<DtlsSrtpKeys> clientKeys) {
        QueuedDatagramTransport clientTransport =
                new QueuedDatagramTransport(64, 1200, d -> serverRef.get().offerIncoming(d));
        server = new DtlsEndpoint(DtlsRole.SERVER, serverCert, clientCert.fingerprint(), clientTransport::offer,
                serverEvents, FAST);
        serverRef.set(server);
        server.start();
        HandshakeOutcome outcome = new HandshakeOutcome();
        DtlsSrtpClient tlsClient = new DtlsSrtpClient(new BcTlsCrypto(new SecureRandom()), clientCert,
                serverCert.fingerprint(), 5000, outcome, offeredProfiles);
        Thread.ofVirtual().start(() -> {
            try {
                DTLSTransport dtls = new DTLSClientProtocol().connect(tlsClient, clientTransport);
                clientKeys.complete(outcome.keys());
                dtls.close();
            } catch (IOException e) {
                clientKeys.completeExceptionally(e);
            }
        });
    }

    /** A record header that passes {@link DtlsRecordFilter} over a handshake-typed one-byte body. */
    private static byte[] clientHelloLikeRecord() {
        return new byte[] {22, (byte) 0xfe, (byte) 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1};
    }

    /** A well-framed DTLS 1.2 record of any content type and epoch 0..2 whose body is random. */
    private static byte[] wellFormedGarbageRecord(Random random) {
        int bodyLength = random.nextInt(100);
        byte[] b = new byte[13 + bodyLength];
        random.nextBytes(b);
        b[0] = (byte) (20 + random.nextInt(5));
        b[1] = (byte) 0xfe;
        b[2] = (byte) 0xfd;
        b[3] = 0;
        b[4] = (byte) random.nextInt(3);
        b[11] = (byte) (bodyLength >> 8);
        b[12] = (byte) bodyLength;
        return b;
    }

    private static byte[] garbage(Random random) {
        byte[] b = new byte[1 + random.nextInt(200)];
        random.nextBytes(b);
        return b;
    }
}
