package dev.plenum.media.srtp;

/** What became of one packet handed to {@link SrtpTransformer}. Only {@link #OK} leaves the buffer changed. */
public enum SrtpResult {
    OK,
    /** The authentication tag did not verify (RFC 3711 §3.3 step 5); the packet must be dropped. */
    AUTH_FAILED,
    /** The index was seen before or lies behind the replay window (RFC 3711 §3.3.2). */
    REPLAYED,
    /** Too short, not version 2, or a header that runs past the packet. */
    MALFORMED,
    /** The buffer lacks room after writerIndex for the tag (and SRTCP index). */
    NO_TAILROOM,
    /** The SRTCP index space (2^31) is spent for this SSRC; the association must be rekeyed (RFC 3711 §9.2). */
    INDEX_EXHAUSTED,
    /** The JCE refused an operation it should not have (for example a GCM IV reused by the caller's replay). */
    CRYPTO_ERROR
}
