package org.crashscope.arch;

import java.util.Locale;

/**
 * The architectures crash analyses, by name: the contract's id, the word size and the names
 * crash, kernel releases and gdb give them. What Crashscope knows of each (paging, registers,
 * decoding, unwinding) is its {@link Architecture} object ({@link #architecture()}, listed in
 * {@link Architectures}); code outside this bundle asks that object and never compares constants.
 */
public enum Arch {
    X86_64("x86_64", 8),
    I386("i386", 4),
    ARM64("arm64", 8),
    PPC64LE("ppc64le", 8),
    PPC64("ppc64", 8),
    S390X("s390x", 8),
    RISCV64("riscv64", 8),
    LOONGARCH64("loongarch64", 8),
    MIPS64("mips64", 8);

    private final String id;
    private final int wordSize;

    Arch(String id, int wordSize) {
        this.id = id;
        this.wordSize = wordSize;
    }

    /** The name of the JSON contract ({@code x86_64}, {@code arm64} ...). */
    public String id() {
        return id;
    }

    /** The size of a stack word and a pointer, in bytes. */
    public int wordSize() {
        return wordSize;
    }

    /** What Crashscope knows of this architecture. */
    public Architecture architecture() {
        return Architectures.of(this);
    }

    /** Whether Crashscope checks this architecture's walks against its paging arithmetic. */
    public boolean pagingModelled() {
        return architecture().modelled();
    }

    /**
     * Whether {@code value} is a user-space address for this architecture's usual split, or
     * {@code null} when the split is not modelled (s390x, whose user and kernel address spaces overlap).
     */
    public Boolean isUserAddress(long value) {
        return architecture().isUserAddress(value);
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
