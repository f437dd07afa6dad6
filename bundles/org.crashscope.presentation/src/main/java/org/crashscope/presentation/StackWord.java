package org.crashscope.presentation;

import org.crashscope.transcript.model.Shared;
import org.crashscope.transcript.model.StackSlot;

/**
 * A stack word with what it holds, as every output shows it.
 *
 * @param kind       the contract's kind ({@code return-address}, {@code saved-register}, {@code exception-frame},
 *                   {@code canary}, {@code slab-object}, {@code kernel-text}, {@code user-address}, {@code data})
 * @param register   the register saved in it, or {@code null}
 * @param function   the function whose frame it belongs to, or {@code null}
 * @param rule       which rule produced the label, in words
 * @param confidence {@code high}, {@code medium} or {@code low}
 * @param places     where the same value appears elsewhere
 */
public record StackWord(StackSlot slot, String kind, String label, String register, String function, String rule, String confidence, Places places) {

    public StackWord {
        kind = Shared.text(kind);
        confidence = Shared.text(confidence);
        rule = Shared.text(rule);
    }

    /** Whether the word is labelled with more than "data". */
    public boolean labelled() {
        return !"data".equals(kind);
    }
}
