package dev.plenum.media.dtls;

import java.security.SecureRandom;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.modes.AEADBlockCipher;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.gcm.BasicGCMMultiplier;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * BouncyCastle's lightweight TLS crypto with GCM's table-less multiplier. The DTLS record layer of a WebRTC
 * transport carries only the handshake's last flight and then alerts (media goes as SRTP with keys exported from
 * the handshake, RFC 5764 §4.2), yet each connection keeps its read and write ciphers for its whole life: with the
 * default multiplier's 4 KiB tables (plus array overhead) that is about 20 KiB per participant for a few records.
 */
final class DtlsCrypto extends BcTlsCrypto {

    DtlsCrypto(SecureRandom random) {
        super(random);
    }

    @Override
    protected AEADBlockCipher createGCMMode(BlockCipher engine) {
        return GCMBlockCipher.newInstance(engine, new BasicGCMMultiplier());
    }
}
