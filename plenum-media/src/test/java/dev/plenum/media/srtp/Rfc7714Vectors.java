package dev.plenum.media.srtp;

/** RFC 7714 §16.1 (SRTP) and §17.1, §17.3 (SRTCP) AEAD_AES_128_GCM vectors; session key and salt given directly. */
final class Rfc7714Vectors {
    static final byte[] KEY = Hex.bytes("000102030405060708090a0b0c0d0e0f");
    static final byte[] SALT = Hex.bytes("517569642070726f2071756f");

    static final byte[] RTP = Hex.bytes("""
            8040f17b 8041f8d3 5501a0b2 47616c6c 69612065 7374206f 6d6e6973
            20646976 69736120 696e2070 61727465 73207472 6573""");
    static final byte[] SRTP = Hex.bytes("""
            8040f17b 8041f8d3 5501a0b2 f24de3a3 fb34de6c acba861c 9d7e4bca be633bd5 0d294e6f
            42a5f47a 51c7d19b 36de3adf 8833899d 7f27beb1 6a9152cf 765ee439 0cce""");

    /** The packet §17.1–§17.4 operate on (the §17 preamble prints a slightly different one). */
    static final byte[] RTCP = Hex.bytes("""
            81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930 4c756e61
            deadbeef deadbeef deadbeef deadbeef deadbeef""");
    static final byte[] SRTCP = Hex.bytes("""
            81c8000d 4d617273 63e94885 dcdab67c a727d766 2f6b7e99 7ff5c0f7 6c06f32d
            c676a5f1 730d6fda 4ce09b46 86303ded 0bb9275b c84aa458 96cf4d2f c5abf872 45d9eade 800005d4""");
    /** §17.3: authenticated only, E = 0. */
    static final byte[] SRTCP_AUTH_ONLY = Hex.bytes("""
            81c8000d 4d617273 4e545031 4e545032 52545020 0000042a 0000e930 4c756e61
            deadbeef deadbeef deadbeef deadbeef deadbeef 841dd968 3dd78ec9 2ae58790 125f62b3 000005d4""");

    static SrtpSessionKeys sessionKeys() {
        return new SrtpSessionKeys(KEY, new byte[0], SALT, KEY, new byte[0], SALT);
    }

    private Rfc7714Vectors() {}
}
