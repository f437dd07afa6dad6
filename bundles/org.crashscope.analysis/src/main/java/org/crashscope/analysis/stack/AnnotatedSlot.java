package org.crashscope.analysis.stack;

import java.util.List;

import org.crashscope.transcript.model.Shared;
import org.crashscope.transcript.model.StackSlot;
import org.crashscope.analysis.Confidence;

/**
 * A stack word with what it is.
 *
 * @param register the register saved in it ({@code rbx}; for an exception frame's word, the register its {@code pt_regs}
 *                 field holds, as crash prints it: {@code rip}, {@code orig_rax}), or {@code null}
 * @param function the function whose frame it belongs to: the callee that saved a register, the
 *                 caller a return address returns into; {@code null} when unknown
 * @param rule     which rule produced the label, in words
 * @param places   where the same value appears elsewhere in the transcript (the first few, and how many)
 */
public record AnnotatedSlot(StackSlot slot, Kind kind, String label, String register, String function, String rule, Confidence confidence,
        Links places) {

    public AnnotatedSlot {
        rule = Shared.text(rule);
    }

    /** The first places the value appears elsewhere (see {@link #places()} for how many there are). */
    public List<String> links() {
        return places.shown();
    }

    public enum Kind {
        RETURN_ADDRESS, SAVED_REGISTER, EXCEPTION_FRAME, CANARY, SLAB_OBJECT, KERNEL_TEXT, USER_ADDRESS, DATA
    }
}
