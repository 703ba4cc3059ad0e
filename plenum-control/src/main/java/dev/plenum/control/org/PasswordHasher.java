package dev.plenum.control.org;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashing with Argon2id (RFC 9106), BouncyCastle's implementation.
 *
 * <p>Parameters: by default 19 MiB of memory, 2 passes, 1 lane, a 16-byte random salt and a 32-byte tag, the
 * configuration OWASP's password storage guidance recommends for Argon2id (RFC 9106's second recommended option
 * scaled to a server that hashes on request threads: about 90 ms per hash measured on a loaded 2-core machine). The stored form is the PHC string
 * {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<tag>} (base64 without padding), so each hash carries
 * its own parameters and raising them later only affects new hashes. Verification recomputes the tag with the
 * stored parameters and compares in constant time.
 *
 * <p>Thread-safe: holds only the parameters.
 */
public final class PasswordHasher {
    /** Argon2id cost: memory in KiB, passes, lanes. */
    public record Cost(int memoryKiB, int iterations, int parallelism) {
        public static final Cost DEFAULT = new Cost(19 * 1024, 2, 1);
        /** For tests only: fast and weak. */
        public static final Cost TESTING = new Cost(1024, 1, 1);

        public Cost {
            if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1 || memoryKiB > 4 * 1024 * 1024) {
                throw new IllegalArgumentException("invalid Argon2 cost " + memoryKiB + "/" + iterations + "/" + parallelism);
            }
        }
    }

    private static final int SALT_BYTES = 16;
    private static final int TAG_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private final Cost cost;
    /** A hash of a random password, verified against when the account does not exist, so both take as long. */
    private final String decoy;

    public PasswordHasher(Cost cost) {
        this.cost = cost;
        this.decoy = hash(Secrets.random(18));
    }

    public String hash(String password) {
        byte[] salt = Secrets.randomBytes(SALT_BYTES);
        byte[] tag = derive(password, salt, cost, TAG_BYTES);
        return "$argon2id$v=19$m=" + cost.memoryKiB() + ",t=" + cost.iterations() + ",p=" + cost.parallelism()
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(tag);
    }

    /** True when {@code password} matches {@code stored}; false for a malformed stored value. */
    public boolean verify(String password, String stored) {
        if (stored == null) return false;
        String[] parts = stored.split("\\$");
        // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, tag
        if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) return false;
        Cost storedCost;
        byte[] salt;
        byte[] expected;
        try {
            String[] params = parts[3].split(",");
            if (params.length != 3 || !params[0].startsWith("m=") || !params[1].startsWith("t=") || !params[2].startsWith("p=")) {
                return false;
            }
            storedCost = new Cost(Integer.parseInt(params[0].substring(2)), Integer.parseInt(params[1].substring(2)),
                    Integer.parseInt(params[2].substring(2)));
            salt = B64D.decode(parts[4]);
            expected = B64D.decode(parts[5]);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (expected.length < 16 || salt.length < 8) return false;
        byte[] actual = derive(password, salt, storedCost, expected.length);
        return MessageDigest.isEqual(actual, expected);
    }

    /** Spends the time of one verification, for a sign-in with an unknown e-mail address. */
    public void verifyDecoy(String password) {
        verify(password, decoy);
    }

    /** True when {@code stored} was made with weaker parameters than the current ones. */
    public boolean needsRehash(String stored) {
        return stored == null || !stored.contains("$m=" + cost.memoryKiB() + ",t=" + cost.iterations() + ",p=" + cost.parallelism() + "$");
    }

    private static byte[] derive(String password, byte[] salt, Cost cost, int tagBytes) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(cost.memoryKiB())
                .withIterations(cost.iterations())
                .withParallelism(cost.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        byte[] tag = new byte[tagBytes];
        try {
            generator.generateBytes(pw, tag);
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
        return tag;
    }
}
