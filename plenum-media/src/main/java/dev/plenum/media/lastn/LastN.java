package dev.plenum.media.lastn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses which of the others' cameras one subscriber receives: the {@code limit} most relevant, in this order:
 * <ol>
 *   <li>the size this subscriber's page shows each camera at: a tile at least twice the area of another (pinned, or
 *       featured in speaker view) is more relevant; tiles within a factor of two rank alike, so a pixel of rounding
 *       between gallery tiles changes nothing. A tile whose size the page has not told yet ranks below every told
 *       one;</li>
 *   <li>how recently each was the room's active speaker, the latest first;</li>
 *   <li>the order of joining, the earliest first.</li>
 * </ol>
 * A camera whose tile the page does not show at all (size 0, scrolled away or the page hidden) takes no place: it is
 * not forwarded anyway, so the places go to what the page shows. Shared screens are never candidates: the caller
 * forwards them always. Not thread-safe: the owner serialises the calls.
 */
public final class LastN {
    /** No limit: every camera is forwarded. */
    public static final int ALL = Integer.MAX_VALUE;

    private final int limit;
    private Set<String> forwarded = Set.of();

    public LastN(int limit) {
        if (limit < 1) throw new IllegalArgumentException("last-N must be at least 1, was " + limit);
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }

    /**
     * Chooses again.
     *
     * @param cameras   the participants whose cameras the subscriber could receive, in the order they joined
     * @param speakers  participants by how recently each was the active speaker, the latest first (others absent)
     * @param tileAreas the area in device pixels of each camera's tile on the subscriber's page; 0 when not seen,
     *                  absent when the page has not told it
     * @return the cameras to forward, most relevant first, when that set differs from the last choice; else null
     */
    public List<String> choose(List<String> cameras, List<String> speakers, Map<String, Integer> tileAreas) {
        List<String> chosen = ranked(cameras, speakers, tileAreas);
        if (chosen.size() > limit) chosen = chosen.subList(0, limit);
        Set<String> set = new LinkedHashSet<>(chosen);
        if (set.equals(forwarded)) return null;
        forwarded = set;
        return List.copyOf(chosen);
    }

    /** The cameras of the last choice (empty before the first). */
    public Set<String> forwarded() {
        return forwarded;
    }

    /** Every shown camera, most relevant first (see the class comment). */
    static List<String> ranked(List<String> cameras, List<String> speakers, Map<String, Integer> tileAreas) {
        List<String> shown = new ArrayList<>(cameras.size());
        for (String id : new LinkedHashSet<>(cameras)) {
            Integer area = tileAreas.get(id);
            if (area == null || area > 0) shown.add(id);
        }
        List<Integer> classTops = sizeClasses(shown, tileAreas);
        Map<String, Integer> speaking = positions(speakers);
        Map<String, Integer> joining = positions(cameras);
        Comparator<String> bySize = Comparator.comparingInt(id -> sizeClass(tileAreas.get(id), classTops));
        Comparator<String> bySpeaking = Comparator.comparingInt(id -> speaking.getOrDefault(id, Integer.MAX_VALUE));
        Comparator<String> byJoining = Comparator.comparingInt(joining::get);
        shown.sort(bySize.thenComparing(bySpeaking).thenComparing(byJoining));
        return shown;
    }

    /** Each id's first place in the list (a room of a thousand sorts in n log n, not n² log n). */
    private static Map<String, Integer> positions(List<String> order) {
        Map<String, Integer> at = new HashMap<>(order.size() * 2);
        for (int i = 0; i < order.size(); i++) at.putIfAbsent(order.get(i), i);
        return at;
    }

    /**
     * The largest area of each size class, largest first: a class holds the areas above half of its largest.
     */
    private static List<Integer> sizeClasses(List<String> shown, Map<String, Integer> tileAreas) {
        List<Integer> areas = shown.stream().map(tileAreas::get).filter(a -> a != null).sorted(Comparator.reverseOrder())
                .toList();
        List<Integer> tops = new ArrayList<>();
        for (int area : areas) if (tops.isEmpty() || (long) area * 2 <= tops.getLast()) tops.add(area);
        return tops;
    }

    private static int sizeClass(Integer area, List<Integer> classTops) {
        if (area == null) return classTops.size(); // not told yet: below every told size
        int c = 0;
        while (c + 1 < classTops.size() && area <= classTops.get(c + 1)) c++;
        return c;
    }
}
