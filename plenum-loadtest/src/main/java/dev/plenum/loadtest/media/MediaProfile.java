package dev.plenum.loadtest.media;

/**
 * What one publisher sends: Opus-framed audio packets at a fixed rate and size, and VP8 video at a bitrate, frame
 * rate and keyframe interval. A keyframe is {@value #KEYFRAME_FACTOR} times a delta frame, and delta frames are
 * sized so the average over a keyframe interval meets the bitrate, as with a real encoder's group of pictures.
 *
 * @param audioPacketsPerSecond 50 for Opus's 20 ms frames
 * @param audioPayloadBytes Opus payload size (about 100 B for voice at 32 kbit/s)
 * @param videoBitsPerSecond video payload bitrate
 * @param framesPerSecond video frame rate
 * @param keyframeIntervalSeconds seconds between periodic keyframes (a PLI adds one at once)
 * @param maxVideoPayload largest VP8 payload per packet, below a 1200 B path MTU with headers and tag
 * @param simulcast the camera is sent as the three {@link VideoLayer#SIMULCAST} layers (each at its own bitrate and
 *     size, at the same frame rate), else as one stream at {@code videoBitsPerSecond} and {@code width}×{@code height}
 */
public record MediaProfile(int audioPacketsPerSecond, int audioPayloadBytes, int videoBitsPerSecond,
                           int framesPerSecond, double keyframeIntervalSeconds, int maxVideoPayload, int width,
                           int height, boolean simulcast) {
    public static final int KEYFRAME_FACTOR = 5;
    /** The smallest frame the VP8 framing carries: descriptor, key frame header and stamp fit in it. */
    static final int MIN_FRAME_BYTES = 32;

    public MediaProfile {
        if (audioPacketsPerSecond < 1 || audioPacketsPerSecond > 1000) throw new IllegalArgumentException("audio packets/s must be 1..1000");
        if (audioPayloadBytes < 9 || audioPayloadBytes > 1100) throw new IllegalArgumentException("audio payload must be 9..1100 bytes");
        if (videoBitsPerSecond < 0) throw new IllegalArgumentException("video bitrate must not be negative");
        if (framesPerSecond < 1 || framesPerSecond > 240) throw new IllegalArgumentException("frame rate must be 1..240");
        if (keyframeIntervalSeconds <= 0) throw new IllegalArgumentException("keyframe interval must be positive");
        if (maxVideoPayload < 100 || maxVideoPayload > 1400) throw new IllegalArgumentException("video payload per packet must be 100..1400");
    }

    public static MediaProfile defaults() {
        return new MediaProfile(50, 100, 500_000, 30, 2.0, 1100, 640, 360, true);
    }

    public MediaProfile withVideo(int bitsPerSecond, int fps, double keyframeSeconds) {
        return new MediaProfile(audioPacketsPerSecond, audioPayloadBytes, bitsPerSecond, fps, keyframeSeconds,
                maxVideoPayload, width, height, simulcast);
    }

    public MediaProfile withSimulcast(boolean on) {
        return new MediaProfile(audioPacketsPerSecond, audioPayloadBytes, videoBitsPerSecond, framesPerSecond,
                keyframeIntervalSeconds, maxVideoPayload, width, height, on);
    }

    /** What the camera is sent as: the simulcast layers, lowest first, or one stream without a RID. */
    public java.util.List<VideoLayer> layers() {
        if (videoBitsPerSecond == 0) return java.util.List.of();
        return simulcast ? VideoLayer.SIMULCAST : java.util.List.of(new VideoLayer("", width, height, videoBitsPerSecond));
    }

    /** This profile with one layer's bitrate and picture size, for sizing that layer's frames. */
    public MediaProfile forLayer(VideoLayer layer) {
        return new MediaProfile(audioPacketsPerSecond, audioPayloadBytes, layer.bitsPerSecond(), framesPerSecond,
                keyframeIntervalSeconds, maxVideoPayload, layer.width(), layer.height(), false);
    }

    /** Frames in one keyframe interval. */
    public int groupOfPictures() {
        return Math.max(1, (int) Math.round(framesPerSecond * keyframeIntervalSeconds));
    }

    /** Bytes of a delta frame: g frames average bitrate/8/fps with one of them {@value #KEYFRAME_FACTOR}× larger. */
    public int deltaFrameBytes() {
        int g = groupOfPictures();
        double average = videoBitsPerSecond / 8.0 / framesPerSecond;
        return (int) Math.max(MIN_FRAME_BYTES, Math.round(average * g / (g + KEYFRAME_FACTOR - 1)));
    }

    public int keyFrameBytes() {
        return deltaFrameBytes() * KEYFRAME_FACTOR;
    }
}
