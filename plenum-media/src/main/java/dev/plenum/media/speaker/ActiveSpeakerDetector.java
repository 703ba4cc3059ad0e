package dev.plenum.media.speaker;

import java.util.Map;

/**
 * Picks a room's active speaker from its members' audio loudness, read every {@link #TICK_MILLIS} ms.
 *
 * <p>Each member's score is a moving average of its loudness, so a cough does not take the floor. A newcomer to
 * the floor must be louder than the current speaker by {@link #MARGIN} for {@link #TICKS_TO_SWITCH} ticks in a row
 * (0.4 s), which keeps the choice steady while still announcing a change within 1 s. Someone below
 * {@link #SPEECH_LOUDNESS} (about -60 dBov) is taken for silent. Not thread-safe: one scheduler thread calls it.
 */
public final class ActiveSpeakerDetector {
    public static final int TICK_MILLIS = 200;
    static final int SPEECH_LOUDNESS = 127 - 60;
    static final int MARGIN = 4;
    static final int TICKS_TO_SWITCH = 2;

    private final Map<String, Integer> scores = new java.util.HashMap<>();
    private volatile String speaker; // read by joins on other threads
    private String challenger;
    private int challengerTicks;

    /**
     * One tick: the loudness of each member since the last tick. Returns the new active speaker when it changed,
     * else null.
     */
    public String tick(Map<String, Integer> loudnessByParticipant) {
        scores.keySet().retainAll(loudnessByParticipant.keySet());
        String loudest = null;
        int loudestScore = -1;
        for (var e : loudnessByParticipant.entrySet()) {
            int score = (scores.getOrDefault(e.getKey(), 0) + e.getValue()) / 2;
            scores.put(e.getKey(), score);
            if (score > loudestScore) {
                loudest = e.getKey();
                loudestScore = score;
            }
        }
        if (speaker != null && !scores.containsKey(speaker)) speaker = null; // the speaker left
        if (loudest == null || loudestScore < SPEECH_LOUDNESS || loudest.equals(speaker)) {
            challenger = null;
            challengerTicks = 0;
            return null;
        }
        int speakerScore = speaker == null ? 0 : scores.get(speaker);
        if (speaker != null && loudestScore < speakerScore + MARGIN) {
            challenger = null;
            challengerTicks = 0;
            return null;
        }
        if (!loudest.equals(challenger)) {
            challenger = loudest;
            challengerTicks = 0;
        }
        if (++challengerTicks < TICKS_TO_SWITCH) return null;
        speaker = loudest;
        challenger = null;
        challengerTicks = 0;
        return speaker;
    }

    public String speaker() {
        return speaker;
    }
}
