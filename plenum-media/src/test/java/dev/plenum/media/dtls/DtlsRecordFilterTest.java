package dev.plenum.media.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pre-filter lets real DTLS records through and stops what BouncyCastle would choke on. */
class DtlsRecordFilterTest {

    private static byte[] record(int type, int epoch, int bodyLength) {
        byte[] b = new byte[13 + bodyLength];
        b[0] = (byte) type;
        b[1] = (byte) 0xfe;
        b[2] = (byte) 0xfd;
        b[3] = (byte) (epoch >> 8);
        b[4] = (byte) epoch;
        b[11] = (byte) (bodyLength >> 8);
        b[12] = (byte) bodyLength;
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void acceptsPlaintextHandshakeAndEncryptedRecordsLargeEnoughForGcm() {
        assertThat(DtlsRecordFilter.isPlausible(record(22, 0, 100), 113)).isTrue();
        assertThat(DtlsRecordFilter.isPlausible(record(20, 0, 1), 14)).isTrue();
        // A GCM-protected alert: 8-byte explicit nonce, 2-byte alert, 16-byte tag.
        assertThat(DtlsRecordFilter.isPlausible(record(21, 1, 26), 39)).isTrue();
    }

    @Test
    void acceptsSeveralRecordsInOneDatagram() {
        byte[] flight = concat(concat(record(22, 0, 40), record(20, 0, 1)), record(22, 1, 40));
        assertThat(DtlsRecordFilter.isPlausible(flight, flight.length)).isTrue();
    }

    @Test
    void rejectsEncryptedRecordsTooShortForTheNonceAndTag() {
        assertThat(DtlsRecordFilter.isPlausible(record(23, 1, 23), 36)).isFalse();
        assertThat(DtlsRecordFilter.isPlausible(record(21, 1, 0), 13)).isFalse();
    }

    @Test
    void rejectsTruncatedOrOverlongFraming() {
        byte[] r = record(22, 0, 10);
        assertThat(DtlsRecordFilter.isPlausible(r, r.length - 1)).isFalse();
        assertThat(DtlsRecordFilter.isPlausible(concat(r, new byte[] {22, (byte) 0xfe}), r.length + 2)).isFalse();
        assertThat(DtlsRecordFilter.isPlausible(new byte[12], 12)).isFalse();
        assertThat(DtlsRecordFilter.isPlausible(new byte[0], 0)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 19, 25, 64, 128, 255})
    void rejectsContentTypesOutsideDtls(int type) {
        assertThat(DtlsRecordFilter.isPlausible(record(type, 0, 4), 17)).isFalse();
    }

    @Test
    void rejectsTlsVersions() {
        byte[] r = record(22, 0, 4);
        r[1] = 3;
        r[2] = 3;
        assertThat(DtlsRecordFilter.isPlausible(r, r.length)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34})
    void neverThrowsOnRandomInput(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[random.nextInt(300)];
            random.nextBytes(b);
            if (b.length > 2 && random.nextBoolean()) {
                b[0] = (byte) (20 + random.nextInt(5));
                b[1] = (byte) 0xfe;
            }
            DtlsRecordFilter.isPlausible(b, b.length);
        }
    }

    @FuzzTest
    void fuzzNeverThrows(byte[] data) {
        DtlsRecordFilter.isPlausible(data, data.length);
    }
}
