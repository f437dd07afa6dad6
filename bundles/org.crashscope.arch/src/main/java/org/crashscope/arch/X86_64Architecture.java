package org.crashscope.arch;

import java.util.List;
import java.util.Map;

import org.crashscope.arch.paging.PagingModel;
import org.crashscope.arch.x86.Addresses;
import org.crashscope.arch.x86.Disassembler;
import org.crashscope.arch.x86.FaultingInstruction;
import org.crashscope.arch.x86.PtRegs;
import org.crashscope.transcript.model.CodeBytes;
import org.crashscope.transcript.model.Registers;
import org.crashscope.transcript.model.Frame;

/**
 * x86-64: 4- and 5-level paging (arch/x86/include/asm/pgtable_64_types.h), the 47-bit user half,
 * canonical addresses, {@code struct pt_regs} as arch/x86/include/asm/ptrace.h lays it out, the
 * SysV callee-saved set in gcc's push order, and a {@code Code:} decoder (capstone in 64-bit mode).
 */
final class X86_64Architecture implements Architecture {

    private static final List<String> REGISTERS = List.of("rip", "rsp", "rflags", "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "r8", "r9", "r10",
            "r11", "r12", "r13", "r14", "r15", "orig_rax", "cs", "ss", "cr2", "cr3", "cr4");

    @Override
    public Arch arch() {
        return Arch.X86_64;
    }

    @Override
    public boolean modelled() {
        return true;
    }

    @Override
    public PagingModel paging() {
        return PagingModel.x86_64();
    }

    /** A walk printed without its PGD DIRECTORY starts at the table CR3 names (when the top entry lies in it). */
    @Override
    public boolean topTableFromCr3() {
        return true;
    }

    @Override
    public boolean readsTableDumps() {
        return true;
    }

    @Override
    public Boolean isUserAddress(long value) {
        return Long.compareUnsigned(value, 0x0000800000000000L) < 0;
    }

    /** Bits 63..47 all equal, as 4-level paging requires (a transcript rarely says whether 5-level paging was on). */
    @Override
    public Canonical canonical(long virtual) {
        return new Canonical("canonical x86-64 address", Addresses.isCanonical(virtual, false), "4-level paging");
    }

    @Override
    public List<String> registers() {
        return REGISTERS;
    }

    @Override
    public PtRegs ptRegs() {
        return PtRegs.x86_64();
    }

    @Override
    public List<String> calleeSaved() {
        return List.of("rbx", "rbp", "r12", "r13", "r14", "r15");
    }

    /** gcc pushes the SysV callee-saved registers it uses in this order (r15 first, rbx last). */
    @Override
    public List<String> prologuePushOrder() {
        return List.of("r15", "r14", "r13", "r12", "rbp", "rbx");
    }

    @Override
    public boolean decodesCode() {
        return true;
    }

    /** Capstone's x86 decoder in 64-bit mode, loaded only when there is Code to decode (CLI start-up time). */
    @Override
    public FaultingInstruction decodeCode(CodeBytes code, Registers registers) {
        return FaultingInstruction.decode(code, registers, Disassembler.load());
    }

    @Override
    public ArchFacts byRegisters(Map<String, Long> regs, int line, String where) {
        if (regs.containsKey("orig_rax") || regs.containsKey("r15") && regs.containsKey("rax") || regs.containsKey("rip")
                && regs.get("rip") != null && Long.compareUnsigned(regs.get("rip"), 0xffffffffL) > 0) {
            return new ArchFacts(Arch.X86_64, where + " are x86-64's (RAX..R15)", line);
        }
        return null;
    }

    @Override
    public ArchFacts byEntryFrame(Frame f) {
        String fn = f.function();
        if (fn.startsWith("entry_SYSCALL_64") || fn.startsWith("asm_exc_") || fn.startsWith("asm_sysvec_") || fn.equals("do_syscall_64")) {
            return new ArchFacts(Arch.X86_64, "frame " + fn + " is x86-64's entry code", f.line());
        }
        return null;
    }
}
