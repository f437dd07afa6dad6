package org.crashscope.arch;

import java.util.List;
import java.util.Locale;

/**
 * The architectures crash analyses, with what every analysis needs of them: the word size, the
 * registers a callee must preserve, where user space ends, and whether Crashscope models their
 * paging (checks walks) or shows their walks as crash printed them.
 */
public enum Arch {
    X86_64("x86_64", 8, List.of("rbx", "rbp", "r12", "r13", "r14", "r15"), true),
    I386("i386", 4, List.of("ebx", "esi", "edi", "ebp"), true),
    ARM64("arm64", 8, List.of("x19", "x20", "x21", "x22", "x23", "x24", "x25", "x26", "x27", "x28", "x29"), true),
    PPC64LE("ppc64le", 8, List.of(), false),
    PPC64("ppc64", 8, List.of(), false),
    S390X("s390x", 8, List.of(), false),
    RISCV64("riscv64", 8, List.of(), false),
    LOONGARCH64("loongarch64", 8, List.of(), false),
    MIPS64("mips64", 8, List.of(), false);

    private final String id;
    private final int wordSize;
    private final List<String> calleeSaved;
    private final boolean pagingModelled;

    Arch(String id, int wordSize, List<String> calleeSaved, boolean pagingModelled) {
        this.id = id;
        this.wordSize = wordSize;
        this.calleeSaved = calleeSaved;
        this.pagingModelled = pagingModelled;
    }

    /** The name of the JSON contract ({@code x86_64}, {@code arm64} ...). */
    public String id() {
        return id;
    }

    /** The size of a stack word and a pointer, in bytes. */
    public int wordSize() {
        return wordSize;
    }

    /** The registers the ABI makes a callee save and restore (its prologue pushes them), lower case. */
    public List<String> calleeSaved() {
        return calleeSaved;
    }

    /** Whether Crashscope checks this architecture's walks against its paging arithmetic. */
    public boolean pagingModelled() {
        return pagingModelled;
    }

    /**
     * Whether {@code value} is a user-space address for this architecture's usual split, or
     * {@code null} when the split is not modelled (s390x, whose user and kernel address spaces overlap).
     */
    public Boolean isUserAddress(long value) {
        return switch (this) {
            case X86_64 -> Long.compareUnsigned(value, 0x0000800000000000L) < 0;
            case I386 -> Long.compareUnsigned(value, 0xc0000000L) < 0;
            case ARM64, RISCV64, LOONGARCH64, MIPS64, PPC64, PPC64LE -> value >= 0 && Long.compareUnsigned(value, 1L << 52) < 0;
            case S390X -> null;
        };
    }

    /**
     * The architecture a {@code MACHINE:} value, a kernel release suffix or a gdb target names
     * ({@code x86_64}, {@code aarch64}, {@code i686}, {@code ppc64le} ...), or {@code null}.
     */
    public static Arch named(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "x86_64", "amd64", "x86-64", "x64" -> X86_64;
            case "i386", "i486", "i586", "i686", "x86", "ia32" -> I386;
            case "aarch64", "arm64" -> ARM64;
            case "ppc64le", "powerpc64le" -> PPC64LE;
            case "ppc64", "powerpc64" -> PPC64;
            case "s390x" -> S390X;
            case "riscv64" -> RISCV64;
            case "loongarch64", "loongarch" -> LOONGARCH64;
            case "mips64", "mips64el" -> MIPS64;
            default -> null;
        };
    }

    /** The architecture with this contract name, or {@code null}. */
    public static Arch ofId(String id) {
        for (Arch a : values()) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        return null;
    }
}
