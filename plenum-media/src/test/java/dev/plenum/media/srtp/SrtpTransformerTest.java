package dev.plenum.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SrtpTransformerTest {
    private static final int SSRC = 0xcafebabe;

    private static SrtpMasterKey masterKey(SrtpProfile profile, long seed) {
        Random r = new Random(seed);
        byte[] key = new byte[profile.masterKeyLength()];
        byte[] salt = new byte[profile.masterSaltLength()];
        r.nextBytes(key);
        r.nextBytes(salt);
        return new SrtpMasterKey(key, salt);
    }

    private static SrtpTransformer transformer(SrtpProfile profile) {
        return new SrtpTransformer(profile, masterKey(profile, 42), SrtpTransformer.DEFAULT_MAX_SSRCS);
    }

    /** An RTP packet with room for the tag, optionally with CSRCs and a one-byte-header extension. */
    static ByteBuf rtp(int seq, int ssrc, byte[] payload, int csrcs, int extWords) {
        ByteBuf b = Unpooled.buffer(12 + 4 * csrcs + (extWords > 0 ? 4 + 4 * extWords : 0) + payload.length + 64);
        b.writeByte(0x80 | (extWords > 0 ? 0x10 : 0) | csrcs);
        b.writeByte(96);
        b.writeShort(seq);
        b.writeInt(seq * 960);
        b.writeInt(ssrc);
        for (int i = 0; i < csrcs; i++) {
            b.writeInt(0x1000 + i);
        }
        if (extWords > 0) {
            b.writeShort(0xBEDE);
            b.writeShort(extWords);
            for (int i = 0; i < extWords; i++) {
                b.writeInt(0x10abcdef + i);
            }
        }
        b.writeBytes(payload);
        return b;
    }

    static ByteBuf rtp(int seq, byte[] payload) {
        return rtp(seq, SSRC, payload, 0, 0);
    }

    private static ByteBuf copy(ByteBuf b) {
        ByteBuf c = Unpooled.buffer(b.capacity());
        c.writeBytes(b, b.readerIndex(), b.readableBytes());
        return c;
    }

    private static byte[] bytes(ByteBuf b) {
        return ByteBufUtil.getBytes(b);
    }

    static Stream<Arguments> profilesAndSeeds() {
        return Stream.of(SrtpProfile.values())
                .flatMap(p -> IntStream.range(0, 8).mapToObj(seed -> Arguments.of(p, seed)));
    }

    // ------------------------------------------------------------- known answers

    @Test
    void aes_cm_protects_the_reference_packet_to_the_known_srtp_and_srtcp() {
        // Master key/salt of RFC 3711 B.3, the reference packets long used for SRTP interoperability.
        SrtpTransformer tx = new SrtpTransformer(SrtpProfile.AES128_CM_HMAC_SHA1_80, new SrtpMasterKey(
                Hex.bytes("E1F97A0D3E018BE0D64FA32C06DE4139"), Hex.bytes("0EC675AD498AFEEBB6960B3AABE6")), 4);
        ByteBuf rtp = Unpooled.buffer(64).writeBytes(Hex.bytes("800f1234decafbadcafebabe" + "ab".repeat(16)));
        assertThat(tx.protectRtp(rtp)).isEqualTo(SrtpResult.OK);
        assertThat(Hex.of(bytes(rtp)))
                .isEqualTo("800f1234decafbadcafebabe4e55dc4ce79978d88ca4d215949d2402b78d6acc99ea179b8dbb");

        // The reference SRTCP packet carries index 1; Plenum's first SRTCP index is 0, so it is the second sent.
        for (int i = 0; i < 2; i++) {
            ByteBuf rtcp = Unpooled.buffer(64).writeBytes(Hex.bytes("81c8000bcafebabe" + "ab".repeat(16)));
            assertThat(tx.protectRtcp(rtcp)).isEqualTo(SrtpResult.OK);
            if (i == 1) {
                assertThat(Hex.of(bytes(rtcp))).isEqualTo(
                        "81c8000bcafebabe7128035be487b9bdbef89041f977a5a880000001993e08cd54d6c1230798");
            }
        }
    }

    // ------------------------------------------------------------- round trips

    @ParameterizedTest
    @MethodSource("profilesAndSeeds")
    void rtp_round_trips_random_packets(SrtpProfile profile, int seed) {
        Random r = new Random(seed);
        SrtpTransformer tx = transformer(profile);
        SrtpTransformer rx = transformer(profile);
        int seq = r.nextInt(65536);
        for (int i = 0; i < 50; i++, seq = (seq + 1) & 0xffff) {
            byte[] payload = new byte[r.nextInt(1200)];
            r.nextBytes(payload);
            ByteBuf plain = rtp(seq, SSRC, payload, r.nextInt(3), r.nextBoolean() ? 1 + r.nextInt(3) : 0);
            byte[] expected = bytes(plain);
            assertThat(tx.protectRtp(plain)).isEqualTo(SrtpResult.OK);
            assertThat(plain.readableBytes()).isEqualTo(expected.length + profile.rtpTagLength());
            if (payload.length >= 8) {
                assertThat(bytes(plain)).isNotEqualTo(expected);
            }
            assertThat(rx.unprotectRtp(plain)).isEqualTo(SrtpResult.OK);
            assertThat(bytes(plain)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @MethodSource("profilesAndSeeds")
    void rtcp_round_trips_random_packets(SrtpProfile profile, int seed) {
        Random r = new Random(seed);
        SrtpTransformer tx = transformer(profile);
        SrtpTransformer rx = transformer(profile);
        for (int i = 0; i < 20; i++) {
            byte[] body = new byte[4 * r.nextInt(100)];
            r.nextBytes(body);
            ByteBuf plain = Unpooled.buffer(8 + body.length + 32);
            plain.writeByte(0x81).writeByte(200).writeShort(1 + body.length / 4).writeInt(SSRC).writeBytes(body);
            byte[] expected = bytes(plain);
            assertThat(tx.protectRtcp(plain)).isEqualTo(SrtpResult.OK);
            assertThat(plain.readableBytes()).isEqualTo(expected.length + 4 + profile.rtcpTagLength());
            int trailer = profile.aead() ? plain.writerIndex() - 4 : expected.length;
            assertThat(plain.getInt(trailer)).isEqualTo(0x8000_0000 | i);
            assertThat(rx.unprotectRtcp(plain)).isEqualTo(SrtpResult.OK);
            assertThat(bytes(plain)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void a_nonzero_reader_index_is_respected(SrtpProfile profile) {
        SrtpTransformer tx = transformer(profile);
        SrtpTransformer rx = transformer(profile);
        ByteBuf inner = rtp(7, new byte[100]);
        ByteBuf b = Unpooled.buffer(inner.capacity() + 16);
        b.writeBytes(new byte[16]).readerIndex(16);
        b.writeBytes(inner);
        byte[] expected = bytes(b);
        assertThat(tx.protectRtp(b)).isEqualTo(SrtpResult.OK);
        assertThat(rx.unprotectRtp(b)).isEqualTo(SrtpResult.OK);
        assertThat(b.readerIndex()).isEqualTo(16);
        assertThat(bytes(b)).isEqualTo(expected);
    }

    // ------------------------------------------------------------- authentication

    @ParameterizedTest
    @MethodSource("profilesAndSeeds")
    void any_flipped_bit_fails_authentication_and_leaves_the_packet_alone(SrtpProfile profile, int seed) {
        Random r = new Random(seed);
        SrtpTransformer tx = transformer(profile);
        SrtpTransformer rx = transformer(profile);
        byte[] payload = new byte[1 + r.nextInt(300)];
        r.nextBytes(payload);
        ByteBuf p = rtp(100, payload);
        tx.protectRtp(p);
        // Bits in the version field or sequence number change the parse or the index; flip elsewhere.
        int at = 4 + r.nextInt(p.readableBytes() - 4);
        p.setByte(at, p.getByte(at) ^ (1 << r.nextInt(8)));
        byte[] tampered = bytes(p);
        assertThat(rx.unprotectRtp(p)).isEqualTo(SrtpResult.AUTH_FAILED);
        assertThat(bytes(p)).isEqualTo(tampered);
        assertThat(rx.count(SrtpResult.AUTH_FAILED)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void a_wrong_key_fails_authentication_and_creates_no_context(SrtpProfile profile) {
        SrtpTransformer tx = new SrtpTransformer(profile, masterKey(profile, 1), 4);
        SrtpTransformer rx = new SrtpTransformer(profile, masterKey(profile, 2), 4);
        ByteBuf p = rtp(1, new byte[50]);
        tx.protectRtp(p);
        assertThat(rx.unprotectRtp(p)).isEqualTo(SrtpResult.AUTH_FAILED);
        assertThat(rx.ssrcCount()).isZero();
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void tampered_srtcp_fails_authentication(SrtpProfile profile) {
        SrtpTransformer tx = transformer(profile);
        SrtpTransformer rx = transformer(profile);
        ByteBuf p = Unpooled.buffer(64).writeBytes(Hex.bytes("81c8000bcafebabe" + "ab".repeat(16)));
        tx.protectRtcp(p);
        p.setByte(10, p.getByte(10) ^ 0x20);
        assertThat(rx.unprotectRtcp(p)).isEqualTo(SrtpResult.AUTH_FAILED);
    }

    // ------------------------------------------------------------- replay and rollover

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void a_replayed_packet_is_rejected(SrtpProfile profile) {
        SrtpTransformer tx = transformer(profile);
        SrtpTransformer rx = transformer(profile);
        ByteBuf p = rtp(500, new byte[40]);
        tx.protectRtp(p);
        ByteBuf again = copy(p);
        assertThat(rx.unprotectRtp(p)).isEqualTo(SrtpResult.OK);
        assertThat(rx.unprotectRtp(again)).isEqualTo(SrtpResult.REPLAYED);
        assertThat(rx.count(SrtpResult.REPLAYED)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void a_replayed_srtcp_packet_is_rejected(SrtpProfile profile) {
        SrtpTransformer tx = transformer(profile);
        SrtpTransformer rx = transformer(profile);
        ByteBuf p = Unpooled.buffer(64).writeBytes(Hex.bytes("81c8000bcafebabe" + "ab".repeat(16)));
        tx.protectRtcp(p);
        ByteBuf again = copy(p);
        assertThat(rx.unprotectRtcp(p)).isEqualTo(SrtpResult.OK);
        assertThat(rx.unprotectRtcp(again)).isEqualTo(SrtpResult.REPLAYED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void out_of_order_within_the_window_is_accepted_and_too_old_is_rejected(SrtpProfile profile) {
        SrtpTransformer tx = transformer(profile);
        SrtpTransformer rx = transformer(profile);
        ByteBuf[] protectedPackets = new ByteBuf[200];
        for (int seq = 0; seq < 200; seq++) {
            protectedPackets[seq] = rtp(seq, new byte[20]);
            assertThat(tx.protectRtp(protectedPackets[seq])).isEqualTo(SrtpResult.OK);
        }
        // Deliver 100..199 except 150 and 180, then the late ones.
        for (int seq = 100; seq < 200; seq++) {
            if (seq != 150 && seq != 180) {
                assertThat(rx.unprotectRtp(protectedPackets[seq])).isEqualTo(SrtpResult.OK);
            }
        }
        assertThat(rx.unprotectRtp(protectedPackets[180])).isEqualTo(SrtpResult.OK);   // 19 behind
        assertThat(rx.unprotectRtp(protectedPackets[150])).isEqualTo(SrtpResult.OK);   // 49 behind
        assertThat(rx.unprotectRtp(protectedPackets[135])).isEqualTo(SrtpResult.REPLAYED); // 64 behind: too old
        assertThat(rx.unprotectRtp(protectedPackets[136])).isEqualTo(SrtpResult.REPLAYED); // inside, already seen
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void the_rollover_counter_follows_a_sequence_wrap(SrtpProfile profile) {
        SrtpTransformer tx = transformer(profile);
        SrtpTransformer rx = transformer(profile);
        int seq = 65500;
        for (int i = 0; i < 200; i++, seq = (seq + 1) & 0xffff) {
            byte[] payload = new byte[30];
            payload[0] = (byte) i;
            ByteBuf p = rtp(seq, payload);
            byte[] expected = bytes(p);
            assertThat(tx.protectRtp(p)).isEqualTo(SrtpResult.OK);
            assertThat(rx.unprotectRtp(p)).as("seq %d", seq).isEqualTo(SrtpResult.OK);
            assertThat(bytes(p)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void a_late_packet_from_before_the_wrap_decrypts_with_the_old_rollover_counter(SrtpProfile profile) {
        SrtpTransformer tx = transformer(profile);
        SrtpTransformer rx = transformer(profile);
        ByteBuf before = rtp(65530, new byte[10]);
        ByteBuf after = rtp(3, new byte[10]);
        ByteBuf first = rtp(65520, new byte[10]);
        tx.protectRtp(first);
        tx.protectRtp(before);
        tx.protectRtp(after);
        assertThat(rx.unprotectRtp(first)).isEqualTo(SrtpResult.OK);
        assertThat(rx.unprotectRtp(after)).isEqualTo(SrtpResult.OK);   // ROC 1
        assertThat(rx.unprotectRtp(before)).isEqualTo(SrtpResult.OK);  // ROC 0, 9 behind
    }

    @Test
    void the_index_estimate_follows_rfc_3711_appendix_a() {
        ReplayWindow w = new ReplayWindow();
        assertThat(SrtpTransformer.estimateIndex(w, 65535)).isEqualTo(65535);
        w.accept(65535);
        assertThat(SrtpTransformer.estimateIndex(w, 0)).isEqualTo(0x1_0000);
        assertThat(SrtpTransformer.estimateIndex(w, 40000)).isEqualTo(40000);
        w.accept(0x1_0005);
        assertThat(SrtpTransformer.estimateIndex(w, 65534)).isEqualTo(65534);
        assertThat(SrtpTransformer.estimateIndex(w, 6)).isEqualTo(0x1_0006);
        ReplayWindow fresh = new ReplayWindow();
        fresh.accept(10);
        assertThat(SrtpTransformer.estimateIndex(fresh, 60000)).isNegative(); // would be ROC -1
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void a_packet_retransmitted_with_its_original_index_protects_identically(SrtpProfile profile) {
        SrtpTransformer tx = transformer(profile);
        ByteBuf first = rtp(77, new byte[100]);
        ByteBuf again = rtp(77, new byte[100]);
        assertThat(tx.protectRtp(first)).isEqualTo(SrtpResult.OK);
        assertThat(tx.protectRtp(again)).isEqualTo(SrtpResult.OK);
        assertThat(bytes(again)).isEqualTo(bytes(first));
    }

    // ------------------------------------------------------------- refusals

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void without_tailroom_protection_is_refused_untouched(SrtpProfile profile) {
        SrtpTransformer tx = transformer(profile);
        byte[] pkt = bytes(rtp(1, new byte[20]));
        ByteBuf tight = Unpooled.buffer(pkt.length, pkt.length).writeBytes(pkt);
        assertThat(tx.protectRtp(tight)).isEqualTo(SrtpResult.NO_TAILROOM);
        assertThat(bytes(tight)).isEqualTo(pkt);
        ByteBuf rtcp = Unpooled.buffer(24, 24).writeBytes(Hex.bytes("81c8000bcafebabe" + "ab".repeat(16)));
        assertThat(tx.protectRtcp(rtcp)).isEqualTo(SrtpResult.NO_TAILROOM);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void malformed_packets_are_reported_not_thrown(SrtpProfile profile) {
        SrtpTransformer t = transformer(profile);
        assertThat(t.protectRtp(Unpooled.buffer(64).writeBytes(new byte[11]))).isEqualTo(SrtpResult.MALFORMED);
        assertThat(t.protectRtp(Unpooled.buffer(64).writeBytes(new byte[20]))).isEqualTo(SrtpResult.MALFORMED);
        // CSRC count 15 claims 60 more header bytes than there are.
        ByteBuf csrc = Unpooled.buffer(64).writeByte(0x8f).writeBytes(new byte[19]);
        assertThat(t.protectRtp(csrc)).isEqualTo(SrtpResult.MALFORMED);
        // Extension length larger than the packet.
        ByteBuf ext = Unpooled.buffer(64).writeByte(0x90).writeBytes(new byte[13]).writeShort(0xBEDE).writeShort(100);
        assertThat(t.protectRtp(ext)).isEqualTo(SrtpResult.MALFORMED);
        assertThat(t.unprotectRtp(Unpooled.buffer(64).writeBytes(rtp(1, new byte[0])))).isEqualTo(SrtpResult.MALFORMED);
        assertThat(t.unprotectRtcp(Unpooled.buffer(64).writeBytes(new byte[8]))).isEqualTo(SrtpResult.MALFORMED);
        assertThat(t.protectRtcp(Unpooled.buffer(64).writeBytes(new byte[4]))).isEqualTo(SrtpResult.MALFORMED);
    }

    // ------------------------------------------------------------- bounded contexts

    @Test
    void ssrc_contexts_are_bounded_and_the_least_recently_used_is_evicted() {
        SrtpProfile profile = SrtpProfile.AES128_CM_HMAC_SHA1_80;
        SrtpTransformer tx = new SrtpTransformer(profile, masterKey(profile, 42), 3);
        SrtpTransformer rx = new SrtpTransformer(profile, masterKey(profile, 42), 3);
        for (int ssrc = 1; ssrc <= 5; ssrc++) {
            ByteBuf p = rtp(10, ssrc, new byte[8], 0, 0);
            assertThat(tx.protectRtp(p)).isEqualTo(SrtpResult.OK);
            assertThat(rx.unprotectRtp(p)).isEqualTo(SrtpResult.OK);
        }
        assertThat(rx.ssrcCount()).isEqualTo(3);
        assertThat(rx.ssrcEvictions()).isEqualTo(2);
        assertThat(tx.ssrcCount()).isEqualTo(3);
    }

    @Test
    void keys_from_dtls_let_client_and_server_talk() {
        byte[] material = new byte[SrtpProfile.AEAD_AES_128_GCM.keyingMaterialLength()];
        new Random(7).nextBytes(material);
        SrtpKeys client = SrtpKeys.fromDtlsKeyingMaterial(SrtpProfile.AEAD_AES_128_GCM, material, true);
        SrtpKeys server = SrtpKeys.fromDtlsKeyingMaterial(SrtpProfile.AEAD_AES_128_GCM, material, false);
        SrtpTransformer clientOut = SrtpTransformer.forSending(client);
        SrtpTransformer serverIn = SrtpTransformer.forReceiving(server);
        SrtpTransformer serverOut = SrtpTransformer.forSending(server);
        SrtpTransformer clientIn = SrtpTransformer.forReceiving(client);
        ByteBuf a = rtp(1, new byte[64]);
        clientOut.protectRtp(a);
        assertThat(serverIn.unprotectRtp(a)).isEqualTo(SrtpResult.OK);
        ByteBuf b = rtp(1, new byte[64]);
        serverOut.protectRtp(b);
        assertThat(clientIn.unprotectRtp(b)).isEqualTo(SrtpResult.OK);
        ByteBuf crossed = rtp(2, new byte[64]);
        serverOut.protectRtp(crossed);
        assertThat(serverIn.unprotectRtp(crossed)).isEqualTo(SrtpResult.AUTH_FAILED);
    }
}
