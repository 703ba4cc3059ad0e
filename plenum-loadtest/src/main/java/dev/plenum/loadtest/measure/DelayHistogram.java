package dev.plenum.loadtest.measure;

/**
 * Counts of non-negative values (microseconds of delay) in log-linear buckets: exact below {@value #LINEAR}, and
 * {@value #SUB_BUCKETS} buckets per power of two above, so a percentile is within 1/{@value #SUB_BUCKETS} (about
 * 3%) of the true value. Fixed size (under 10 KB), no allocation per value; {@link #merge} adds another histogram.
 * Not thread-safe.
 */
public final class DelayHistogram {
    static final int LINEAR = 64;
    static final int SUB_BUCKETS = 32;
    private static final int SHIFT_BASE = Integer.numberOfTrailingZeros(SUB_BUCKETS); // 5
    private static final int FIRST_EXPONENT = Integer.numberOfTrailingZeros(LINEAR);  // 6
    /** Values from 2^41 µs (25 days) up share the last bucket. */
    private static final int LAST_EXPONENT = 40;
    private static final long CEILING = (1L << (LAST_EXPONENT + 1)) - 1;
    private static final int BUCKETS = LINEAR + (LAST_EXPONENT + 1 - FIRST_EXPONENT) * SUB_BUCKETS;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private long min = Long.MAX_VALUE;
    private long max;
    private double sum;

    /** Records one value; negative values (a clock oddity) count as 0. */
    public void record(long value) {
        long v = Math.min(CEILING, Math.max(0, value));
        counts[index(v)]++;
        count++;
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v;
    }

    static int index(long v) {
        if (v < LINEAR) return (int) v;
        int exponent = 63 - Long.numberOfLeadingZeros(v); // >= 6
        int sub = (int) (v >>> (exponent - SHIFT_BASE)) - SUB_BUCKETS; // 0..31
        return LINEAR + (exponent - FIRST_EXPONENT) * SUB_BUCKETS + sub;
    }

    /** The smallest value that falls in bucket {@code i}. */
    static long lowerBound(int i) {
        if (i < LINEAR) return i;
        int exponent = FIRST_EXPONENT + (i - LINEAR) / SUB_BUCKETS;
        int sub = (i - LINEAR) % SUB_BUCKETS;
        return (long) (SUB_BUCKETS + sub) << (exponent - SHIFT_BASE);
    }

    /** Width of bucket {@code i}. */
    static long width(int i) {
        if (i < LINEAR) return 1;
        int exponent = FIRST_EXPONENT + (i - LINEAR) / SUB_BUCKETS;
        return 1L << (exponent - SHIFT_BASE);
    }

    public void merge(DelayHistogram other) {
        for (int i = 0; i < BUCKETS; i++) counts[i] += other.counts[i];
        count += other.count;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        sum += other.sum;
    }

    public long count() { return count; }

    public long max() { return count == 0 ? 0 : max; }

    public long min() { return count == 0 ? 0 : min; }

    public double mean() { return count == 0 ? 0 : sum / count; }

    /**
     * The value at quantile {@code q} (0..1, nearest rank): the middle of the bucket holding the ceil(q·n)-th
     * smallest value, clamped to the recorded min and max. 0 when empty.
     */
    public long percentile(double q) {
        if (count == 0) return 0;
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                long mid = lowerBound(i) + (width(i) - 1) / 2;
                return Math.min(max, Math.max(min, mid));
            }
        }
        return max;
    }

    public void reset() {
        java.util.Arrays.fill(counts, 0);
        count = 0;
        min = Long.MAX_VALUE;
        max = 0;
        sum = 0;
    }
}
