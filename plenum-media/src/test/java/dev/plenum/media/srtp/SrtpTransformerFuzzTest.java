package dev.plenum.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever arrives from the network, the transformer answers with a result and never throws or overruns. */
class SrtpTransformerFuzzTest {
    private static final SrtpMasterKey CM_KEY = new SrtpMasterKey(new byte[16], new byte[14]);
    private static final SrtpMasterKey GCM_KEY = new SrtpMasterKey(new byte[16], new byte[12]);
    // Shared across inputs: building a transformer derives keys, which would dominate the run time.
    private static final SrtpTransformer[] TRANSFORMERS = {
        new SrtpTransformer(SrtpProfile.AES128_CM_HMAC_SHA1_80, CM_KEY, 2),
        new SrtpTransformer(SrtpProfile.AEAD_AES_128_GCM, GCM_KEY, 2)
    };

    @FuzzTest
    void arbitrary_bytes_never_throw(byte[] data) {
        exercise(data);
    }

    /** The same property with seeded random inputs, so it also runs where Jazzer cannot. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void random_bytes_never_throw(int seed) {
        Random r = new Random(seed);
        for (int i = 0; i < 300; i++) {
            byte[] data = new byte[r.nextInt(200)];
            r.nextBytes(data);
            if (data.length > 0 && r.nextBoolean()) {
                data[0] = (byte) (0x80 | (data[0] & 0x3f)); // version 2, so parsing goes deeper
            }
            exercise(data);
        }
    }

    private static void exercise(byte[] data) {
        for (SrtpTransformer t : TRANSFORMERS) {
            for (int op = 0; op < 4; op++) {
                ByteBuf b = Unpooled.buffer(data.length + 32, data.length + 32).writeBytes(data);
                SrtpResult result = switch (op) {
                    case 0 -> t.unprotectRtp(b);
                    case 1 -> t.unprotectRtcp(b);
                    case 2 -> t.protectRtp(b);
                    default -> t.protectRtcp(b);
                };
                assertThat(result).isNotNull();
                assertThat(b.writerIndex()).isLessThanOrEqualTo(b.capacity());
                if (op < 2) {
                    assertThat(result).isNotEqualTo(SrtpResult.OK); // forging a tag by chance is not expected
                }
            }
        }
    }
}
