package dev.plenum.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Protection allocates nothing per packet once warm (checked with the thread allocation counter, not a
 * benchmark): AES-CM on heap and direct buffers, and GCM on direct buffers (libcrypto in place). GCM on heap
 * buffers is left out: the JDK's GCM allocates inside Cipher.init, and the packet path never uses heap buffers.
 */
class SrtpAllocationTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aes_cm_protect_and_unprotect_allocate_nothing_per_packet(boolean direct) {
        roundTripsAllocateNothing(SrtpProfile.AES128_CM_HMAC_SHA1_80, direct);
    }

    @Test
    void gcm_protect_and_unprotect_of_direct_buffers_allocate_nothing_per_packet() {
        roundTripsAllocateNothing(SrtpProfile.AEAD_AES_128_GCM, true);
    }

    private static void roundTripsAllocateNothing(SrtpProfile profile, boolean direct) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SrtpMasterKey key = new SrtpMasterKey(new byte[profile.masterKeyLength()], new byte[profile.masterSaltLength()]);
        SrtpTransformer tx = new SrtpTransformer(profile, key, 8);
        SrtpTransformer rx = new SrtpTransformer(profile, key, 8);
        ByteBuf buf = direct ? Unpooled.directBuffer(1400) : Unpooled.buffer(1400);
        ByteBuf rtcp = direct ? Unpooled.directBuffer(200) : Unpooled.buffer(200);
        run(tx, rx, buf, rtcp, 0, 20_000); // warm up (JIT, scratch arrays at size)
        long before = threads.getCurrentThreadAllocatedBytes();
        run(tx, rx, buf, rtcp, 20_000, 10_000);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated for 10000 RTP + RTCP round trips").isLessThan(10_000);
        buf.release();
        rtcp.release();
    }

    private static void run(SrtpTransformer tx, SrtpTransformer rx, ByteBuf buf, ByteBuf rtcp, int from, int n) {
        for (int i = from; i < from + n; i++) {
            buf.clear();
            buf.writeByte(0x80).writeByte(96).writeShort(i & 0xffff).writeInt(i).writeInt(0x11223344);
            buf.writerIndex(1200);
            if (tx.protectRtp(buf) != SrtpResult.OK || rx.unprotectRtp(buf) != SrtpResult.OK) {
                throw new AssertionError("round trip failed at " + i);
            }
            rtcp.clear();
            rtcp.writeByte(0x80).writeByte(200).writeShort(6).writeInt(0x11223344);
            rtcp.writerIndex(28);
            if (tx.protectRtcp(rtcp) != SrtpResult.OK || rx.unprotectRtcp(rtcp) != SrtpResult.OK) {
                throw new AssertionError("RTCP round trip failed at " + i);
            }
        }
    }
}
