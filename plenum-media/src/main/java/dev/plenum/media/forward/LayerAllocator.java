package dev.plenum.media.forward;

import java.util.Arrays;

/**
 * Shares what may be sent to one subscriber (its estimated bandwidth less its audio) among the videos it is sent, as
 * the best SFUs do: the most important video first gets its lowest layer, then the next, as long as each fits; then,
 * in the same order, each is raised one layer at a time toward the layer its tile asks for, while the raise fits. A
 * video whose lowest layer does not fit is paused, and so is every less important one. The most important video
 * keeps its lowest layer even when that is a little more than the budget: on a link too weak even for that, the
 * estimate falls further and the session pauses all video ({@code bwe.LowBandwidthVideoPause}), so audio, which is
 * reserved before any of this, never has to compete with video.
 *
 * <p>Pure and allocation-light: called about once a second per subscriber, never per packet.
 */
public final class LayerAllocator {
    /** What {@link #allocate} gives a video that is not sent. */
    public static final int PAUSED = -1;

    private LayerAllocator() {
    }

    /**
     * @param budget   bits per second the videos may take together
     * @param wanted   per video, the layer its tile asks for, or {@link #PAUSED} when it is not shown
     * @param bitrates per video and layer (lowest first), what the layer costs now in bits per second; 0 for a layer
     *                 the publisher does not send now
     * @param order    the videos' indexes, most important first
     * @return per video the layer to send, or {@link #PAUSED}
     */
    public static int[] allocate(long budget, int[] wanted, long[][] bitrates, int[] order) {
        int[] chosen = new int[wanted.length];
        Arrays.fill(chosen, PAUSED);
        long left = budget;
        boolean first = true;
        for (int i : order) {
            if (wanted[i] == PAUSED) continue;
            int lowest = nextSent(bitrates[i], -1, Integer.MAX_VALUE);
            if (lowest == PAUSED) continue; // nothing sent now: nothing to pay for either
            if (bitrates[i][lowest] > left && !first) break; // this one and every less important one stay paused
            first = false;
            chosen[i] = lowest;
            left -= bitrates[i][lowest];
        }
        boolean raised = true;
        while (raised) {
            raised = false;
            for (int i : order) {
                if (chosen[i] == PAUSED || chosen[i] >= wanted[i]) continue;
                int next = nextSent(bitrates[i], chosen[i], wanted[i]);
                if (next == PAUSED) continue;
                long extra = bitrates[i][next] - bitrates[i][chosen[i]];
                if (extra > left) continue;
                left -= extra;
                chosen[i] = next;
                raised = true;
            }
        }
        return chosen;
    }

    /** The first layer above {@code from} and at most {@code upTo} that is sent now, or {@link #PAUSED}. */
    private static int nextSent(long[] bitrates, int from, int upTo) {
        for (int layer = from + 1; layer < bitrates.length && layer <= upTo; layer++) {
            if (bitrates[layer] > 0) return layer;
        }
        return PAUSED;
    }
}
