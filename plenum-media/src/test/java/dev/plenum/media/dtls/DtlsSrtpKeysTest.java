package dev.plenum.media.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** RFC 5764 §4.2 layout of the exported keying material. */
class DtlsSrtpKeysTest {

    private static byte[] counting(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    @Test
    void splitsGcmMaterialIntoClientAndServerKeysThenSalts() {
        DtlsSrtpKeys keys = new DtlsSrtpKeys(0x0007, counting(56), true);

        assertThat(keys.clientMasterKey()).isEqualTo(slice(0, 16));
        assertThat(keys.serverMasterKey()).isEqualTo(slice(16, 32));
        assertThat(keys.clientMasterSalt()).isEqualTo(slice(32, 44));
        assertThat(keys.serverMasterSalt()).isEqualTo(slice(44, 56));
        assertThat(keys.localMasterKey()).isEqualTo(keys.serverMasterKey());
        assertThat(keys.remoteMasterSalt()).isEqualTo(keys.clientMasterSalt());
    }

    @Test
    void splitsHmacSha1MaterialWithFourteenByteSalts() {
        DtlsSrtpKeys keys = new DtlsSrtpKeys(0x0001, counting(60), false);

        assertThat(keys.clientMasterSalt()).isEqualTo(slice(32, 46));
        assertThat(keys.serverMasterSalt()).isEqualTo(slice(46, 60));
        assertThat(keys.localMasterKey()).isEqualTo(keys.clientMasterKey());
    }

    @Test
    void refusesUnknownProfilesAndWrongLengths() {
        assertThatThrownBy(() -> new DtlsSrtpKeys(0x0002, new byte[60], true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DtlsSrtpKeys(0x0007, new byte[60], true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringShowsNoKeyBytes() {
        assertThat(new DtlsSrtpKeys(0x0007, counting(56), true).toString())
                .isEqualTo("DtlsSrtpKeys[SRTP_AEAD_AES_128_GCM, isServer=true]");
    }

    private static byte[] slice(int from, int to) {
        byte[] b = new byte[to - from];
        for (int i = from; i < to; i++) {
            b[i - from] = (byte) i;
        }
        return b;
    }
}
