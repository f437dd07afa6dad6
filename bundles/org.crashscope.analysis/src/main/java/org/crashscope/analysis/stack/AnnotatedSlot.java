package org.crashscope.analysis.stack;

import java.util.List;

import org.crashscope.transcript.model.Shared;
import org.crashscope.transcript.model.StackSlot;
import org.crashscope.analysis.Confidence;

/**
 * A stack word with what it is.
 *
 * @param label    what the word is, in words; {@code null} for a word whose label is made of the word itself (a slab
 *                 object, a kernel symbol, a user address): made when asked, not held for each of a million words
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

    /** What the word is, in words. */
    @Override
    public String label() {
        if (label != null) {
            return label;
        }
        return switch (kind) {
            case SLAB_OBJECT -> String.format("slab object 0x%x (%s)", slot.slabObject(), slot.slabCache());
            case KERNEL_TEXT -> "kernel symbol " + slot.symbol();
            case USER_ADDRESS -> String.format("user address 0x%x", slot.value());
            default -> "";
        };
    }

    /** The first places the value appears elsewhere (see {@link #places()} for how many there are). */
    public List<String> links() {
        return places.shown();
    }

    public enum Kind {
        RETURN_ADDRESS, SAVED_REGISTER, EXCEPTION_FRAME, CANARY, SLAB_OBJECT, KERNEL_TEXT, USER_ADDRESS, DATA
    }
}
