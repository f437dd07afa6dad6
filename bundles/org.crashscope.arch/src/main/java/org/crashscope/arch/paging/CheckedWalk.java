package org.crashscope.arch.paging;

import java.util.List;

import org.crashscope.arch.Arch;
import org.crashscope.transcript.model.Shared;
import org.crashscope.transcript.model.Walk;

/**
 * A vtop walk read with its architecture's paging model: entry address = table base + index * entry
 * size at every level, physical = leaf base + offset, printed flags = the leaf value's flags. A walk
 * of an architecture (or a mode) that is not modelled is shown as crash printed it and is neither
 * consistent nor inconsistent: {@link #consistent()} is {@code null} and {@link #notChecked()} says why.
 *
 * @param arch       the architecture the walk was read with, or {@code null} when unknown
 * @param paging     the paging mode the arithmetic used ({@code x86-64 4-level}), or {@code null} when not checked
 * @param notChecked why the walk was not checked, or {@code null}
 * @param steps      from the top level down to the leaf
 * @param checks     mismatches and notes, each with its line
 * @param fields     how the virtual address splits into index fields (empty when not modelled)
 */
public record CheckedWalk(Walk walk, Arch arch, String paging, String notChecked, List<WalkStep> steps, List<Check> checks,
        List<IndexField> fields) {

    public CheckedWalk {
        paging = Shared.text(paging);
    }

    /** {@code true} when the arithmetic holds, {@code false} when a mismatch was found, {@code null} when not checked. */
    public Boolean consistent() {
        return paging == null ? null : checks.stream().noneMatch(Check::mismatch);
    }

    /** The mismatches only. */
    public List<Check> mismatches() {
        return checks.stream().filter(Check::mismatch).toList();
    }

    /** The leaf step, or {@code null} when the walk did not reach one (or the paging is not modelled). */
    public WalkStep leaf() {
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i).entry().leaf()) {
                return steps.get(i);
            }
        }
        return null;
    }

    /** Whether the walk was read with 5-level x86-64 paging. */
    public boolean fiveLevel() {
        return paging != null && paging.contains("5-level");
    }

    /**
     * A finding of the check on a line: a mismatch between what crash printed and what the paging
     * arithmetic says, or a note that holds no judgement (crash printed a level past a block entry).
     */
    public record Check(int line, String message, boolean mismatch) {

        public Check {
            // the same few hundred sentences over the walks of a big transcript
            message = Shared.text(message);
        }

        static Check mismatch(int line, String message) {
            return new Check(line, message, true);
        }

        static Check note(int line, String message) {
            return new Check(line, message, false);
        }
    }
}
