package org.crashscope.library;

import java.time.temporal.IsoFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Cases counted for the Cases view's chart: per ISO week of their first sighting, and per kernel release. */
public final class CaseCounts {

    private CaseCounts() {
    }

    /** Cases per ISO week ({@code 2026-W49}), oldest first, the weeks between without cases as 0. */
    public static Map<String, Integer> perWeek(List<Case> cases) {
        TreeMap<Integer, Integer> byWeek = new TreeMap<>();
        for (Case c : cases) {
            var d = c.firstSeen().toLocalDate();
            int key = d.get(IsoFields.WEEK_BASED_YEAR) * 100 + d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            byWeek.merge(key, 1, Integer::sum);
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        if (byWeek.isEmpty()) {
            return out;
        }
        // every week from the first to the last, so that the bars are a time line (at most two years of them)
        var first = cases.stream().map(c -> c.firstSeen().toLocalDate()).min(java.util.Comparator.naturalOrder()).orElseThrow();
        var last = cases.stream().map(c -> c.firstSeen().toLocalDate()).max(java.util.Comparator.naturalOrder()).orElseThrow();
        if (first.plusWeeks(104).isBefore(last)) {
            first = last.minusWeeks(104);
        }
        for (var d = first.with(java.time.DayOfWeek.MONDAY); !d.isAfter(last); d = d.plusWeeks(1)) {
            int key = d.get(IsoFields.WEEK_BASED_YEAR) * 100 + d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            out.put(String.format(java.util.Locale.ROOT, "%d-W%02d", key / 100, key % 100), byWeek.getOrDefault(key, 0));
        }
        return out;
    }

    /** Cases per kernel release, most first (then by name); cases that name none under {@code ?}. */
    public static Map<String, Integer> perKernel(List<Case> cases) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Case c : cases) {
            counts.merge(c.facts().release() == null ? "?" : c.facts().release(), 1, Integer::sum);
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
