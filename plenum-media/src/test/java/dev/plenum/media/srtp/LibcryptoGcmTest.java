package dev.plenum.media.srtp;

import static dev.plenum.media.srtp.Rfc7714Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * libcrypto's in-place GCM gives exactly what RFC 7714 prints ({@link Rfc7714Vectors}), and exactly what the JDK's cipher gives for any
 * packet: a direct buffer takes the libcrypto path in {@link SrtpTransformer}, a heap buffer the JDK's.
 */
class LibcryptoGcmTest {
    private final Arena arena = Arena.ofAuto();

    private static LibcryptoGcm gcm() {
        return LibcryptoGcm.load(Rfc7714Vectors.sessionKeys())
                .orElseThrow(() -> new AssertionError("libcrypto is part of every supported machine"));
    }

    private MemorySegment nativeCopy(byte[] bytes, int room) {
        MemorySegment m = arena.allocate(bytes.length + room);
        MemorySegment.copy(bytes, 0, m, ValueLayout.JAVA_BYTE, 0, bytes.length);
        return m;
    }

    private static byte[] bytes(MemorySegment m, int n) {
        return m.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE);
    }

    @Test
    void srtp_encryption_in_place_matches_rfc_7714_section_16_1() {
        MemorySegment pkt = nativeCopy(RTP, 16);
        int n = gcm().protectRtp(pkt.address(), 12, RTP.length, 0x5501a0b2, 0xf17b);
        assertThat(bytes(pkt, n)).isEqualTo(SRTP);
    }

    @Test
    void srtp_decryption_matches_section_16_1() {
        MemorySegment pkt = nativeCopy(SRTP, 0);
        int n = gcm().unprotectRtp(pkt.address(), 12, SRTP.length, 0x5501a0b2, 0xf17b);
        assertThat(bytes(pkt, n)).isEqualTo(RTP);
    }

    @Test
    void a_forged_srtp_packet_fails_authentication_and_is_left_as_it_was() {
        byte[] forged = SRTP.clone();
        forged[20] ^= 1;
        MemorySegment pkt = nativeCopy(forged, 0);
        assertThat(gcm().unprotectRtp(pkt.address(), 12, forged.length, 0x5501a0b2, 0xf17b))
                .isEqualTo(SrtpCipherSuite.AUTH_FAILED);
        assertThat(bytes(pkt, forged.length)).isEqualTo(forged);
    }

    @Test
    void srtcp_encryption_matches_section_17_1() {
        MemorySegment pkt = nativeCopy(RTCP, 20);
        int n = gcm().protectRtcp(pkt.address(), RTCP.length, 0x4d617273, 0x5d4);
        assertThat(bytes(pkt, n)).isEqualTo(SRTCP);
    }

    @Test
    void srtcp_decryption_matches_section_17_1_and_authenticated_only_section_17_3() {
        LibcryptoGcm gcm = gcm();
        MemorySegment encrypted = nativeCopy(SRTCP, 0);
        assertThat(bytes(encrypted, gcm.unprotectRtcp(encrypted.address(), SRTCP.length, 0x4d617273, true, 0x5d4)))
                .isEqualTo(RTCP);
        MemorySegment authOnly = nativeCopy(SRTCP_AUTH_ONLY, 0);
        assertThat(bytes(authOnly,
                gcm.unprotectRtcp(authOnly.address(), SRTCP_AUTH_ONLY.length, 0x4d617273, false, 0x5d4)))
                .isEqualTo(RTCP);
    }

    /** Random packets (sizes, CSRCs, extensions, sequence numbers across a rollover) through both paths. */
    @Test
    void the_decryption_scratch_grows_from_short_packets_to_the_longest_allowed_and_serves_short_ones_again() {
        LibcryptoGcm sender = gcm();
        LibcryptoGcm receiver = gcm();
        Random random = new Random(11);
        int index = 1;
        for (int payload : new int[] {0, 40, 300, 1200, 4096, 100, 4096, 2000}) {
            byte[] rtp = new byte[12 + payload];
            random.nextBytes(rtp);
            rtp[0] = (byte) 0x80;
            MemorySegment pkt = nativeCopy(rtp, 16);
            int n = sender.protectRtp(pkt.address(), 12, rtp.length, 0x5501a0b2, index);
            assertThat(receiver.unprotectRtp(pkt.address(), 12, n, 0x5501a0b2, index)).as("payload %d", payload)
                    .isEqualTo(rtp.length);
            assertThat(bytes(pkt, rtp.length)).isEqualTo(rtp);
            index++;
        }
        MemorySegment tooLong = nativeCopy(new byte[12 + 4097 + 16], 0);
        assertThat(receiver.unprotectRtp(tooLong.address(), 12, 12 + 4097 + 16, 0x5501a0b2, index))
                .isEqualTo(SrtpCipherSuite.CRYPTO_ERROR);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void direct_buffers_give_byte_for_byte_what_the_jdk_gives_and_round_trip(long seed) {
        Random random = new Random(seed);
        byte[] masterKey = new byte[16];
        byte[] masterSalt = new byte[12];
        random.nextBytes(masterKey);
        random.nextBytes(masterSalt);
        SrtpMasterKey key = new SrtpMasterKey(masterKey, masterSalt);
        SrtpProfile gcm = SrtpProfile.AEAD_AES_128_GCM;
        SrtpTransformer jdkTx = new SrtpTransformer(gcm, key, 8);
        SrtpTransformer nativeTx = new SrtpTransformer(gcm, key, 8);
        SrtpTransformer nativeRx = new SrtpTransformer(gcm, key, 8);
        int seq = 65_000 + random.nextInt(500);
        for (int i = 0; i < 300; i++, seq++) {
            byte[] rtp = randomRtp(random, seq & 0xffff);
            ByteBuf heap = Unpooled.buffer(rtp.length + 64).writeBytes(rtp);
            ByteBuf direct = Unpooled.directBuffer(rtp.length + 64).writeBytes(rtp);
            try {
                assertThat(direct.hasMemoryAddress()).isTrue();
                assertThat(jdkTx.protectRtp(heap)).isEqualTo(SrtpResult.OK);
                assertThat(nativeTx.protectRtp(direct)).isEqualTo(SrtpResult.OK);
                assertThat(ByteBufUtil.getBytes(direct)).isEqualTo(ByteBufUtil.getBytes(heap));
                assertThat(nativeRx.unprotectRtp(direct)).isEqualTo(SrtpResult.OK);
                assertThat(ByteBufUtil.getBytes(direct)).isEqualTo(rtp);
            } finally {
                heap.release();
                direct.release();
            }
            byte[] rtcp = randomRtcp(random);
            ByteBuf heapRtcp = Unpooled.buffer(rtcp.length + 64).writeBytes(rtcp);
            ByteBuf directRtcp = Unpooled.directBuffer(rtcp.length + 64).writeBytes(rtcp);
            try {
                assertThat(jdkTx.protectRtcp(heapRtcp)).isEqualTo(SrtpResult.OK);
                assertThat(nativeTx.protectRtcp(directRtcp)).isEqualTo(SrtpResult.OK);
                assertThat(ByteBufUtil.getBytes(directRtcp)).isEqualTo(ByteBufUtil.getBytes(heapRtcp));
                assertThat(nativeRx.unprotectRtcp(directRtcp)).isEqualTo(SrtpResult.OK);
                assertThat(ByteBufUtil.getBytes(directRtcp)).isEqualTo(rtcp);
            } finally {
                heapRtcp.release();
                directRtcp.release();
            }
        }
    }

    private static byte[] randomRtp(Random random, int seq) {
        int csrcs = random.nextInt(3);
        int extensionWords = random.nextBoolean() ? 1 + random.nextInt(3) : -1;
        int header = 12 + 4 * csrcs + (extensionWords < 0 ? 0 : 4 + 4 * extensionWords);
        byte[] p = new byte[header + random.nextInt(1200)];
        random.nextBytes(p);
        p[0] = (byte) (0x80 | (extensionWords < 0 ? 0 : 0x10) | csrcs);
        p[2] = (byte) (seq >>> 8);
        p[3] = (byte) seq;
        p[8] = 0x11; // one SSRC per seed, so the rollover counter is exercised
        p[9] = 0x22;
        p[10] = 0x33;
        p[11] = 0x44;
        if (extensionWords >= 0) {
            int at = 12 + 4 * csrcs;
            p[at + 2] = 0;
            p[at + 3] = (byte) extensionWords;
        }
        return p;
    }

    private static byte[] randomRtcp(Random random) {
        byte[] p = new byte[8 + 4 * random.nextInt(60)];
        random.nextBytes(p);
        p[0] = (byte) (0x80 | (p[0] & 0x1f));
        return p;
    }
}
