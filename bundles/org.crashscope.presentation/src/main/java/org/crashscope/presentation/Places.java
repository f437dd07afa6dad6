package org.crashscope.presentation;

import java.util.List;

/**
 * Where a value reappears elsewhere in the transcript: the first few places, in words, and how
 * many there are in all.
 */
public record Places(List<String> shown, int total) {

    public static final Places NONE = new Places(List.of(), 0);

    public Places {
        shown = List.copyOf(shown);
    }

    /** The places in one line: "a; b; c" and, when some are not shown, "and N more". */
    public String text() {
        String joined = String.join("; ", shown);
        return more() ? joined + String.format("; and %,d more", total - shown.size()) : joined;
    }

    /** Whether there are more places than are shown. */
    public boolean more() {
        return total > shown.size();
    }
}
