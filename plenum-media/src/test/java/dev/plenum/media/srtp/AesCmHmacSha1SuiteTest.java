package dev.plenum.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RFC 3711 Appendix B.2: the AES-CM keystream for SSRC 0, index 0, session keys given directly. */
class AesCmHmacSha1SuiteTest {
    private static final byte[] SESSION_KEY = Hex.bytes("2B7E151628AED2A6ABF7158809CF4F3C");
    private static final byte[] SESSION_SALT = Hex.bytes("F0F1F2F3F4F5F6F7F8F9FAFBFCFD");

    private static AesCmHmacSha1Suite suite() {
        byte[] auth = new byte[20];
        return new AesCmHmacSha1Suite(
                new SrtpSessionKeys(SESSION_KEY, auth, SESSION_SALT, SESSION_KEY, auth, SESSION_SALT), 10);
    }

    /** Encrypting zeros yields the keystream itself. */
    private static byte[] keystream(int blocks) {
        byte[] pkt = new byte[blocks * 16 + 10];
        int n = suite().protectRtp(pkt, 0, blocks * 16, 0, 0);
        assertThat(n).isEqualTo(blocks * 16 + 10);
        return Arrays.copyOf(pkt, blocks * 16);
    }

    @Test
    void first_three_keystream_blocks_match_the_rfc() {
        assertThat(keystream(3)).isEqualTo(Hex.bytes("""
                E03EAD0935C95E80E166B16DD92B4EB4
                D23513162B02D0F72A43A2FE4A5F97AB
                41E95B3BB0A2E8DD477901E4FCA894C0"""));
    }

    @Test
    void last_three_blocks_of_the_1044512_octet_segment_match_the_rfc() {
        byte[] ks = keystream(65282);
        assertThat(Arrays.copyOfRange(ks, 0xFEFF * 16, 0xFF02 * 16)).isEqualTo(Hex.bytes("""
                EC8CDF7398607CB0F2D21675EA9EA1E4
                362B7C3C6773516318A077D7FC5073AE
                6A2CC3787889374FBEB4C81B17BA6C44"""));
    }

    @Test
    void a_partial_final_block_uses_only_the_keystream_it_needs() {
        byte[] pkt = new byte[5 + 10];
        suite().protectRtp(pkt, 0, 5, 0, 0);
        assertThat(Arrays.copyOf(pkt, 5)).isEqualTo(Hex.bytes("E03EAD0935"));
    }
}
