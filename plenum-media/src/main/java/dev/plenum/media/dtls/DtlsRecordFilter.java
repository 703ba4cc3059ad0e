package dev.plenum.media.dtls;

/**
 * Screens datagrams before BouncyCastle sees them, so that forged or corrupt records are silently discarded as
 * RFC 6347 §4.1.2.7 asks, instead of ending the association.
 *
 * <p>BouncyCastle already drops records with a bad MAC, but it treats an encrypted record too short to hold the
 * AEAD explicit nonce and tag as a fatal decode_error: one such datagram from a spoofed source would tear down a
 * working call. Plenum negotiates only AES-GCM suites (RFC 5288 §3: 8-byte explicit nonce, 16-byte tag), so any
 * record in epoch 1 or later shorter than 24 bytes cannot be genuine.
 */
final class DtlsRecordFilter {

    /** RFC 6347 §4.1: type(1) version(2) epoch(2) sequence_number(6) length(2). */
    static final int RECORD_HEADER_LENGTH = 13;
    /** RFC 5288 §3: GenericAEADCipher carries an 8-byte nonce_explicit and, for GCM, a 16-byte tag. */
    static final int MIN_AEAD_CIPHERTEXT = 8 + 16;

    private static final int CONTENT_TYPE_MIN = 20; // change_cipher_spec
    private static final int CONTENT_TYPE_MAX = 24; // heartbeat

    private DtlsRecordFilter() {
    }

    /**
     * Whether {@code datagram[0..length)} is a sequence of complete DTLS records (RFC 6347 §4.1), each with a
     * known content type, a DTLS version, and, if encrypted, room for the AEAD nonce and tag.
     */
    static boolean isPlausible(byte[] datagram, int length) {
        if (length < RECORD_HEADER_LENGTH || length > datagram.length) {
            return false;
        }
        int pos = 0;
        while (pos < length) {
            if (length - pos < RECORD_HEADER_LENGTH) {
                return false;
            }
            int type = datagram[pos] & 0xFF;
            if (type < CONTENT_TYPE_MIN || type > CONTENT_TYPE_MAX) {
                return false;
            }
            // DTLS versions are the one's complement of TLS ones: 0xFEFF is DTLS 1.0, 0xFEFD DTLS 1.2.
            if ((datagram[pos + 1] & 0xFF) != 0xFE) {
                return false;
            }
            int epoch = ((datagram[pos + 3] & 0xFF) << 8) | (datagram[pos + 4] & 0xFF);
            int fragmentLength = ((datagram[pos + 11] & 0xFF) << 8) | (datagram[pos + 12] & 0xFF);
            if (fragmentLength > length - pos - RECORD_HEADER_LENGTH) {
                return false;
            }
            if (epoch != 0 && fragmentLength < MIN_AEAD_CIPHERTEXT) {
                return false;
            }
            pos += RECORD_HEADER_LENGTH + fragmentLength;
        }
        return true;
    }
}
