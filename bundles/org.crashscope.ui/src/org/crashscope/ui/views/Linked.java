package org.crashscope.ui.views;

import org.crashscope.presentation.CrossReference;
import org.crashscope.presentation.Outline;
import org.crashscope.presentation.Presentation;
import org.crashscope.presentation.StackWord;
import org.crashscope.presentation.Step;
import org.crashscope.arch.paging.TableSlot;
import org.crashscope.arch.paging.WalkStep;
import org.crashscope.ui.editor.CaretValue;

/**
 * What one part selected, reduced to what the others can find it by: a value (a register's,
 * a stack word's, a page-table entry's), an address (where an entry or a word lies) and the line
 * that shows it. Any may be {@code null}.
 */
public record Linked(Long value, Long address, Integer line, Integer lastLine) {

    public Linked(Long value, Long address, Integer line) {
        this(value, address, line, line);
    }

    /** The link of a selected element, or {@code null} for elements nobody follows. */
    public static Linked of(Object element) {
        return switch (element) {
            case TableSlot t -> new Linked(t.empty() ? null : t.entry().value(), t.address(), t.line());
            case WalkStep w -> new Linked(w.entry().value(), w.entryAddress(), w.line());
            case StackWord a -> new Linked(a.slot().value(), a.slot().address(), a.slot().line());
            case Presentation.RegisterRow r -> new Linked(r.value(), null, null);
            case Presentation.HardwareRow h -> new Linked(h.physical(), h.physical(), h.first());
            case Step f -> f.evidence().isEmpty() ? null : new Linked(null, null, f.evidence().get(0));
            case CaretValue v -> new Linked(v.value(), v.value(), v.line());
            case org.crashscope.transcript.CommandBlock b -> new Linked(null, null, b.firstLine(), b.lastLine());
            case Outline.Node n -> new Linked(null, null, n.firstLine(), n.lastLine());
            case null, default -> null;
        };
    }

    /** Whether {@code candidate} is what this link names: the same value or address (long numbers only), or a line it covers. */
    public boolean matches(Long candidateValue, Long candidateAddress, Integer candidateLine) {
        return significant(value) && (value.equals(candidateValue) || value.equals(candidateAddress))
                || significant(address) && (address.equals(candidateAddress) || address.equals(candidateValue))
                || covers(candidateLine);
    }

    /** Whether {@code candidateLine} lies in the lines this link names. */
    public boolean covers(Integer candidateLine) {
        return line != null && candidateLine != null && candidateLine >= line && candidateLine <= lastLine;
    }

    private static boolean significant(Long v) {
        return CrossReference.linkable(v);
    }
}
