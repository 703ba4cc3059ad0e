package dev.plenum.media.srtp;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Cleaner;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AEAD_AES_128_GCM for SRTP and SRTCP (RFC 7714) through OpenSSL's libcrypto, called with the JDK's foreign
 * function API, working on packets where they lie in native memory (pooled direct buffers).
 *
 * <p>Why: the JDK's GCM needs a fresh {@code init} per packet, which allocates about 1 KB and re-checks the key,
 * and it works on heap arrays, so each packet is copied in and out. Here one {@code EVP_CIPHER_CTX} per key keeps
 * its key schedule; per packet only the IV is set, and RTP is encrypted in place. Unprotection decrypts into a
 * scratch area and copies back only once the tag is verified, so a forged packet leaves the buffer untouched.
 *
 * <p>Pointers are passed to libcrypto as 64-bit integers (addresses), so no {@link MemorySegment} is made per
 * packet; the downcalls are "critical" (no thread-state change), which suits these short, non-blocking calls.
 * Available only on 64-bit platforms with libcrypto 3 and native access enabled; otherwise {@link #load} says
 * why and {@link SrtpTransformer} keeps the JDK's cipher. {@code -Dplenum.srtp.libcrypto=false} turns it off.
 *
 * <p>Thread model: like {@link SrtpTransformer}, one instance serves one thread.
 */
final class LibcryptoGcm {
    private static final Logger log = LoggerFactory.getLogger(LibcryptoGcm.class);
    private static final Cleaner CLEANER = Cleaner.create();
    private static final int TAG_BYTES = 16;
    private static final int EVP_CTRL_GCM_GET_TAG = 0x10;
    private static final int EVP_CTRL_GCM_SET_TAG = 0x11;
    private static final int SRTCP_E_FLAG = 0x8000_0000;
    private static final int SCRATCH_BYTES = 4096;
    /** All of memory, for copies between addresses without making a segment per packet. */
    private static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);
    private static final ValueLayout.OfInt NETWORK_INT =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);

    private static final Functions FUNCTIONS;

    static {
        Functions f = null;
        String why = null;
        try {
            if (!Boolean.parseBoolean(System.getProperty("plenum.srtp.libcrypto", "true"))) {
                why = "turned off with -Dplenum.srtp.libcrypto=false";
            } else if (ValueLayout.ADDRESS.byteSize() != 8) {
                why = "not a 64-bit platform";
            } else {
                f = Functions.bind();
                if (f == null) why = "libcrypto.so.3 not found";
            }
        } catch (RuntimeException | LinkageError e) {
            why = e.toString(); // e.g. native access refused: start the JVM with --enable-native-access=ALL-UNNAMED
        }
        FUNCTIONS = f;
        if (why != null) log.info("SRTP AES-GCM uses the JDK's cipher: libcrypto cannot be used ({})", why);
    }

    private final long rtpCtx;
    private final long rtcpCtx;
    private final byte[] rtpSalt;
    private final byte[] rtcpSalt;
    /** 12-byte IV, 4-byte out-length, 4-byte SRTCP word. */
    private final long iv;
    private final long outLength;
    private final long word;
    /**
     * Where decryption writes, made on the first packet to decrypt and grown to the longest seen (at most
     * {@value #SCRATCH_BYTES}): the transformer for what Plenum sends never decrypts, and a subscriber's receiving
     * one only short RTCP, so neither holds 4 KiB of native memory it does not use. The segment keeps its memory.
     */
    private MemorySegment scratchArea;
    private long scratch;
    private int scratchCapacity;

    private LibcryptoGcm(SrtpSessionKeys keys) {
        Arena arena = Arena.ofAuto(); // freed with this object
        MemorySegment area = arena.allocate(12 + 4 + 4, 16);
        iv = area.address();
        outLength = iv + 12;
        word = iv + 16;
        rtpSalt = keys.rtpSalt().clone();
        rtcpSalt = keys.rtcpSalt().clone();
        rtpCtx = FUNCTIONS.newContext(arena, keys.rtpEncKey());
        rtcpCtx = FUNCTIONS.newContext(arena, keys.rtcpEncKey());
        // The arena is referenced by the cleaning action so it outlives the contexts' last use.
        CLEANER.register(this, new Free(FUNCTIONS, rtpCtx, rtcpCtx, arena));
    }

    /** The libcrypto cipher for these keys, or empty (logged once) when libcrypto cannot be used here. */
    static Optional<LibcryptoGcm> load(SrtpSessionKeys keys) {
        return FUNCTIONS == null ? Optional.empty() : Optional.of(new LibcryptoGcm(keys));
    }

    /** Encrypts the payload at [address + hdr, address + len) in place and writes the tag after it. */
    int protectRtp(long address, int hdr, int len, int ssrc, long index) {
        rtpIv(ssrc, index);
        try {
            if (FUNCTIONS.init(rtpCtx, iv, 1) != 1
                    || FUNCTIONS.update(rtpCtx, 0, outLength, address, hdr) != 1 // RFC 7714 §8.2: header = AAD
                    || FUNCTIONS.update(rtpCtx, address + hdr, outLength, address + hdr, len - hdr) != 1
                    || FUNCTIONS.finish(rtpCtx, address + len, outLength) != 1
                    || FUNCTIONS.ctrl(rtpCtx, EVP_CTRL_GCM_GET_TAG, TAG_BYTES, address + len) != 1) {
                return SrtpCipherSuite.CRYPTO_ERROR;
            }
        } catch (Throwable t) {
            return SrtpCipherSuite.CRYPTO_ERROR;
        }
        return len + TAG_BYTES;
    }

    /** Verifies the tag of [address, address + len) and decrypts; the plaintext replaces the ciphertext only then. */
    int unprotectRtp(long address, int hdr, int len, int ssrc, long index) {
        int cipherLength = len - hdr - TAG_BYTES;
        if (cipherLength < 0 || cipherLength > SCRATCH_BYTES) return SrtpCipherSuite.CRYPTO_ERROR;
        rtpIv(ssrc, index);
        long plain = scratch(cipherLength);
        int r = decrypt(rtpCtx, address, hdr, 0, address + hdr, cipherLength, address + len - TAG_BYTES, plain);
        if (r < 0) return r;
        MemorySegment.copy(ALL, plain, ALL, address + hdr, cipherLength);
        return hdr + cipherLength;
    }

    /** Encrypts [address + 8, address + len) in place, then appends the tag and E || SRTCP index (RFC 7714 §9). */
    int protectRtcp(long address, int len, int ssrc, int srtcpIndex) {
        rtcpIv(ssrc, srtcpIndex);
        ALL.set(NETWORK_INT, word, SRTCP_E_FLAG | srtcpIndex);
        try {
            if (FUNCTIONS.init(rtcpCtx, iv, 1) != 1
                    || FUNCTIONS.update(rtcpCtx, 0, outLength, address, 8) != 1
                    || FUNCTIONS.update(rtcpCtx, 0, outLength, word, 4) != 1 // AAD: header || E || index
                    || FUNCTIONS.update(rtcpCtx, address + 8, outLength, address + 8, len - 8) != 1
                    || FUNCTIONS.finish(rtcpCtx, address + len, outLength) != 1
                    || FUNCTIONS.ctrl(rtcpCtx, EVP_CTRL_GCM_GET_TAG, TAG_BYTES, address + len) != 1) {
                return SrtpCipherSuite.CRYPTO_ERROR;
            }
        } catch (Throwable t) {
            return SrtpCipherSuite.CRYPTO_ERROR;
        }
        MemorySegment.copy(ALL, word, ALL, address + len + TAG_BYTES, 4);
        return len + TAG_BYTES + 4;
    }

    /**
     * Verifies an SRTCP packet (the caller read its E flag and index) and decrypts it when {@code encrypted};
     * otherwise the whole packet up to the tag is AAD (RFC 7714 §9.3). Returns the length without tag and trailer.
     */
    int unprotectRtcp(long address, int len, int ssrc, boolean encrypted, int srtcpIndex) {
        int trailer = len - 4;
        int aadEnd = encrypted ? 8 : trailer - TAG_BYTES;
        int cipherLength = trailer - TAG_BYTES - aadEnd;
        if (cipherLength < 0 || cipherLength > SCRATCH_BYTES) return SrtpCipherSuite.CRYPTO_ERROR;
        rtcpIv(ssrc, srtcpIndex);
        long plain = scratch(cipherLength);
        int r = decrypt(rtcpCtx, address, aadEnd, address + trailer, address + aadEnd, cipherLength,
                address + trailer - TAG_BYTES, plain);
        if (r < 0) return r;
        MemorySegment.copy(ALL, plain, ALL, address + aadEnd, cipherLength);
        return aadEnd + cipherLength;
    }

    /** Scratch for {@code length} bytes (at most {@value #SCRATCH_BYTES}); allocates only when it must grow. */
    private long scratch(int length) {
        if (length > scratchCapacity) {
            int size = Math.min(SCRATCH_BYTES, Math.max(256, Integer.highestOneBit(Math.max(1, length - 1)) << 1));
            scratchArea = Arena.ofAuto().allocate(size, 16);
            scratch = scratchArea.address();
            scratchCapacity = size;
        }
        return scratch;
    }

    /** AAD = [aad, aad + aadLength) then the 4 bytes at {@code aadWord} if not 0; the plaintext to {@code plain}. */
    private int decrypt(long ctx, long aad, int aadLength, long aadWord, long cipher, int cipherLength, long tag,
                        long plain) {
        try {
            if (FUNCTIONS.init(ctx, iv, 0) != 1
                    || FUNCTIONS.update(ctx, 0, outLength, aad, aadLength) != 1
                    || (aadWord != 0 && FUNCTIONS.update(ctx, 0, outLength, aadWord, 4) != 1)
                    || (cipherLength > 0 && FUNCTIONS.update(ctx, plain, outLength, cipher, cipherLength) != 1)
                    || FUNCTIONS.ctrl(ctx, EVP_CTRL_GCM_SET_TAG, TAG_BYTES, tag) != 1) {
                return SrtpCipherSuite.CRYPTO_ERROR;
            }
            return FUNCTIONS.finish(ctx, plain + cipherLength, outLength) == 1 ? 0 : SrtpCipherSuite.AUTH_FAILED;
        } catch (Throwable t) {
            return SrtpCipherSuite.CRYPTO_ERROR;
        }
    }

    /** RFC 7714 §8.1: IV = (0x0000 || SSRC || ROC || SEQ) XOR salt. */
    private void rtpIv(int ssrc, long index) {
        putIv(ssrc, (int) (index >>> 16), (int) index, rtpSalt);
    }

    /** RFC 7714 §9.1: IV = (0x0000 || SSRC || 0x0000 || 0 || SRTCP index) XOR salt. */
    private void rtcpIv(int ssrc, int srtcpIndex) {
        int index = srtcpIndex & 0x7fff_ffff;
        putIv(ssrc, index >>> 16, index, rtcpSalt);
    }

    /** 0x0000 || ssrc || middle (4 bytes) || the low 16 bits of low, XOR salt. */
    private void putIv(int ssrc, int middle, int low, byte[] salt) {
        for (int i = 0; i < 12; i++) {
            int b = switch (i) {
                case 0, 1 -> 0;
                case 2, 3, 4, 5 -> ssrc >>> (8 * (5 - i));
                case 6, 7, 8, 9 -> middle >>> (8 * (9 - i));
                default -> low >>> (8 * (11 - i));
            };
            ALL.set(ValueLayout.JAVA_BYTE, iv + i, (byte) (b ^ salt[i]));
        }
    }

    /** Frees the two cipher contexts once the owner is unreachable. */
    private record Free(Functions functions, long rtpCtx, long rtcpCtx, Arena arena) implements Runnable {
        @Override
        public void run() {
            functions.free(rtpCtx);
            functions.free(rtcpCtx);
        }
    }

    /** The libcrypto functions Plenum calls, bound once. */
    private record Functions(long aes128Gcm, MethodHandle ctxNew, MethodHandle ctxFree, MethodHandle cipherInit,
                             MethodHandle cipherUpdate, MethodHandle cipherFinal, MethodHandle ctxCtrl) {

        static Functions bind() {
            SymbolLookup lib = null;
            for (String name : new String[] {"libcrypto.so.3", "libcrypto.so"}) {
                try {
                    lib = SymbolLookup.libraryLookup(name, Arena.global());
                    break;
                } catch (IllegalArgumentException notThere) {
                    // try the next name
                }
            }
            if (lib == null) return null;
            Linker linker = Linker.nativeLinker();
            Linker.Option critical = Linker.Option.critical(false);
            ValueLayout.OfLong ptr = ValueLayout.JAVA_LONG; // addresses as integers: see the class comment
            ValueLayout.OfInt i32 = ValueLayout.JAVA_INT;
            try {
                MethodHandle gcm = linker.downcallHandle(lib.findOrThrow("EVP_aes_128_gcm"), FunctionDescriptor.of(ptr));
                return new Functions(
                        (long) gcm.invokeExact(),
                        linker.downcallHandle(lib.findOrThrow("EVP_CIPHER_CTX_new"), FunctionDescriptor.of(ptr)),
                        linker.downcallHandle(lib.findOrThrow("EVP_CIPHER_CTX_free"), FunctionDescriptor.ofVoid(ptr)),
                        linker.downcallHandle(lib.findOrThrow("EVP_CipherInit_ex"),
                                FunctionDescriptor.of(i32, ptr, ptr, ptr, ptr, ptr, i32), critical),
                        linker.downcallHandle(lib.findOrThrow("EVP_CipherUpdate"),
                                FunctionDescriptor.of(i32, ptr, ptr, ptr, ptr, i32), critical),
                        linker.downcallHandle(lib.findOrThrow("EVP_CipherFinal_ex"),
                                FunctionDescriptor.of(i32, ptr, ptr, ptr), critical),
                        linker.downcallHandle(lib.findOrThrow("EVP_CIPHER_CTX_ctrl"),
                                FunctionDescriptor.of(i32, ptr, i32, i32, ptr), critical));
            } catch (Throwable t) {
                throw new IllegalStateException("libcrypto's EVP functions could not be bound", t);
            }
        }

        /** A context keyed for AES-128-GCM; the key is copied into native memory only for the call. */
        long newContext(Arena arena, byte[] key) {
            try {
                long ctx = (long) ctxNew.invokeExact();
                if (ctx == 0) throw new IllegalStateException("EVP_CIPHER_CTX_new failed");
                MemorySegment k = arena.allocate(key.length);
                MemorySegment.copy(key, 0, k, ValueLayout.JAVA_BYTE, 0, key.length);
                int ok = (int) cipherInit.invokeExact(ctx, aes128Gcm, 0L, k.address(), 0L, 1);
                k.fill((byte) 0);
                if (ok != 1) throw new IllegalStateException("EVP_CipherInit_ex refused the key");
                return ctx;
            } catch (RuntimeException e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }

        /** Sets the IV (and direction) and keeps the key schedule. */
        int init(long ctx, long iv, int encrypt) throws Throwable {
            return (int) cipherInit.invokeExact(ctx, 0L, 0L, 0L, iv, encrypt);
        }

        int update(long ctx, long out, long outLength, long in, int inLength) throws Throwable {
            return (int) cipherUpdate.invokeExact(ctx, out, outLength, in, inLength);
        }

        int finish(long ctx, long out, long outLength) throws Throwable {
            return (int) cipherFinal.invokeExact(ctx, out, outLength);
        }

        int ctrl(long ctx, int type, int arg, long ptr) throws Throwable {
            return (int) ctxCtrl.invokeExact(ctx, type, arg, ptr);
        }

        void free(long ctx) {
            try {
                ctxFree.invokeExact(ctx);
            } catch (Throwable ignored) {
                // nothing to do at cleanup time
            }
        }
    }
}
