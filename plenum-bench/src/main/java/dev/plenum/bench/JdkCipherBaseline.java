package dev.plenum.bench;

import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JDK's own share of {@link SrtpBenchmark}: the same cipher calls the SRTP suites make, on heap arrays, with
 * nothing of Plenum's around them. What this allocates per operation is allocated inside the JDK's provider
 * (for GCM: the {@code GCMParameterSpec} and what {@code Cipher.init} makes per packet).
 *
 * <ul>
 *   <li>GCM (RFC 7714): {@code init} with a fresh 12-byte IV, {@code updateAAD} over the 12-byte header,
 *       {@code doFinal} into a reused output array; decryption verifies the 16-byte tag.</li>
 *   <li>AES-CM + HMAC-SHA1 (RFC 3711): one ECB {@code update} over the packet's counter blocks into a reused
 *       keystream, and the two SHA-1 passes of HMAC on a reused {@code MessageDigest}.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Djmh.executor=CUSTOM", "-Djmh.executor.class=dev.plenum.bench.NettyThreadsExecutor"})
public class JdkCipherBaseline {
    @Param({"100", "1200"})
    int payload;

    private final byte[] iv = new byte[12];
    private final byte[] inner = new byte[20];
    private final byte[] pad = new byte[64];
    private byte[] packet;
    private byte[] out;
    private byte[] sealed;
    private byte[] counters;
    private byte[] keystream;
    private SecretKeySpec key;
    private Cipher gcm;
    private Cipher ecb;
    private MessageDigest sha1;
    private long counter;

    @Setup
    public void setUp() throws GeneralSecurityException {
        Random random = new Random(42);
        byte[] k = new byte[16];
        random.nextBytes(k);
        key = new SecretKeySpec(k, "AES");
        packet = new byte[12 + payload + 16];
        random.nextBytes(packet);
        out = new byte[payload + 16];
        gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
        gcm.updateAAD(packet, 0, 12);
        sealed = gcm.doFinal(packet, 12, payload);
        ecb = Cipher.getInstance("AES/ECB/NoPadding");
        ecb.init(Cipher.ENCRYPT_MODE, key);
        int blocks = (payload + 15) / 16;
        counters = new byte[blocks * 16];
        keystream = new byte[blocks * 16];
        sha1 = MessageDigest.getInstance("SHA-1");
    }

    @Benchmark
    public int gcmEncrypt() throws GeneralSecurityException {
        // A new IV per packet, as the JDK refuses to encrypt twice under one key and IV.
        long c = ++counter;
        iv[4] = (byte) (c >>> 24);
        iv[5] = (byte) (c >>> 16);
        iv[6] = (byte) (c >>> 8);
        iv[7] = (byte) c;
        gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
        gcm.updateAAD(packet, 0, 12);
        return gcm.doFinal(packet, 12, payload, out, 0);
    }

    @Benchmark
    public int gcmDecrypt() throws GeneralSecurityException {
        iv[4] = iv[5] = iv[6] = iv[7] = 0;
        gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, iv));
        gcm.updateAAD(packet, 0, 12);
        return gcm.doFinal(sealed, 0, sealed.length, out, 0);
    }

    /** Keystream and tag: the same JDK work for protect and unprotect. */
    @Benchmark
    public byte cmHmacSha1() throws GeneralSecurityException, DigestException {
        long c = ++counter;
        counters[13] = (byte) c;
        int n = ecb.update(counters, 0, counters.length, keystream, 0);
        sha1.reset();
        sha1.update(pad);
        sha1.update(packet, 0, 12 + payload);
        sha1.digest(inner, 0, 20);
        sha1.update(pad);
        sha1.update(inner, 0, 20);
        sha1.digest(inner, 0, 20);
        return (byte) (inner[0] ^ keystream[n - 1]);
    }
}
