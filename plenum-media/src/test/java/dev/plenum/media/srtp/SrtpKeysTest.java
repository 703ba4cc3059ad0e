package dev.plenum.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** RFC 5764 §4.2 keying material layout and the use_srtp profile ids. */
class SrtpKeysTest {

    private static byte[] counting(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    @Test
    void aes_cm_material_splits_into_client_key_server_key_client_salt_server_salt() {
        byte[] m = counting(60);
        SrtpKeys asClient = SrtpKeys.fromDtlsKeyingMaterial(SrtpProfile.AES128_CM_HMAC_SHA1_80, m, true);
        assertThat(asClient.local().key()).isEqualTo(java.util.Arrays.copyOfRange(m, 0, 16));
        assertThat(asClient.remote().key()).isEqualTo(java.util.Arrays.copyOfRange(m, 16, 32));
        assertThat(asClient.local().salt()).isEqualTo(java.util.Arrays.copyOfRange(m, 32, 46));
        assertThat(asClient.remote().salt()).isEqualTo(java.util.Arrays.copyOfRange(m, 46, 60));

        SrtpKeys asServer = SrtpKeys.fromDtlsKeyingMaterial(SrtpProfile.AES128_CM_HMAC_SHA1_80, m, false);
        assertThat(asServer.local()).isEqualTo(asClient.remote());
        assertThat(asServer.remote()).isEqualTo(asClient.local());
    }

    @Test
    void gcm_material_uses_12_byte_salts() {
        byte[] m = counting(56);
        SrtpKeys k = SrtpKeys.fromDtlsKeyingMaterial(SrtpProfile.AEAD_AES_128_GCM, m, true);
        assertThat(k.local().salt()).isEqualTo(java.util.Arrays.copyOfRange(m, 32, 44));
        assertThat(k.remote().salt()).isEqualTo(java.util.Arrays.copyOfRange(m, 44, 56));
    }

    @Test
    void material_of_the_wrong_length_is_refused() {
        assertThatThrownBy(() -> SrtpKeys.fromDtlsKeyingMaterial(SrtpProfile.AEAD_AES_128_GCM, new byte[60], true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void profiles_carry_their_use_srtp_ids() {
        assertThat(SrtpProfile.byDtlsProfileId(0x0001)).contains(SrtpProfile.AES128_CM_HMAC_SHA1_80);
        assertThat(SrtpProfile.byDtlsProfileId(0x0007)).contains(SrtpProfile.AEAD_AES_128_GCM);
        assertThat(SrtpProfile.byDtlsProfileId(0x0002)).isEmpty();
        assertThat(SrtpProfile.AES128_CM_HMAC_SHA1_80.keyingMaterialLength()).isEqualTo(60);
        assertThat(SrtpProfile.AEAD_AES_128_GCM.keyingMaterialLength()).isEqualTo(56);
    }

    @Test
    void master_keys_never_print_their_bytes() {
        assertThat(new SrtpMasterKey(new byte[] {0x41, 0x42}, new byte[] {0x43}).toString()).doesNotContain("41", "65");
    }
}
