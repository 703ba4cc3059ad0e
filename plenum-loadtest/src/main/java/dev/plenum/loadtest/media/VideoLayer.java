package dev.plenum.loadtest.media;

/**
 * One encoding of a publisher's camera: its RID (RFC 8851; empty when the camera is sent as one stream), picture size
 * and bitrate. The three simulcast layers are what Chromium sends for a 1280×720 capture with three encodings scaled
 * by 4, 2 and 1, at its usual target bitrates.
 */
public record VideoLayer(String rid, int width, int height, int bitsPerSecond) {
    public static final VideoLayer LOW = new VideoLayer("q", 320, 180, 150_000);
    public static final VideoLayer MEDIUM = new VideoLayer("h", 640, 360, 500_000);
    public static final VideoLayer HIGH = new VideoLayer("f", 1280, 720, 1_700_000);
    public static final java.util.List<VideoLayer> SIMULCAST = java.util.List.of(LOW, MEDIUM, HIGH);

    public VideoLayer {
        if (!rid.matches("[A-Za-z0-9_-]{0,16}")) throw new IllegalArgumentException("bad rid '" + rid + "'");
        if (width < 1 || width > 16383 || height < 1 || height > 16383) throw new IllegalArgumentException("picture size must be 1..16383");
        if (bitsPerSecond < 0) throw new IllegalArgumentException("video bitrate must not be negative");
    }
}
