package dev.plenum.media.speaker;

/**
 * What one published audio track sounded like since it was last read: the mean loudness of its packets, from the
 * audio level each carries (RFC 6464: 0 is the loudest, 127 silence, in -dBov). Written on the packet path (no
 * allocation), read by the room's {@link ActiveSpeakerDetector}.
 */
public final class AudioLevels {
    private long loudnessSum;
    private int packets;

    /** Records one packet's level (0..127 -dBov). */
    public synchronized void record(int levelDbov) {
        loudnessSum += 127 - levelDbov;
        packets++;
    }

    /** The mean loudness (0 silent .. 127 loudest) since the last call, or 0 when no packet came; then starts over. */
    public synchronized int takeMeanLoudness() {
        int mean = packets == 0 ? 0 : (int) (loudnessSum / packets);
        loudnessSum = 0;
        packets = 0;
        return mean;
    }
}
