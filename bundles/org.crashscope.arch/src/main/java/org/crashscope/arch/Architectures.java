package org.crashscope.arch;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of architectures: one object per {@link Arch}, listed here. A static list in this
 * bundle rather than a {@link java.util.ServiceLoader}: the set is closed and ships with the
 * bundle, and a list is found alike on the CLI's plain class path and in OSGi (where a
 * ServiceLoader needs the Service Loader Mediator and its headers on both sides); a new
 * architecture is one line here, its class, and its {@link Arch} constant (its name and aliases).
 */
public final class Architectures {

    private static final Architecture X86_64 = new X86_64Architecture();

    /** Every architecture, the modelled ones first (the order detection asks them in). */
    private static final List<Architecture> ALL = List.of(
            X86_64,
            new I386Architecture(),
            new Arm64Architecture(),
            new AsPrinted(Arch.PPC64LE, 1L << 52),
            new AsPrinted(Arch.PPC64, 1L << 52),
            new AsPrinted(Arch.S390X, null),
            new AsPrinted(Arch.RISCV64, 1L << 52),
            new AsPrinted(Arch.LOONGARCH64, 1L << 52),
            new AsPrinted(Arch.MIPS64, 1L << 52));

    private static final Architecture UNKNOWN = new UnknownArchitecture(X86_64);

    private static final Map<Arch, Architecture> BY_ARCH = new EnumMap<>(Arch.class);

    static {
        for (Architecture a : ALL) {
            if (BY_ARCH.put(a.arch(), a) != null) {
                throw new IllegalStateException("two objects for " + a.arch());
            }
        }
        for (Arch a : Arch.values()) {
            if (!BY_ARCH.containsKey(a)) {
                throw new IllegalStateException("no object for " + a);
            }
        }
    }

    private Architectures() {
    }

    /** The object of {@code arch}; for {@code null} (not shown), the object that checks and assumes nothing. */
    public static Architecture of(Arch arch) {
        return arch == null ? UNKNOWN : BY_ARCH.get(arch);
    }

    /** Every architecture, the modelled ones first. */
    public static List<Architecture> all() {
        return ALL;
    }
}
