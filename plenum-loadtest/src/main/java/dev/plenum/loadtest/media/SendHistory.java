package dev.plenum.loadtest.media;

/**
 * What a publisher needs to send a video packet again (RFC 4588) for the last {@value #CAPACITY} sequence numbers of
 * one layer, as a browser's send history keeps the packets themselves. The load tester's payloads are synthetic, so
 * a packet is kept as the few numbers that rebuild it byte for byte (its timestamp, marker, size, VP8 frame fields
 * and send-time stamp) rather than as a copy. A ring indexed by sequence number; allocates nothing once made.
 */
public final class SendHistory {
    public static final int CAPACITY = 512;
    private static final int MASK = CAPACITY - 1;

    private final int[] sequence = new int[CAPACITY];
    private final int[] timestamp = new int[CAPACITY];
    private final int[] size = new int[CAPACITY];
    private final int[] pictureId = new int[CAPACITY];
    private final int[] tl0PicIdx = new int[CAPACITY];
    private final int[] frameBytes = new int[CAPACITY];
    private final byte[] flags = new byte[CAPACITY];
    private final long[] sentNanos = new long[CAPACITY];

    private static final int MARKER = 1;
    private static final int START = 2;
    private static final int KEY = 4;

    public SendHistory() {
        java.util.Arrays.fill(sequence, -1);
    }

    /** Notes a packet just sent. */
    public void sent(int seq, int ts, boolean marker, int payloadSize, boolean startOfFrame, boolean key, int picture,
            int tl0, int frameLength, long nanos) {
        int i = seq & MASK;
        sequence[i] = seq & 0xFFFF;
        timestamp[i] = ts;
        size[i] = payloadSize;
        pictureId[i] = picture;
        tl0PicIdx[i] = tl0;
        frameBytes[i] = frameLength;
        flags[i] = (byte) ((marker ? MARKER : 0) | (startOfFrame ? START : 0) | (key ? KEY : 0));
        sentNanos[i] = nanos;
    }

    /** The slot of {@code seq}, or -1 when it was never sent or has been overwritten. */
    public int find(int seq) {
        int i = seq & MASK;
        return sequence[i] == (seq & 0xFFFF) ? i : -1;
    }

    public int timestamp(int slot) { return timestamp[slot]; }

    public int size(int slot) { return size[slot]; }

    public int pictureId(int slot) { return pictureId[slot]; }

    public int tl0PicIdx(int slot) { return tl0PicIdx[slot]; }

    public int frameBytes(int slot) { return frameBytes[slot]; }

    public boolean marker(int slot) { return (flags[slot] & MARKER) != 0; }

    public boolean startOfFrame(int slot) { return (flags[slot] & START) != 0; }

    public boolean key(int slot) { return (flags[slot] & KEY) != 0; }

    public long sentNanos(int slot) { return sentNanos[slot]; }
}
