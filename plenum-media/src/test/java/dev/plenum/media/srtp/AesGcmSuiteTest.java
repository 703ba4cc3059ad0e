package dev.plenum.media.srtp;

import static dev.plenum.media.srtp.Rfc7714Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The JDK-backed suite reproduces the RFC 7714 vectors ({@link Rfc7714Vectors}). */
class AesGcmSuiteTest {
    private static AesGcmSuite suite() {
        return new AesGcmSuite(Rfc7714Vectors.sessionKeys());
    }

    @Test
    void srtp_encryption_matches_section_16_1() {
        byte[] pkt = Arrays.copyOf(RTP, RTP.length + 16);
        int n = suite().protectRtp(pkt, 12, RTP.length, 0x5501a0b2, 0xf17b);
        assertThat(Arrays.copyOf(pkt, n)).isEqualTo(SRTP);
    }

    @Test
    void srtp_decryption_matches_section_16_1() {
        byte[] pkt = SRTP.clone();
        int n = suite().unprotectRtp(pkt, 12, pkt.length, 0x5501a0b2, 0xf17b);
        assertThat(Arrays.copyOf(pkt, n)).isEqualTo(RTP);
    }

    @Test
    void srtp_with_a_flipped_tag_bit_fails_authentication() {
        byte[] pkt = SRTP.clone();
        pkt[pkt.length - 1] ^= 1;
        assertThat(suite().unprotectRtp(pkt, 12, pkt.length, 0x5501a0b2, 0xf17b))
                .isEqualTo(SrtpCipherSuite.AUTH_FAILED);
    }

    @Test
    void srtcp_encryption_matches_section_17_1() {
        byte[] pkt = Arrays.copyOf(RTCP, RTCP.length + 20);
        int n = suite().protectRtcp(pkt, RTCP.length, 0x4d617273, 0x5d4);
        assertThat(Arrays.copyOf(pkt, n)).isEqualTo(SRTCP);
    }

    @Test
    void srtcp_decryption_matches_section_17_1() {
        byte[] pkt = SRTCP.clone();
        int n = suite().unprotectRtcp(pkt, pkt.length, 0x4d617273, true, 0x5d4);
        assertThat(Arrays.copyOf(pkt, n)).isEqualTo(RTCP);
    }

    @Test
    void authenticated_only_srtcp_verifies_as_in_section_17_3() {
        byte[] pkt = SRTCP_AUTH_ONLY.clone();
        int n = suite().unprotectRtcp(pkt, pkt.length, 0x4d617273, false, 0x5d4);
        assertThat(Arrays.copyOf(pkt, n)).isEqualTo(RTCP);
    }
}
