package org.crashscope.arch;

import java.util.List;
import java.util.Map;

import org.crashscope.arch.paging.PagingModel;
import org.crashscope.transcript.model.Frame;

/**
 * i386: two-level and PAE paging, the 3 GiB user split (CONFIG_VMSPLIT_3G), the cdecl
 * callee-saved set. Its {@code Code:} is not decoded: the decoder reads x86-64 code (capstone in
 * 64-bit mode), and 32-bit code read so is wrong (0x40..0x4f are inc/dec there, REX prefixes
 * here), so nothing is said rather than a wrong instruction.
 */
final class I386Architecture implements Architecture {

    private static final List<String> REGISTERS = List.of("eip", "esp", "eflags", "eax", "ebx", "ecx", "edx", "esi", "edi", "ebp", "orig_eax", "cs",
            "ds", "es", "fs", "gs", "ss", "cr2", "cr3");

    @Override
    public Arch arch() {
        return Arch.I386;
    }

    @Override
    public boolean modelled() {
        return true;
    }

    @Override
    public PagingModel paging() {
        return PagingModel.i386();
    }

    @Override
    public Boolean isUserAddress(long value) {
        return Long.compareUnsigned(value, 0xc0000000L) < 0;
    }

    @Override
    public List<String> registers() {
        return REGISTERS;
    }

    @Override
    public List<String> calleeSaved() {
        return List.of("ebx", "esi", "edi", "ebp");
    }

    @Override
    public ArchFacts byRegisters(Map<String, Long> regs, int line, String where) {
        if (regs.containsKey("eip") || regs.containsKey("eax") && regs.containsKey("ebp")) {
            return new ArchFacts(Arch.I386, where + " are i386's (EAX..EIP)", line);
        }
        return null;
    }

    @Override
    public ArchFacts byEntryFrame(Frame f) {
        String fn = f.function();
        if (fn.startsWith("sysenter_") || fn.equals("syscall_call") || fn.equals("system_call") && Long.compareUnsigned(f.stackAddress(), 0xffffffffL) <= 0) {
            return new ArchFacts(Arch.I386, "frame " + fn + " at 32-bit stack address " + Long.toHexString(f.stackAddress()) + " is i386's", f.line());
        }
        return null;
    }
}
