package dev.plenum.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plenum.media.dtls.DtlsCertificate;
import dev.plenum.media.dtls.DtlsConfig;
import dev.plenum.media.dtls.DtlsEndpoint;
import dev.plenum.media.dtls.DtlsListener;
import dev.plenum.media.dtls.DtlsRole;
import dev.plenum.media.dtls.DtlsSrtpKeys;
import dev.plenum.media.forward.Fanout;
import dev.plenum.media.forward.StreamRewriter;
import dev.plenum.media.srtp.SrtpKeys;
import dev.plenum.media.srtp.SrtpResult;
import dev.plenum.media.srtp.SrtpTransformer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The media path's security chain end to end, without sockets: a publisher and a subscriber each complete a real
 * DTLS handshake with the SFU; the publisher's SRTP packet is decrypted with the keys of its handshake, fanned
 * out, rewritten, encrypted with the subscriber's keys, and the subscriber decrypts the same payload.
 */
class EncryptedForwardingTest {
    private static final DtlsCertificate SFU_CERT = DtlsCertificate.generate();

    /** Keys of both ends of one DTLS association: [0] the SFU's, [1] the browser's. */
    private static SrtpKeys[] handshake() throws Exception {
        DtlsCertificate browserCert = DtlsCertificate.generate();
        AtomicReference<DtlsEndpoint> sfuRef = new AtomicReference<>();
        AtomicReference<DtlsEndpoint> browserRef = new AtomicReference<>();
        CompletableFuture<DtlsSrtpKeys> sfuKeys = new CompletableFuture<>();
        CompletableFuture<DtlsSrtpKeys> browserKeys = new CompletableFuture<>();
        DtlsEndpoint sfu = new DtlsEndpoint(DtlsRole.SERVER, SFU_CERT, browserCert.fingerprint(),
                d -> browserRef.get().offerIncoming(d), listener(sfuKeys), DtlsConfig.DEFAULTS);
        DtlsEndpoint browser = new DtlsEndpoint(DtlsRole.CLIENT, browserCert, SFU_CERT.fingerprint(),
                d -> sfuRef.get().offerIncoming(d), listener(browserKeys), DtlsConfig.DEFAULTS);
        sfuRef.set(sfu);
        browserRef.set(browser);
        sfu.start();
        browser.start();
        try {
            return new SrtpKeys[] {SrtpSessionKeys.from(sfuKeys.get(20, TimeUnit.SECONDS)),
                    SrtpSessionKeys.from(browserKeys.get(20, TimeUnit.SECONDS))};
        } finally {
            sfu.close();
            browser.close();
        }
    }

    private static DtlsListener listener(CompletableFuture<DtlsSrtpKeys> keys) {
        return new DtlsListener() {
            @Override public void onHandshakeComplete(DtlsSrtpKeys k) {
                keys.complete(k);
            }

            @Override public void onHandshakeFailed(String reason, Throwable cause) {
                keys.completeExceptionally(new AssertionError(reason, cause));
            }
        };
    }

    @Test
    void aPublishersPacketReachesASubscriberDecryptedRewrittenAndReEncrypted() throws Exception {
        SrtpKeys[] publisher = handshake();
        SrtpKeys[] subscriber = handshake();
        SrtpTransformer publisherSends = SrtpTransformer.forSending(publisher[1]);
        SrtpTransformer sfuReceivesFromPublisher = SrtpTransformer.forReceiving(publisher[0]);
        SrtpTransformer sfuSendsToSubscriber = SrtpTransformer.forSending(subscriber[0]);
        SrtpTransformer subscriberReceives = SrtpTransformer.forReceiving(subscriber[1]);

        List<ByteBuf> onTheWireToSubscriber = new ArrayList<>();
        Fanout fanout = new Fanout(ByteBufAllocator.DEFAULT);
        fanout.subscribe(packet -> {
            assertThat(sfuSendsToSubscriber.protectRtp(packet)).isEqualTo(SrtpResult.OK);
            onTheWireToSubscriber.add(packet);
        }, new StreamRewriter(0x00C0FFEE));

        byte[] payload = new byte[1000];
        new Random(7).nextBytes(payload);
        for (int sequence = 65533; sequence < 65533 + 6; sequence++) { // across the sequence number wrap
            ByteBuf packet = ByteBufAllocator.DEFAULT.directBuffer(1200);
            packet.writeByte(0x80).writeByte(96).writeShort(sequence & 0xFFFF).writeInt(sequence * 3000).writeInt(0x1234);
            packet.writeBytes(payload);
            assertThat(publisherSends.protectRtp(packet)).isEqualTo(SrtpResult.OK);
            assertThat(packet.readableBytes()).isGreaterThan(12 + payload.length); // tag appended

            assertThat(sfuReceivesFromPublisher.unprotectRtp(packet)).isEqualTo(SrtpResult.OK);
            fanout.forward(packet);
        }

        assertThat(onTheWireToSubscriber).hasSize(6);
        for (ByteBuf received : onTheWireToSubscriber) {
            assertThat(subscriberReceives.unprotectRtp(received)).isEqualTo(SrtpResult.OK);
            assertThat(received.getInt(received.readerIndex() + 8)).isEqualTo(0x00C0FFEE);
            byte[] got = new byte[received.readableBytes() - 12];
            received.getBytes(received.readerIndex() + 12, got);
            assertThat(got).isEqualTo(payload);
            received.release();
        }
    }

    @Test
    void aPacketProtectedWithAnotherAssociationsKeysIsRefused() throws Exception {
        SrtpKeys[] one = handshake();
        SrtpKeys[] other = handshake();
        ByteBuf packet = ByteBufAllocator.DEFAULT.directBuffer(200);
        packet.writeByte(0x80).writeByte(111).writeShort(1).writeInt(960).writeInt(0x42).writeBytes(new byte[80]);
        assertThat(SrtpTransformer.forSending(one[1]).protectRtp(packet)).isEqualTo(SrtpResult.OK);
        assertThat(SrtpTransformer.forReceiving(other[0]).unprotectRtp(packet)).isEqualTo(SrtpResult.AUTH_FAILED);
        packet.release();
    }
}
