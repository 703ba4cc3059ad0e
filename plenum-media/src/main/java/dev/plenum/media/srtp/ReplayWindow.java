package dev.plenum.media.srtp;

/**
 * A 64-entry sliding replay window over packet indices (RFC 3711 §3.3.2): the highest index accepted so far and
 * a bitmap of which of the 63 indices below it were accepted too. The check and the update are separate because
 * the window may only move once the packet has authenticated.
 */
final class ReplayWindow {
    static final int SIZE = 64;

    private long highest = -1;
    private long bitmap;

    void reset() {
        highest = -1;
        bitmap = 0;
    }

    boolean isEmpty() { return highest < 0; }

    long highest() { return highest; }

    /** Whether {@code index} may still be accepted: newer than the highest, or inside the window and unseen. */
    boolean check(long index) {
        if (index < 0) {
            return false;
        }
        if (highest < 0 || index > highest) {
            return true;
        }
        long delta = highest - index;
        if (delta >= SIZE) {
            return false;
        }
        return (bitmap & (1L << delta)) == 0;
    }

    /** Records an authenticated index, sliding the window forward if it is the newest. */
    void accept(long index) {
        if (highest < 0) {
            highest = index;
            bitmap = 1;
        } else if (index > highest) {
            long shift = index - highest;
            bitmap = shift >= SIZE ? 1 : (bitmap << shift) | 1;
            highest = index;
        } else {
            long delta = highest - index;
            if (delta < SIZE) {
                bitmap |= 1L << delta;
            }
        }
    }
}
