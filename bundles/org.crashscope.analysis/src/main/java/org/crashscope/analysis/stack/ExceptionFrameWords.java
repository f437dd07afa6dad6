package org.crashscope.analysis.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.crashscope.arch.x86.PtRegs;
import org.crashscope.transcript.model.ExceptionFrame;
import org.crashscope.transcript.model.StackSlot;

/**
 * Where an exception frame's {@code pt_regs} lies among the stack words of a {@code bt -f/-F/-FF}: the
 * base at which the words agree with the registers crash printed for the frame, field by field. The
 * words are the evidence: a base is taken only where the stack pointer, the code and stack segments
 * and no fewer than half of the fields that can be compared hold the printed values, and no field
 * contradicts them (a word bt printed only as a symbol is compared by the symbol of the RIP, or not at
 * all; a slab tag by its object).
 */
final class ExceptionFrameWords {

    /** One placed frame: its base and the words of each field. */
    record Placed(ExceptionFrame frame, long base, PtRegs layout, List<StackSlot> words, int agreeing, int compared) {
    }

    private ExceptionFrameWords() {
    }

    static Placed place(ExceptionFrame frame, PtRegs layout, Map<Long, StackSlot> byAddress) {
        if (layout == null || frame.bogus() || frame.registers().isEmpty()) {
            return null;
        }
        Long sp = frame.registers().get("rsp");
        if (sp == null) {
            return null;
        }
        int spOffset = offsetOf(layout, "rsp");
        Placed best = null;
        for (StackSlot s : byAddress.values()) {
            if (s.value() == null || s.value().longValue() != sp) {
                continue;
            }
            long base = s.address() - spOffset;
            Placed p = at(frame, layout, base, byAddress);
            if (p != null && (best == null || p.agreeing > best.agreeing)) {
                best = p;
            }
        }
        return best;
    }

    private static Placed at(ExceptionFrame frame, PtRegs layout, long base, Map<Long, StackSlot> byAddress) {
        List<StackSlot> words = new ArrayList<>();
        int agreeing = 0;
        int compared = 0;
        for (PtRegs.Field f : layout.fields()) {
            StackSlot w = byAddress.get(base + f.offset());
            if (w == null) {
                return null; // the frame is not printed whole: say nothing of its part
            }
            words.add(w);
            Long printed = frame.registers().get(f.register());
            if (printed == null) {
                continue;
            }
            Boolean agrees = agrees(w, printed, f, frame);
            if (agrees == null) {
                continue;
            }
            if (!agrees) {
                return null;
            }
            compared++;
            agreeing++;
        }
        boolean segments = agreesPrinted(frame, "cs", byAddress.get(base + offsetOf(layout, "cs")))
                || agreesPrinted(frame, "ss", byAddress.get(base + offsetOf(layout, "ss")));
        if (!segments || agreeing * 2 < layout.fields().size()) {
            return null;
        }
        return new Placed(frame, base, layout, List.copyOf(words), agreeing, compared);
    }

    private static boolean agreesPrinted(ExceptionFrame frame, String register, StackSlot w) {
        Long printed = frame.registers().get(register);
        return printed != null && w != null && w.value() != null && w.value().longValue() == printed;
    }

    /** Whether the word holds the printed value; {@code null} when the word cannot tell (a symbol other than the RIP's). */
    private static Boolean agrees(StackSlot w, long printed, PtRegs.Field f, ExceptionFrame frame) {
        if (w.value() != null) {
            return w.value().longValue() == printed;
        }
        if (w.slabObject() != null) {
            return w.slabObject().longValue() == printed;
        }
        if (f.register().equals("rip") && frame.ripText() != null && w.symbol() != null) {
            return symbolOnly(w.symbol()).equals(symbolOnly(frame.ripText())) ? Boolean.TRUE : null;
        }
        return null;
    }

    private static String symbolOnly(String text) {
        return text.strip();
    }

    private static int offsetOf(PtRegs layout, String register) {
        return layout.fields().stream().filter(f -> f.register().equals(register)).findFirst().orElseThrow().offset();
    }
}
