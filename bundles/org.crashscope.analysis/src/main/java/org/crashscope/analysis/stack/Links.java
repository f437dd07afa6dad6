package org.crashscope.analysis.stack;

import java.util.List;

/**
 * Where a value appears elsewhere, as a person reads it: the first {@link #SHOWN} places in
 * transcript order and how many there are in all. The {@link ValueIndex} keeps every place; what
 * is shown is capped so that a value found in a thousand frames costs ten lines, not a thousand,
 * in every slot that holds it.
 *
 * @param shown the first places, at most {@link #SHOWN}
 * @param total how many places there are, {@code shown} included
 */
public record Links(List<String> shown, int total) {

    /** How many places are named; the rest are counted. */
    public static final int SHOWN = 10;

    public static final Links NONE = new Links(List.of(), 0);

    public Links {
        shown = List.copyOf(shown);
    }

    /** The first {@link #SHOWN} of {@code all}, and their number. */
    public static Links of(List<String> all) {
        return all.isEmpty() ? NONE : new Links(all.subList(0, Math.min(SHOWN, all.size())), all.size());
    }

    public boolean isEmpty() {
        return total == 0;
    }

    /** The places in one line: "a; b; c" and, when some are not shown, "and N more". */
    public String text() {
        String joined = String.join("; ", shown);
        return total > shown.size() ? joined + String.format("; and %,d more", total - shown.size()) : joined;
    }
}
