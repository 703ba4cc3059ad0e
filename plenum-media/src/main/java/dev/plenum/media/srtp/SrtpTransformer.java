package dev.plenum.media.srtp;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * Protects or unprotects SRTP and SRTCP packets for one direction of one participant (RFC 3711, RFC 7714).
 *
 * <pre>
 *   send:    RTP/RTCP ByteBuf --protectRtp/protectRtcp-->     SRTP/SRTCP (tag, and SRTCP index, appended)
 *   receive: SRTP/SRTCP ByteBuf --unprotectRtp/unprotectRtcp--> RTP/RTCP (tag and index stripped)
 * </pre>
 *
 * <p>Packets are the view readerIndex..writerIndex and are transformed in place: protection writes past
 * writerIndex (the caller leaves tailroom; without it the packet is refused with {@link SrtpResult#NO_TAILROOM}),
 * unprotection moves writerIndex back. Bad input never throws: every method returns an {@link SrtpResult}, and
 * anything but {@link SrtpResult#OK} leaves the buffer's bytes and indices as they were (but for a
 * {@link SrtpResult#CRYPTO_ERROR}, a failure inside the cipher library, after which the payload is undefined).
 * The caller still owns (and releases) the buffer.
 *
 * <p>Per-SSRC state (rollover counter, replay windows, SRTCP send index) lives in a bounded table that grows with
 * the SSRCs seen; on receive a new SSRC is only admitted once its first packet authenticates. Nothing is allocated
 * per packet by this class (only when a new SSRC is admitted).
 * AEAD_AES_128_GCM on a buffer with a native address (Netty's direct buffers) goes through libcrypto in place
 * ({@link LibcryptoGcm}); everything else is copied through a reusable heap scratch array into the JDK's ciphers,
 * whose GCM allocates inside {@code init}.
 *
 * <p>Thread model: not thread-safe; owned by the single media loop that serves the participant.
 */
public final class SrtpTransformer {

    /**
     * SSRCs one direction of one participant may hold contexts for. What the SFU sends a subscriber carries the
     * audio, camera, camera RTX, screen and screen RTX SSRCs of every other publisher (five each) and its own RTCP
     * SSRCs, so 1024 serves rooms of some 200 publishers; beyond it the least recently used stream is evicted.
     * The table grows with the SSRCs seen, so the bound costs memory (about 130 KiB) only when that many are used.
     */
    public static final int DEFAULT_MAX_SSRCS = 1024;
    private static final int RTP_HEADER = 12;
    private static final int RTCP_HEADER = 8;
    private static final int SRTCP_INDEX_MASK = 0x7fff_ffff;

    private final SrtpProfile profile;
    private final SrtpCipherSuite suite;
    /** The in-place GCM for direct buffers, or null (AES-CM, or libcrypto not usable here). */
    private final LibcryptoGcm nativeGcm;
    private final SsrcContextTable contexts;
    private final long[] results = new long[SrtpResult.values().length];
    /** The copy for the JDK's ciphers, made on first use: a transformer on libcrypto's path never needs one. */
    private byte[] scratch = new byte[0];

    public SrtpTransformer(SrtpProfile profile, SrtpMasterKey masterKey, int maxSsrcs) {
        if (masterKey.key().length != profile.masterKeyLength() || masterKey.salt().length != profile.masterSaltLength()) {
            throw new IllegalArgumentException("master key/salt lengths do not match " + profile);
        }
        this.profile = profile;
        SrtpSessionKeys keys = SrtpKeyDerivation.deriveSessionKeys(profile, masterKey);
        this.suite = SrtpCipherSuite.create(profile, keys);
        this.nativeGcm = profile.aead() ? LibcryptoGcm.load(keys).orElse(null) : null;
        this.contexts = new SsrcContextTable(maxSsrcs);
    }

    /** The transformer for what this endpoint sends, keyed with the local master key. */
    public static SrtpTransformer forSending(SrtpKeys keys) {
        return new SrtpTransformer(keys.profile(), keys.local(), DEFAULT_MAX_SSRCS);
    }

    /** The transformer for what this endpoint receives, keyed with the remote master key. */
    public static SrtpTransformer forReceiving(SrtpKeys keys) {
        return new SrtpTransformer(keys.profile(), keys.remote(), DEFAULT_MAX_SSRCS);
    }

    public SrtpProfile profile() { return profile; }

    /** How many packets ended with {@code result}; drops are counted by cause. */
    public long count(SrtpResult result) { return results[result.ordinal()]; }

    /** SSRC contexts currently held, and how many were evicted to stay within the bound. */
    public int ssrcCount() { return contexts.size(); }

    public long ssrcEvictions() { return contexts.evictions(); }

    // ---------------------------------------------------------------- SRTP

    /** Encrypts the payload and appends the tag (RFC 3711 §3.3, RFC 7714 §8). */
    public SrtpResult protectRtp(ByteBuf buf) {
        int off = buf.readerIndex();
        int len = buf.readableBytes();
        int hdr = rtpHeaderLength(buf, off, len);
        if (hdr < 0) {
            return done(SrtpResult.MALFORMED);
        }
        int tag = profile.rtpTagLength();
        if (buf.writableBytes() < tag) {
            return done(SrtpResult.NO_TAILROOM);
        }
        int ssrc = buf.getInt(off + 8);
        int seq = buf.getUnsignedShort(off + 2);
        SsrcContext ctx = contexts.lookup(ssrc);
        long index = estimateIndex(ctx.rtp, seq);
        if (index < 0) {
            // A sequence number from before the first one sent with ROC 0: there is no index to give it.
            return done(SrtpResult.REPLAYED);
        }
        int n;
        if (nativeGcm != null && buf.hasMemoryAddress()) {
            n = nativeGcm.protectRtp(buf.memoryAddress() + off, hdr, len, ssrc, index);
        } else {
            byte[] pkt = scratch(len + tag);
            copyIn(buf, off, pkt, len);
            n = suite.protectRtp(pkt, hdr, len, ssrc, index);
            if (n >= 0) copyOut(pkt, hdr, buf, off + hdr, n - hdr);
        }
        if (n < 0) {
            return done(SrtpResult.CRYPTO_ERROR);
        }
        contexts.install(ctx);
        ctx.rtp.accept(index);
        buf.writerIndex(off + n);
        return done(SrtpResult.OK);
    }

    /** Checks replay and the tag, then decrypts and strips the tag (RFC 3711 §3.3, RFC 7714 §8). */
    public SrtpResult unprotectRtp(ByteBuf buf) {
        int off = buf.readerIndex();
        int len = buf.readableBytes();
        int tag = profile.rtpTagLength();
        int hdr = rtpHeaderLength(buf, off, len - tag);
        if (len < RTP_HEADER + tag || hdr < 0) {
            return done(SrtpResult.MALFORMED);
        }
        int ssrc = buf.getInt(off + 8);
        int seq = buf.getUnsignedShort(off + 2);
        SsrcContext ctx = contexts.lookup(ssrc);
        long index = estimateIndex(ctx.rtp, seq);
        if (!ctx.rtp.check(index)) {
            return done(SrtpResult.REPLAYED);
        }
        int n;
        if (nativeGcm != null && buf.hasMemoryAddress()) {
            n = nativeGcm.unprotectRtp(buf.memoryAddress() + off, hdr, len, ssrc, index);
        } else {
            byte[] pkt = scratch(len);
            copyIn(buf, off, pkt, len);
            n = suite.unprotectRtp(pkt, hdr, len, ssrc, index);
            if (n >= 0) copyOut(pkt, hdr, buf, off + hdr, n - hdr);
        }
        if (n < 0) {
            return done(n == SrtpCipherSuite.AUTH_FAILED ? SrtpResult.AUTH_FAILED : SrtpResult.CRYPTO_ERROR);
        }
        // Only an authenticated packet may create a context, move the window, or advance the ROC (§3.3.1).
        contexts.install(ctx);
        ctx.rtp.accept(index);
        buf.writerIndex(off + n);
        return done(SrtpResult.OK);
    }

    // ---------------------------------------------------------------- SRTCP

    /** Encrypts (E = 1) and appends the SRTCP index and tag (RFC 3711 §3.4, RFC 7714 §9). */
    public SrtpResult protectRtcp(ByteBuf buf) {
        int off = buf.readerIndex();
        int len = buf.readableBytes();
        if (!isRtcp(buf, off, len)) {
            return done(SrtpResult.MALFORMED);
        }
        int extra = 4 + profile.rtcpTagLength();
        if (buf.writableBytes() < extra) {
            return done(SrtpResult.NO_TAILROOM);
        }
        int ssrc = buf.getInt(off + 4);
        SsrcContext ctx = contexts.lookup(ssrc);
        int index = ctx.nextSrtcpIndex;
        if (index < 0) {
            // 2^31 packets sent: reusing an index would reuse a keystream / GCM nonce.
            return done(SrtpResult.INDEX_EXHAUSTED);
        }
        int n;
        if (nativeGcm != null && buf.hasMemoryAddress()) {
            n = nativeGcm.protectRtcp(buf.memoryAddress() + off, len, ssrc, index);
        } else {
            byte[] pkt = scratch(len + extra);
            copyIn(buf, off, pkt, len);
            n = suite.protectRtcp(pkt, len, ssrc, index);
            if (n >= 0) copyOut(pkt, RTCP_HEADER, buf, off + RTCP_HEADER, n - RTCP_HEADER);
        }
        if (n < 0) {
            return done(SrtpResult.CRYPTO_ERROR);
        }
        contexts.install(ctx);
        ctx.nextSrtcpIndex = index + 1; // overflows to negative after 2^31 - 1, caught above
        buf.writerIndex(off + n);
        return done(SrtpResult.OK);
    }

    /** Checks the SRTCP replay window and tag, decrypts if E is set, strips index and tag. */
    public SrtpResult unprotectRtcp(ByteBuf buf) {
        int off = buf.readerIndex();
        int len = buf.readableBytes();
        int tag = profile.rtcpTagLength();
        if (len < RTCP_HEADER + 4 + tag || !isRtcp(buf, off, len)) {
            return done(SrtpResult.MALFORMED);
        }
        // The E || index word trails the tag for GCM (RFC 7714 §9.2) and precedes it for AES-CM (RFC 3711 §3.4).
        int trailer = profile.aead() ? len - 4 : len - 4 - tag;
        int word = buf.getInt(off + trailer);
        boolean encrypted = word < 0;
        int index = word & SRTCP_INDEX_MASK;
        int ssrc = buf.getInt(off + 4);
        SsrcContext ctx = contexts.lookup(ssrc);
        if (!ctx.rtcp.check(index)) {
            return done(SrtpResult.REPLAYED);
        }
        int n;
        if (nativeGcm != null && buf.hasMemoryAddress()) {
            n = nativeGcm.unprotectRtcp(buf.memoryAddress() + off, len, ssrc, encrypted, index);
        } else {
            byte[] pkt = scratch(len);
            copyIn(buf, off, pkt, len);
            n = suite.unprotectRtcp(pkt, len, ssrc, encrypted, index);
            if (n >= 0) copyOut(pkt, RTCP_HEADER, buf, off + RTCP_HEADER, n - RTCP_HEADER);
        }
        if (n < 0) {
            return done(n == SrtpCipherSuite.AUTH_FAILED ? SrtpResult.AUTH_FAILED : SrtpResult.CRYPTO_ERROR);
        }
        contexts.install(ctx);
        ctx.rtcp.accept(index);
        buf.writerIndex(off + n);
        return done(SrtpResult.OK);
    }

    // ---------------------------------------------------------------- helpers

    /**
     * The 48-bit packet index ROC || SEQ for a received sequence number (RFC 3711 §3.3.1, Appendix A): guess the
     * ROC as the one of the highest index seen (s_l), or one more/less when SEQ is more than half the sequence
     * space away. Negative when the guess would be ROC -1. The first packet of a stream takes ROC 0.
     */
    static long estimateIndex(ReplayWindow window, int seq) {
        if (window.isEmpty()) {
            return seq;
        }
        long highest = window.highest();
        long roc = highest >>> 16;
        int sl = (int) (highest & 0xffff);
        long v;
        if (sl < 32768) {
            v = seq - sl > 32768 ? roc - 1 : roc;
        } else {
            v = sl - 32768 > seq ? roc + 1 : roc;
        }
        if (v > 0xffff_ffffL) {
            v = 0; // the ROC is 32 bits (§3.2.1); a real stream is rekeyed long before this
        }
        return v < 0 ? -1 : (v << 16) | seq;
    }

    /** The fixed header plus CSRCs and extension (RFC 3550 §5.1, §5.3.1), or -1 if it does not fit in len. */
    static int rtpHeaderLength(ByteBuf buf, int off, int len) {
        if (len < RTP_HEADER) {
            return -1;
        }
        int b0 = buf.getUnsignedByte(off);
        if ((b0 >>> 6) != 2) {
            return -1;
        }
        int hl = RTP_HEADER + 4 * (b0 & 0x0f);
        if ((b0 & 0x10) != 0) {
            if (len < hl + 4) {
                return -1;
            }
            hl += 4 + 4 * buf.getUnsignedShort(off + hl + 2);
        }
        return hl <= len ? hl : -1;
    }

    private static boolean isRtcp(ByteBuf buf, int off, int len) {
        return len >= RTCP_HEADER && (buf.getUnsignedByte(off) >>> 6) == 2;
    }

    /**
     * Copies buf[off..off+len) into pkt. Direct buffers go through Netty's cached internal NIO view with absolute
     * bulk access, because {@code getBytes} on a direct buffer may allocate a duplicate view per call.
     */
    private static void copyIn(ByteBuf buf, int off, byte[] pkt, int len) {
        if (!buf.hasArray() && buf.nioBufferCount() == 1) {
            ByteBuffer nio = buf.internalNioBuffer(off, len);
            nio.get(nio.position(), pkt, 0, len);
        } else {
            buf.getBytes(off, pkt, 0, len);
        }
    }

    /** Copies pkt[from..from+len) to buf[off..), growing nothing: the caller checked the capacity. */
    private static void copyOut(byte[] pkt, int from, ByteBuf buf, int off, int len) {
        if (!buf.hasArray() && buf.nioBufferCount() == 1) {
            ByteBuffer nio = buf.internalNioBuffer(off, len);
            nio.put(nio.position(), pkt, from, len);
        } else {
            buf.setBytes(off, pkt, from, len);
        }
    }

    private byte[] scratch(int needed) {
        if (scratch.length < needed) {
            // Rare: grows once to the largest packet seen, so steady state allocates nothing.
            scratch = new byte[Math.max(needed, Math.max(2048, scratch.length * 2))];
        }
        return scratch;
    }

    private SrtpResult done(SrtpResult r) {
        results[r.ordinal()]++;
        return r;
    }
}
