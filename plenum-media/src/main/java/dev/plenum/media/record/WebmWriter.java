package dev.plenum.media.record;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one WebM file (Matroska, RFC 9559, with WebM's codecs): a VP8 video track, an Opus audio track, or both.
 * The file as written:
 * <pre>
 *   EBML header (DocType "webm")
 *   Segment (size filled in on close; "unknown" until then, so a file cut short still plays as a stream)
 *     SeekHead ─► Info, Tracks, Cues
 *     Info: TimestampScale 1 ms, MuxingApp, WritingApp, Duration (filled in on close)
 *     Tracks: 1 V_VP8 (PixelWidth/Height from the first keyframe, filled in on close), then A_OPUS with its OpusHead
 *     Cluster*: Timestamp, SimpleBlock* (a new cluster at each video keyframe, at most every 5 s)
 *     Cues: one CuePoint per cluster that starts with a keyframe
 * </pre>
 * Element IDs are those of the Matroska specification (RFC 9559 §5.1) and EBML (RFC 8794 §11.2). Block times are in
 * milliseconds from the start of the file and never go back within a track (a late one is written at the last time).
 * A cluster is kept in memory until it ends, then written with its size; the file is written by one thread only.
 */
public final class WebmWriter implements Closeable {
    // EBML header (RFC 8794 §11.2)
    static final int EBML = 0x1A45DFA3, EBML_VERSION = 0x4286, EBML_READ_VERSION = 0x42F7, EBML_MAX_ID_LENGTH = 0x42F2,
            EBML_MAX_SIZE_LENGTH = 0x42F3, DOC_TYPE = 0x4282, DOC_TYPE_VERSION = 0x4287, DOC_TYPE_READ_VERSION = 0x4285;
    // Matroska (RFC 9559 §5.1)
    static final int SEGMENT = 0x18538067, SEEK_HEAD = 0x114D9B74, SEEK = 0x4DBB, SEEK_ID = 0x53AB, SEEK_POSITION = 0x53AC,
            INFO = 0x1549A966, TIMESTAMP_SCALE = 0x2AD7B1, DURATION = 0x4489, MUXING_APP = 0x4D80, WRITING_APP = 0x5741,
            TRACKS = 0x1654AE6B, TRACK_ENTRY = 0xAE, TRACK_NUMBER = 0xD7, TRACK_UID = 0x73C5, TRACK_TYPE = 0x83,
            FLAG_LACING = 0x9C, CODEC_ID = 0x86, CODEC_PRIVATE = 0x63A2, CODEC_DELAY = 0x56AA, SEEK_PRE_ROLL = 0x56BB,
            VIDEO = 0xE0, PIXEL_WIDTH = 0xB0, PIXEL_HEIGHT = 0xBA, AUDIO = 0xE1, SAMPLING_FREQUENCY = 0xB5, CHANNELS = 0x9F,
            CLUSTER = 0x1F43B675, TIMESTAMP = 0xE7, SIMPLE_BLOCK = 0xA3, CUES = 0x1C53BB6B, CUE_POINT = 0xBB,
            CUE_TIME = 0xB3, CUE_TRACK_POSITIONS = 0xB7, CUE_TRACK = 0xF7, CUE_CLUSTER_POSITION = 0xF1;
    static final int TRACK_TYPE_VIDEO = 1, TRACK_TYPE_AUDIO = 2;
    /** Opus's pre-roll after a seek (80 ms, RFC 7845 §4.6), in nanoseconds as Matroska counts it. */
    private static final long OPUS_SEEK_PRE_ROLL_NS = 80_000_000L;
    private static final long MAX_CLUSTER_MS = 5_000;

    private final RandomAccessFile file;
    private final int videoTrack; // 0 when there is none
    private final int audioTrack;
    private final long segmentDataStart;
    private final long segmentSizeAt, durationAt, widthAt, heightAt, cuesPositionAt;
    private final EbmlBuffer cluster = new EbmlBuffer(256 * 1024);
    private final EbmlBuffer scratch = new EbmlBuffer(64);
    private long clusterTime = -1;
    private final long[] lastTime = {-1, -1, -1};
    private long endTime;
    private int width, height;
    private final List<long[]> cues = new ArrayList<>(); // {time, cluster position}
    private boolean closed;

    /** A file with a VP8 track ({@code video}) and/or an Opus track ({@code audio}, 48 kHz, 2 channels). */
    public WebmWriter(Path path, boolean video, boolean audio) throws IOException {
        if (!video && !audio) throw new IllegalArgumentException("a recording needs a track");
        videoTrack = video ? 1 : 0;
        audioTrack = audio ? (video ? 2 : 1) : 0;
        file = new RandomAccessFile(path.toFile(), "rw");
        file.setLength(0);
        EbmlBuffer h = new EbmlBuffer(1024);
        int ebml = h.startMaster(EBML);
        h.writeUint(EBML_VERSION, 1);
        h.writeUint(EBML_READ_VERSION, 1);
        h.writeUint(EBML_MAX_ID_LENGTH, 4);
        h.writeUint(EBML_MAX_SIZE_LENGTH, 8);
        h.writeString(DOC_TYPE, "webm");
        h.writeUint(DOC_TYPE_VERSION, 4);
        h.writeUint(DOC_TYPE_READ_VERSION, 2);
        h.endMaster(ebml);
        h.writeId(SEGMENT);
        segmentSizeAt = h.length();
        h.writeSize(EbmlBuffer.UNKNOWN_SIZE_8, 8);
        segmentDataStart = h.length();

        // The SeekHead's positions are relative to the Segment's data; Info and Tracks follow it at known places.
        EbmlBuffer info = new EbmlBuffer(128);
        int infoAt = info.startMaster(INFO);
        info.writeUint(TIMESTAMP_SCALE, 1_000_000); // block times in ms
        info.writeString(MUXING_APP, "Plenum");
        info.writeString(WRITING_APP, "Plenum");
        int durationInInfo = info.length();
        info.writeFloat(DURATION, 0);
        info.endMaster(infoAt);

        EbmlBuffer tracks = new EbmlBuffer(256);
        int tracksAt = tracks.startMaster(TRACKS);
        int widthInTracks = -1, heightInTracks = -1;
        if (video) {
            int entry = startTrackEntry(tracks, videoTrack, TRACK_TYPE_VIDEO, "V_VP8");
            int v = tracks.startMaster(VIDEO);
            widthInTracks = tracks.length();
            tracks.writeUint(PIXEL_WIDTH, 0, 2);
            heightInTracks = tracks.length();
            tracks.writeUint(PIXEL_HEIGHT, 0, 2);
            tracks.endMaster(v);
            tracks.endMaster(entry);
        }
        if (audio) {
            int entry = startTrackEntry(tracks, audioTrack, TRACK_TYPE_AUDIO, "A_OPUS");
            tracks.writeBinary(CODEC_PRIVATE, opusHead(2));
            tracks.writeUint(CODEC_DELAY, 0);
            tracks.writeUint(SEEK_PRE_ROLL, OPUS_SEEK_PRE_ROLL_NS);
            int a = tracks.startMaster(AUDIO);
            tracks.writeFloat(SAMPLING_FREQUENCY, 48_000);
            tracks.writeUint(CHANNELS, 2);
            tracks.endMaster(a);
            tracks.endMaster(entry);
        }
        tracks.endMaster(tracksAt);

        // SeekHead: three Seeks with 8-byte positions, so its length does not depend on them.
        EbmlBuffer seek = new EbmlBuffer(128);
        int seekHead = seek.startMaster(SEEK_HEAD);
        int[] ids = {INFO, TRACKS, CUES};
        int cuesInSeek = -1;
        // ID and size (4 + 8), then per Seek: ID and size (2 + 8), SeekID (2 + 1 + 4), SeekPosition (2 + 1 + 8)
        long seekHeadLength = 12 + 3 * (10 + 7 + 11);
        long[] positions = new long[3];
        positions[0] = seekHeadLength;
        positions[1] = seekHeadLength + info.length();
        for (int i = 0; i < 3; i++) {
            int s = seek.startMaster(SEEK);
            scratch.clear();
            scratch.writeId(ids[i]);
            seek.writeId(SEEK_ID);
            seek.writeSize(4);
            seek.writeBytes(scratch.array(), 0, 4);
            if (i == 2) cuesInSeek = seek.length();
            seek.writeUint(SEEK_POSITION, positions[i], 8);
            seek.endMaster(s);
        }
        seek.endMaster(seekHead);
        if (seek.length() != seekHeadLength) throw new IllegalStateException("SeekHead layout: " + seek.length());

        long base = h.length();
        cuesPositionAt = base + cuesInSeek + 3; // after SeekPosition's ID (2 bytes) and size (1 byte)
        durationAt = base + seek.length() + durationInInfo + 3; // after Duration's ID (2) and size (1)
        long tracksStart = base + seek.length() + info.length();
        widthAt = video ? tracksStart + widthInTracks + 2 : -1;   // after PixelWidth's ID (1) and size (1)
        heightAt = video ? tracksStart + heightInTracks + 2 : -1;
        h.writeBytes(seek.array(), 0, seek.length());
        h.writeBytes(info.array(), 0, info.length());
        h.writeBytes(tracks.array(), 0, tracks.length());
        file.write(h.array(), 0, h.length());
    }

    /** A TrackEntry's common part: number (also its UID), type, no lacing, codec; the caller ends the entry. */
    private static int startTrackEntry(EbmlBuffer tracks, int number, int type, String codec) {
        int entry = tracks.startMaster(TRACK_ENTRY);
        tracks.writeUint(TRACK_NUMBER, number);
        tracks.writeUint(TRACK_UID, number);
        tracks.writeUint(TRACK_TYPE, type);
        tracks.writeUint(FLAG_LACING, 0);
        tracks.writeString(CODEC_ID, codec);
        return entry;
    }

    /** The Opus identification header (RFC 7845 §5.1): version 1, no pre-skip, 48 kHz input, mapping family 0. */
    static byte[] opusHead(int channels) {
        return new byte[] {'O', 'p', 'u', 's', 'H', 'e', 'a', 'd', 1, (byte) channels, 0, 0,
                (byte) 0x80, (byte) 0xBB, 0, 0, 0, 0, 0};
    }

    public boolean hasVideo() {
        return videoTrack != 0;
    }

    public boolean hasAudio() {
        return audioTrack != 0;
    }

    /** A VP8 frame at {@code timeMs}; the dimensions come from the first keyframe ({@code width}, {@code height}). */
    public void writeVideo(long timeMs, boolean keyframe, byte[] frame, int width, int height) throws IOException {
        if (videoTrack == 0) throw new IllegalStateException("no video track");
        if (keyframe && this.width == 0 && width > 0) {
            this.width = width;
            this.height = height;
        }
        write(videoTrack, timeMs, keyframe, frame);
    }

    /** An Opus packet at {@code timeMs} (each is a keyframe: every Opus packet decodes on its own). */
    public void writeAudio(long timeMs, byte[] packet) throws IOException {
        if (audioTrack == 0) throw new IllegalStateException("no audio track");
        write(audioTrack, timeMs, true, packet);
    }

    private void write(int track, long timeMs, boolean keyframe, byte[] data) throws IOException {
        long t = Math.max(Math.max(0, timeMs), lastTime[track]);
        lastTime[track] = t;
        boolean videoKey = keyframe && track == videoTrack;
        if (clusterTime >= 0 && (videoKey || t - clusterTime >= MAX_CLUSTER_MS || t - clusterTime < Short.MIN_VALUE)) {
            flushCluster();
        }
        if (clusterTime < 0) {
            clusterTime = t;
            // A cluster that starts with a keyframe is a place to seek to (every cluster of an audio-only file).
            if (videoKey || videoTrack == 0) cues.add(new long[] {t, file.length() - segmentDataStart});
            cluster.writeUint(TIMESTAMP, t);
        }
        cluster.writeId(SIMPLE_BLOCK);
        cluster.writeSize(4 + data.length);
        cluster.writeByte(0x80 | track); // the track number as a 1-byte variable-size integer
        int relative = (int) (t - clusterTime);
        cluster.writeByte(relative >> 8);
        cluster.writeByte(relative);
        cluster.writeByte(keyframe ? 0x80 : 0x00);
        cluster.writeBytes(data, 0, data.length);
        endTime = Math.max(endTime, t + (track == audioTrack ? 20 : 33));
    }

    private void flushCluster() throws IOException {
        if (clusterTime < 0) return;
        scratch.clear();
        scratch.writeId(CLUSTER);
        scratch.writeSize(cluster.length(), 8);
        file.seek(file.length());
        file.write(scratch.array(), 0, scratch.length());
        file.write(cluster.array(), 0, cluster.length());
        cluster.clear();
        clusterTime = -1;
    }

    /** Milliseconds of media written so far (the last block's time and its length). */
    public long durationMs() {
        return endTime;
    }

    /** Writes the last cluster and the Cues, and fills in the sizes, the duration and the picture size. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try {
            flushCluster();
            long cuesPosition = file.length() - segmentDataStart;
            EbmlBuffer c = new EbmlBuffer(64 + 32 * cues.size());
            int cuesAt = c.startMaster(CUES);
            int cueTrack = videoTrack != 0 ? videoTrack : audioTrack;
            for (long[] cue : cues) {
                int point = c.startMaster(CUE_POINT);
                c.writeUint(CUE_TIME, cue[0]);
                int positions = c.startMaster(CUE_TRACK_POSITIONS);
                c.writeUint(CUE_TRACK, cueTrack);
                c.writeUint(CUE_CLUSTER_POSITION, cue[1]);
                c.endMaster(positions);
                c.endMaster(point);
            }
            c.endMaster(cuesAt);
            file.seek(file.length());
            if (!cues.isEmpty()) file.write(c.array(), 0, c.length());
            else cuesPosition = 0; // nothing to point at: the Seek stays at 0, a position no Cues can have
            long end = file.length();
            patch(segmentSizeAt, (end - segmentDataStart) | (1L << 56), 8);
            patch(cuesPositionAt, cuesPosition, 8);
            patch(durationAt, Double.doubleToLongBits(endTime), 8);
            if (widthAt >= 0) {
                patch(widthAt, width, 2);
                patch(heightAt, height, 2);
            }
        } finally {
            file.close();
        }
    }

    private void patch(long at, long value, int n) throws IOException {
        scratch.clear();
        for (int i = n - 1; i >= 0; i--) scratch.writeByte((int) (value >>> (8 * i)));
        file.seek(at);
        file.write(scratch.array(), 0, n);
    }
}
