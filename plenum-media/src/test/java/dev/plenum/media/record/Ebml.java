package dev.plenum.media.record;

import java.util.ArrayList;
import java.util.List;

/** A small EBML reader (RFC 8794) for the tests: reads a file back into a tree of elements. */
final class Ebml {
    /** An element: its ID, where its data starts in the file, the data, and its children when it is a master. */
    record Element(int id, long dataStart, byte[] data, List<Element> children) {
        long uint() {
            long v = 0;
            for (byte b : data) v = v << 8 | (b & 0xFF);
            return v;
        }

        double floating() {
            return data.length == 8 ? Double.longBitsToDouble(uint()) : Float.intBitsToFloat((int) uint());
        }

        String string() {
            return new String(data, java.nio.charset.StandardCharsets.UTF_8);
        }

        Element child(int childId) {
            return children.stream().filter(c -> c.id() == childId).findFirst()
                    .orElseThrow(() -> new AssertionError("no element " + Integer.toHexString(childId) + " in " + Integer.toHexString(id)));
        }

        List<Element> all(int childId) {
            return children.stream().filter(c -> c.id() == childId).toList();
        }
    }

    private static final java.util.Set<Integer> MASTERS = java.util.Set.of(WebmWriter.EBML, WebmWriter.SEGMENT,
            WebmWriter.SEEK_HEAD, WebmWriter.SEEK, WebmWriter.INFO, WebmWriter.TRACKS, WebmWriter.TRACK_ENTRY,
            WebmWriter.VIDEO, WebmWriter.AUDIO, WebmWriter.CLUSTER, WebmWriter.CUES, WebmWriter.CUE_POINT,
            WebmWriter.CUE_TRACK_POSITIONS);

    private final byte[] bytes;
    private int at;

    private Ebml(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Every top-level element; fails on anything that is not well-formed EBML with known sizes. */
    static List<Element> parse(byte[] file) {
        Ebml r = new Ebml(file);
        return r.elements(file.length);
    }

    private List<Element> elements(int end) {
        List<Element> out = new ArrayList<>();
        while (at < end) {
            int id = readId();
            long size = readSize();
            if (size < 0 || at + size > end) throw new AssertionError("element " + Integer.toHexString(id) + " overruns its parent at " + at);
            int start = at;
            byte[] data = java.util.Arrays.copyOfRange(bytes, start, (int) (start + size));
            List<Element> children = MASTERS.contains(id) ? elements((int) (start + size)) : List.of();
            at = (int) (start + size);
            out.add(new Element(id, start, data, children));
        }
        return out;
    }

    private int readId() {
        int first = bytes[at] & 0xFF;
        int n = Integer.numberOfLeadingZeros(first) - 23;
        if (n < 1 || n > 4) throw new AssertionError("bad element ID at " + at);
        int id = 0;
        for (int i = 0; i < n; i++) id = id << 8 | (bytes[at++] & 0xFF);
        return id;
    }

    private long readSize() {
        int first = bytes[at] & 0xFF;
        int n = Integer.numberOfLeadingZeros(first) - 23;
        if (n < 1 || n > 8) throw new AssertionError("bad size at " + at);
        long v = first & (0xFF >> n);
        at++;
        for (int i = 1; i < n; i++) v = v << 8 | (bytes[at++] & 0xFF);
        if (v == (1L << (7 * n)) - 1) throw new AssertionError("unknown size at " + at);
        return v;
    }
}
