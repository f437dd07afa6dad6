package org.crashscope.arch.x86;

import java.util.List;

import org.crashscope.arch.Arch;

/**
 * The register frame that the entry code pushes on an exception or interrupt ({@code struct pt_regs}),
 * field by field from its base: what an exception frame's words on the stack are. Laid out as
 * arch/x86/include/asm/ptrace.h has it for x86-64 since 2.6.25 (the callee-clobbered registers below
 * {@code orig_ax}, then the five words the CPU pushes); other architectures are not modelled and get
 * {@code null}, so nothing is guessed for them.
 */
public record PtRegs(Arch arch, List<Field> fields) {

    /**
     * One field of the frame.
     *
     * @param name     the kernel's name for it ({@code bx}, {@code orig_ax}, {@code ip})
     * @param register the register crash prints for it, lower case as the parser keys it ({@code rbx}, {@code orig_rax}, {@code rip})
     * @param offset   its offset from the frame's base in bytes
     */
    public record Field(String name, String register, int offset) {
    }

    private static final PtRegs X86_64 = of(Arch.X86_64, new String[][] {
            {"r15", "r15"}, {"r14", "r14"}, {"r13", "r13"}, {"r12", "r12"}, {"bp", "rbp"}, {"bx", "rbx"}, {"r11", "r11"}, {"r10", "r10"},
            {"r9", "r9"}, {"r8", "r8"}, {"ax", "rax"}, {"cx", "rcx"}, {"dx", "rdx"}, {"si", "rsi"}, {"di", "rdi"}, {"orig_ax", "orig_rax"},
            {"ip", "rip"}, {"cs", "cs"}, {"flags", "rflags"}, {"sp", "rsp"}, {"ss", "ss"}});

    private static PtRegs of(Arch arch, String[][] names) {
        Field[] fields = new Field[names.length];
        for (int i = 0; i < names.length; i++) {
            fields[i] = new Field(names[i][0], names[i][1], i * arch.wordSize());
        }
        return new PtRegs(arch, List.of(fields));
    }

    /** x86-64's layout (its {@link org.crashscope.arch.Architecture} hands it out). */
    public static PtRegs x86_64() {
        return X86_64;
    }

    /** The layout for an architecture, or {@code null} where it is not modelled. */
    public static PtRegs forArch(Arch arch) {
        return arch == null ? null : arch.architecture().ptRegs();
    }

    /** The frame's size in bytes. */
    public int size() {
        return fields.size() * arch.wordSize();
    }
}
