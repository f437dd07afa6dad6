package org.crashscope.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.crashscope.transcript.model.Backtrace;
import org.crashscope.transcript.model.ExceptionFrame;
import org.crashscope.transcript.model.HardwareError;
import org.crashscope.transcript.model.Oops;
import org.crashscope.transcript.model.StackSlot;
import org.crashscope.transcript.model.Walk;
import org.crashscope.transcript.parse.ParsedTranscript;

/** Where a value reappears in a transcript: registers of exception frames and oopses, walked addresses, VMAs, hardware-error pages. */
final class Links {

    private final ParsedTranscript parsed;

    Links(ParsedTranscript parsed) {
        this.parsed = parsed;
    }

    List<String> of(StackSlot slot) {
        return slot.value() == null ? List.of() : of(slot.value(), null, null);
    }

    /**
     * Every place {@code value} appears, except register {@code self} of the register set named
     * {@code selfWhere} (where the value was read from).
     */
    List<String> of(long value, String self, String selfWhere) {
        List<String> out = new ArrayList<>();
        if (value == 0 || value == 1 || value == -1) {
            return out; // too common to mean anything
        }
        for (Backtrace bt : parsed.backtraces()) {
            for (var frame : bt.frames()) {
                ExceptionFrame e = frame.exception();
                if (e != null) {
                    registers(out, e.registers().values(), value, self, selfWhere, where(e));
                }
            }
        }
        for (Oops oops : parsed.oopses()) {
            registers(out, oops.registers().values(), value, self, selfWhere, where(oops));
        }
        for (Walk w : parsed.walks()) {
            for (var level : w.levels()) {
                if (level.value() == value) {
                    out.add(String.format("the %s entry value of the vtop walk at line %d", level.level(), level.line()));
                }
            }
            if (w.virtual() == value) {
                out.add(String.format("the virtual address walked by vtop at line %d", w.span().first()));
            }
            if (w.vma() != null && w.vma().contains(value)) {
                out.add(String.format("inside VMA 0x%x-0x%x (line %d)%s", w.vma().start(), w.vma().end(), w.vma().line(),
                        w.vma().file().isEmpty() ? "" : " " + w.vma().file()));
            }
        }
        for (HardwareError e : parsed.hardwareErrors()) {
            if (e.physicalAddress() != null && (e.physicalAddress() & ~0xfffL) == (value & ~0xfffL)) {
                out.add(String.format("the page of hardware error {%d} (line %d)", e.record(), e.span().first()));
            }
        }
        return out;
    }

    static String where(ExceptionFrame e) {
        return (e.userMode() ? "user-mode" : "exception") + " frame at line " + e.span().first();
    }

    static String where(Oops oops) {
        return "oops at line " + oops.line();
    }

    private static void registers(List<String> out, Map<String, Long> registers, long value, String self, String selfWhere, String where) {
        List<String> names = new ArrayList<>();
        registers.forEach((name, v) -> {
            if (v == value && !(name.equals(self) && where.equals(selfWhere))) {
                names.add(name.toUpperCase(Locale.ROOT));
            }
        });
        if (!names.isEmpty()) {
            out.add(String.join(", ", names) + " of the " + where);
        }
    }
}
