package org.crashscope.presentation;

import java.util.List;

/**
 * One step of the evidence chain as every output shows it.
 *
 * @param id          stable within the analysis ({@code step-3}): what a link or a note names
 * @param kind        the JSON contract's kind ({@code table-slot}, {@code gap})
 * @param heading     the step's heading in words ({@code PAGE-TABLE SLOT}, {@code SOFT OFFLINE})
 * @param confidence  {@code high}, {@code medium} or {@code low}
 * @param evidence    the 1-based lines that prove it
 * @param nextCommand for a gap, the crash command that would fill it; else {@code null}
 * @param typeable    whether that command can be typed into a live crash as it is (no placeholder such as {@code <pid>})
 */
public record Step(String id, String kind, String heading, String text, String confidence, List<Integer> evidence, String nextCommand, boolean typeable) {

    public Step {
        evidence = List.copyOf(evidence);
    }

    public boolean isGap() {
        return nextCommand != null;
    }
}
