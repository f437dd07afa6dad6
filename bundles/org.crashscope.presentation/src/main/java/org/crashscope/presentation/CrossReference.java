package org.crashscope.presentation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.crashscope.analysis.TranscriptAnalysis;

/**
 * One cross-reference of the values of an analysis, built once: each value to the typed places
 * the analysis knows it at (walk, walk level, table slot, stack word, register, VMA, page, symbol,
 * slab object), each with its line. Properties, hyperlinks, the views' links and the occurrences
 * ask it; a lookup is a hash probe plus the few ranges (VMAs, huge pages) the value may lie in.
 */
public final class CrossReference {

    /** 0, 1 and small flags are everywhere: below this a value links nothing and is not highlighted. */
    public static final long SMALLEST_LINKED = 0x10000;

    private final Map<Long, List<ValueMeanings.Meaning>> exact;
    private final List<ValueMeanings.Range> ranges;

    private CrossReference(Map<Long, List<ValueMeanings.Meaning>> exact, List<ValueMeanings.Range> ranges) {
        this.exact = exact;
        this.ranges = ranges;
    }

    static CrossReference of(TranscriptAnalysis analysis) {
        Map<Long, List<ValueMeanings.Meaning>> exact = new HashMap<>();
        List<ValueMeanings.Range> ranges = new ArrayList<>();
        ValueMeanings.collect(analysis, (value, meaning) -> exact.computeIfAbsent(value, k -> new ArrayList<>(2)).add(meaning), ranges::add);
        return new CrossReference(exact, List.copyOf(ranges));
    }

    /** What {@code value} is, in the order of the views (walks, tables, stack, registers, pages); empty when nothing. */
    public List<ValueMeanings.Meaning> meanings(long value) {
        List<ValueMeanings.Meaning> out = new ArrayList<>(exact.getOrDefault(value, List.of()));
        for (ValueMeanings.Range r : ranges) {
            if (Long.compareUnsigned(value, r.start()) >= 0 && Long.compareUnsigned(value, r.end()) < 0 && value != r.except()) {
                out.add(r.meaning());
            }
        }
        out.sort(java.util.Comparator.comparingInt(ValueMeanings.Meaning::order));
        return out;
    }

    /** Whether {@code value} is worth linking or highlighting: not 0, 1 or a small flag. */
    public static boolean linkable(Long value) {
        return value != null && Long.compareUnsigned(value, SMALLEST_LINKED) >= 0;
    }
}
