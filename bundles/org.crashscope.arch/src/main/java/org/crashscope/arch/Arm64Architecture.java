package org.crashscope.arch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.crashscope.arch.paging.PagingModel;
import org.crashscope.transcript.model.Frame;

/**
 * arm64: 4 KiB, 16 KiB and 64 KiB granules with their level counts, TTBR0's user half below
 * 2^52, the AAPCS64 callee-saved x19..x29. Its {@code Code:} (32-bit words) is not decoded and
 * its frames' pushes are not guessed.
 */
final class Arm64Architecture implements Architecture {

    private static final List<String> REGISTERS;

    static {
        List<String> names = new ArrayList<>(List.of("pc", "lr", "sp", "pstate"));
        for (int i = 29; i >= 0; i--) {
            names.add("x" + i);
        }
        names.add("orig_x0");
        names.add("syscallno");
        REGISTERS = List.copyOf(names);
    }

    @Override
    public Arch arch() {
        return Arch.ARM64;
    }

    @Override
    public boolean modelled() {
        return true;
    }

    @Override
    public PagingModel paging() {
        return PagingModel.arm64();
    }

    @Override
    public Boolean isUserAddress(long value) {
        return value >= 0 && Long.compareUnsigned(value, 1L << 52) < 0;
    }

    @Override
    public List<String> registers() {
        return REGISTERS;
    }

    @Override
    public List<String> calleeSaved() {
        return List.of("x19", "x20", "x21", "x22", "x23", "x24", "x25", "x26", "x27", "x28", "x29");
    }

    @Override
    public ArchFacts byRegisters(Map<String, Long> regs, int line, String where) {
        if (regs.containsKey("pstate") || regs.containsKey("x29") || regs.containsKey("orig_x0")) {
            return new ArchFacts(Arch.ARM64, where + " are arm64's (x0..x29, pstate)", line);
        }
        return null;
    }

    @Override
    public ArchFacts byEntryFrame(Frame f) {
        String fn = f.function();
        if (fn.startsWith("el0_") || fn.startsWith("el1h_") || fn.startsWith("el1_") || fn.startsWith("__arm64_")) {
            return new ArchFacts(Arch.ARM64, "frame " + fn + " is arm64's exception entry", f.line());
        }
        return null;
    }
}
