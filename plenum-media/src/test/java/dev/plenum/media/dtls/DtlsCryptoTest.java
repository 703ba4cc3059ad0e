package dev.plenum.media.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.AEADBlockCipher;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The DTLS record ciphers without GCM's tables seal and open exactly as BouncyCastle's default ones do. */
class DtlsCryptoTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void gcmWithoutTablesSealsAndOpensExactlyAsWithThem(long seed) throws InvalidCipherTextException {
        Random random = new Random(seed);
        byte[] key = bytes(random, random.nextBoolean() ? 16 : 32);
        byte[] nonce = bytes(random, 12);
        byte[] aad = bytes(random, 13); // a DTLS record's additional data
        byte[] plaintext = bytes(random, random.nextInt(1500));
        DtlsCrypto crypto = new DtlsCrypto(new SecureRandom());

        AEADBlockCipher ours = crypto.createGCMMode(AESEngine.newInstance());
        AEADBlockCipher reference = GCMBlockCipher.newInstance(AESEngine.newInstance());
        byte[] sealed = run(ours, true, key, nonce, aad, plaintext);
        assertThat(sealed).isEqualTo(run(reference, true, key, nonce, aad, plaintext));
        assertThat(run(crypto.createGCMMode(AESEngine.newInstance()), false, key, nonce, aad, sealed)).isEqualTo(plaintext);

        sealed[random.nextInt(sealed.length)] ^= 1;
        AEADBlockCipher opener = crypto.createGCMMode(AESEngine.newInstance());
        assertThatThrownBy(() -> run(opener, false, key, nonce, aad, sealed))
                .as("a changed byte fails the tag").isInstanceOf(InvalidCipherTextException.class);
    }

    private static byte[] run(AEADBlockCipher cipher, boolean seal, byte[] key, byte[] nonce, byte[] aad, byte[] in)
            throws InvalidCipherTextException {
        cipher.init(seal, new AEADParameters(new KeyParameter(key), 128, nonce, aad));
        byte[] out = new byte[cipher.getOutputSize(in.length)];
        int n = cipher.processBytes(in, 0, in.length, out, 0);
        n += cipher.doFinal(out, n);
        return Arrays.copyOf(out, n);
    }

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
