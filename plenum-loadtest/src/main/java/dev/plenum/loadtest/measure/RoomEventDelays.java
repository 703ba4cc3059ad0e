package dev.plenum.loadtest.measure;

import java.util.EnumMap;
import java.util.Map;

/**
 * How long room events take from the announcer's send to each participant's receipt. The announcer writes its
 * {@link System#nanoTime()} into the event's text (see {@link #stamp}); every participant of the run lives in this
 * process, so the clocks agree. Shared by all participants; their signaling threads record concurrently.
 */
public final class RoomEventDelays {
    /** The room events the load tester announces and times. */
    public enum Kind { CHAT, POLL, PAGE_TURN }

    private static final String PREFIX = "plenum-loadtest ";

    private final Map<Kind, DelayHistogram> micros = new EnumMap<>(Kind.class);
    private final Map<Kind, Long> sent = new EnumMap<>(Kind.class);
    /** A page turn carries no text to stamp: its send time is kept here, by file id and page. */
    private final Map<Long, long[]> pageTurns = new java.util.concurrent.ConcurrentHashMap<>();

    public RoomEventDelays() {
        for (Kind k : Kind.values()) {
            micros.put(k, new DelayHistogram());
            sent.put(k, 0L);
        }
    }

    /** The text an announced event carries: readable in a browser, parseable by {@link #sentAt}. */
    public static String stamp(long nanoTime) {
        return PREFIX + nanoTime;
    }

    /** The send time a stamped text carries, or {@link Long#MIN_VALUE} for any other text. */
    public static long sentAt(String text) {
        if (text == null || !text.startsWith(PREFIX)) return Long.MIN_VALUE;
        try {
            return Long.parseLong(text, PREFIX.length(), text.length(), 10);
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    /** The announcer sent one event of this kind to a room. */
    public synchronized void sent(Kind kind) {
        sent.merge(kind, 1L, Long::sum);
    }

    /** A participant received an event whose text is {@code text} at {@code arrivalNanos}; other texts are ignored. */
    public void received(Kind kind, String text, long arrivalNanos) {
        long at = sentAt(text);
        if (at == Long.MIN_VALUE) return;
        long delay = Math.max(0, (arrivalNanos - at) / 1000);
        synchronized (this) {
            micros.get(kind).record(delay);
        }
    }

    /** The announcer turned file {@code fileId} (of {@code pages} pages) to {@code page} at {@code nanoTime}. */
    public void pageTurned(long fileId, int pages, int page, long nanoTime) {
        pageTurns.computeIfAbsent(fileId, id -> new long[pages + 1])[page] = nanoTime;
        sent(Kind.PAGE_TURN);
    }

    /** A participant was shown {@code page} of {@code fileId}; only turns the announcer timed count. */
    public void pageShown(long fileId, int page, long arrivalNanos) {
        long[] turns = pageTurns.get(fileId);
        if (turns == null || page < 1 || page >= turns.length || turns[page] == 0) return;
        long delay = Math.max(0, (arrivalNanos - turns[page]) / 1000);
        synchronized (this) {
            micros.get(Kind.PAGE_TURN).record(delay);
        }
    }

    /** What was sent and received of one kind so far. */
    public synchronized Summary summary(Kind kind) {
        DelayHistogram h = micros.get(kind);
        return new Summary(kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), sent.get(kind), h.count(),
                h.percentile(0.5) / 1000.0, h.percentile(0.99) / 1000.0, h.max() / 1000.0);
    }

    /**
     * @param kind {@code chat}, {@code poll} or {@code page turn}
     * @param sent events announced (one per room per interval)
     * @param deliveries receipts over all participants (ideally sent × participants in the room)
     */
    public record Summary(String kind, long sent, long deliveries, double p50Millis, double p99Millis, double maxMillis) {}
}
