package dev.plenum.media.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.function.BooleanSupplier;

/** Minimal well-formed-looking packets of each type, and a polling wait for socket tests. */
final class TestPackets {

    private TestPackets() {
    }

    /** A STUN binding request header (RFC 8489 §5): type 0x0001, length 0, magic cookie, transaction id. */
    static byte[] stunBindingRequest() {
        byte[] p = new byte[20];
        p[1] = 0x01;
        p[4] = 0x21;
        p[5] = 0x12;
        p[6] = (byte) 0xA4;
        p[7] = 0x42;
        for (int i = 8; i < 20; i++) {
            p[i] = (byte) i;
        }
        return p;
    }

    /** A DTLS 1.2 handshake record header (content type 22) with one byte of body. */
    static byte[] dtlsRecord() {
        byte[] p = new byte[14];
        p[0] = 22;
        p[1] = (byte) 0xFE;
        p[2] = (byte) 0xFD;
        p[12] = 1;
        return p;
    }

    /** An RTP packet, version 2, payload type 111 (Opus), with a 4-byte payload. */
    static byte[] rtp() {
        byte[] p = new byte[16];
        p[0] = (byte) 0x80;
        p[1] = 111;
        p[3] = 1;
        return p;
    }

    /** An empty RTCP receiver report (RFC 3550 §6.4.2), packet type 201. */
    static byte[] rtcpReceiverReport() {
        byte[] p = new byte[8];
        p[0] = (byte) 0x80;
        p[1] = (byte) 201;
        p[3] = 1;
        return p;
    }

    /** A fresh heap buffer holding {@code bytes} (never the shared EMPTY_BUFFER, whose release is a no-op). */
    static ByteBuf buf(byte[] bytes) {
        return Unpooled.buffer(bytes.length).writeBytes(bytes);
    }

    /** Polls {@code condition} until true or two seconds pass. */
    static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(5);
        }
        return condition.getAsBoolean();
    }
}
