package dev.plenum.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 3711 Appendix B.3: key derivation with the AES-CM PRF. */
class SrtpKeyDerivationTest {
    private static final byte[] MASTER_KEY = Hex.bytes("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static final byte[] MASTER_SALT = Hex.bytes("0EC675AD498AFEEBB6960B3AABE6");

    @Test
    void label_0_gives_the_cipher_key() {
        assertThat(SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, SrtpKeyDerivation.LABEL_RTP_ENCRYPTION, 16))
                .isEqualTo(Hex.bytes("C61E7A93744F39EE10734AFE3FF7A087"));
    }

    @Test
    void label_2_gives_the_cipher_salt() {
        assertThat(SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, SrtpKeyDerivation.LABEL_RTP_SALT, 14))
                .isEqualTo(Hex.bytes("30CBBC08863D8C85D49DB34A9AE1"));
    }

    @Test
    void label_1_gives_the_auth_key_over_several_blocks() {
        // The RFC prints 94 octets; HMAC-SHA1 uses the first 20.
        assertThat(SrtpKeyDerivation.derive(MASTER_KEY, MASTER_SALT, SrtpKeyDerivation.LABEL_RTP_AUTH, 94))
                .isEqualTo(Hex.bytes("""
                        CEBE321F6FF7716B6FD4AB49AF256A15 6D38BAA48F0A0ACF3C34E2359E6CDBCE
                        E049646C43D9327AD175578EF7227098 6371C10C9A369AC2F94A8C5FBCDDDC25
                        6D6E919A48B610EF17C2041E47403576 6B68642C59BBFC2F34DB60DBDFB2"""));
    }

    @Test
    void session_keys_have_the_profile_lengths() {
        SrtpSessionKeys cm = SrtpKeyDerivation.deriveSessionKeys(SrtpProfile.AES128_CM_HMAC_SHA1_80,
                new SrtpMasterKey(MASTER_KEY, MASTER_SALT));
        assertThat(cm.rtpEncKey()).isEqualTo(Hex.bytes("C61E7A93744F39EE10734AFE3FF7A087"));
        assertThat(cm.rtpAuthKey()).isEqualTo(Hex.bytes("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4"));
        assertThat(cm.rtpSalt()).isEqualTo(Hex.bytes("30CBBC08863D8C85D49DB34A9AE1"));
        assertThat(cm.rtcpEncKey()).hasSize(16).isNotEqualTo(cm.rtpEncKey());
        assertThat(cm.rtcpAuthKey()).hasSize(20);
        assertThat(cm.rtcpSalt()).hasSize(14);

        SrtpSessionKeys gcm = SrtpKeyDerivation.deriveSessionKeys(SrtpProfile.AEAD_AES_128_GCM,
                new SrtpMasterKey(MASTER_KEY, java.util.Arrays.copyOf(MASTER_SALT, 12)));
        assertThat(gcm.rtpEncKey()).hasSize(16);
        assertThat(gcm.rtpSalt()).hasSize(12);
        assertThat(gcm.rtpAuthKey()).isEmpty();
        assertThat(gcm.rtcpSalt()).hasSize(12);
    }
}
