package org.crashscope.x86;

import java.util.List;

import org.crashscope.transcript.model.Walk;

/**
 * A vtop walk checked against x86-64 paging arithmetic: entry address = table base + index*8 at
 * every level, physical = leaf base + offset, printed flags = flags of the leaf value.
 *
 * @param steps    from the top level down to the leaf
 * @param findings mismatches, each with its line; empty when the walk checks out
 */
public record CheckedWalk(Walk walk, boolean fiveLevel, List<WalkStep> steps, List<Finding> findings) {

    public boolean consistent() {
        return findings.isEmpty();
    }

    /** The leaf step, or {@code null} when the walk did not reach one. */
    public WalkStep leaf() {
        return steps.isEmpty() || !steps.get(steps.size() - 1).entry().leaf() ? null : steps.get(steps.size() - 1);
    }

    /** A mismatch between what crash printed and what the paging arithmetic says, on a line. */
    public record Finding(int line, String message) {
    }
}
