package dev.plenum.media.record;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that writes EBML elements (RFC 8794): an element is its ID (the ID's bytes as the
 * specification gives them, marker bits included), its data size as a variable-size integer (§4), and its data.
 * Master elements are written by {@link #startMaster}/{@link #endMaster}, which reserve an 8-byte size and fill it in.
 * Used on a recorder thread only; not thread-safe.
 */
final class EbmlBuffer {
    /** The 8-byte "unknown size" (RFC 8794 §6.2): all value bits set. */
    static final long UNKNOWN_SIZE_8 = 0x01FF_FFFF_FFFF_FFFFL;

    private byte[] bytes;
    private int length;

    EbmlBuffer(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    int length() {
        return length;
    }

    byte[] array() {
        return bytes;
    }

    void clear() {
        length = 0;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }

    void writeByte(int b) {
        ensure(1);
        bytes[length++] = (byte) b;
    }

    void writeBytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, length, len);
        length += len;
    }

    /** An element ID: its 1 to 4 bytes, big-endian, as the Matroska specification numbers it (e.g. 0x1A45DFA3). */
    void writeId(int id) {
        int n = id >>> 24 != 0 ? 4 : id >>> 16 != 0 ? 3 : id >>> 8 != 0 ? 2 : 1;
        for (int i = n - 1; i >= 0; i--) writeByte(id >>> (8 * i));
    }

    /** A data size in the fewest bytes (RFC 8794 §4: a length marker bit, then the value; all ones is reserved). */
    void writeSize(long size) {
        int n = 1;
        while (n < 8 && size >= (1L << (7 * n)) - 1) n++;
        writeSize(size, n);
    }

    /** A data size in exactly {@code n} bytes. */
    void writeSize(long size, int n) {
        long v = size | (1L << (7 * n));
        for (int i = n - 1; i >= 0; i--) writeByte((int) (v >>> (8 * i)));
    }

    /** An unsigned integer element in the fewest bytes (at least one). */
    void writeUint(int id, long value) {
        int n = 1;
        while (n < 8 && (value >>> (8 * n)) != 0) n++;
        writeUint(id, value, n);
    }

    /** An unsigned integer element in exactly {@code n} bytes (so it can be overwritten later in place). */
    void writeUint(int id, long value, int n) {
        writeId(id);
        writeSize(n);
        for (int i = n - 1; i >= 0; i--) writeByte((int) (value >>> (8 * i)));
    }

    void writeFloat(int id, double value) {
        writeId(id);
        writeSize(8);
        long bits = Double.doubleToLongBits(value);
        for (int i = 7; i >= 0; i--) writeByte((int) (bits >>> (8 * i)));
    }

    void writeString(int id, String value) {
        writeBinary(id, value.getBytes(StandardCharsets.UTF_8));
    }

    void writeBinary(int id, byte[] value) {
        writeId(id);
        writeSize(value.length);
        writeBytes(value, 0, value.length);
    }

    /** Starts a master element and returns where its 8-byte size is, for {@link #endMaster}. */
    int startMaster(int id) {
        writeId(id);
        int at = length;
        writeSize(UNKNOWN_SIZE_8, 8);
        return at;
    }

    /** Writes the size of the master element whose size is at {@code sizeAt}: everything written since. */
    void endMaster(int sizeAt) {
        putUint(sizeAt, (length - sizeAt - 8) | (1L << 56), 8);
    }

    /** Overwrites {@code n} bytes at {@code at} with {@code value}, big-endian. */
    void putUint(int at, long value, int n) {
        for (int i = 0; i < n; i++) bytes[at + i] = (byte) (value >>> (8 * (n - 1 - i)));
    }
}
