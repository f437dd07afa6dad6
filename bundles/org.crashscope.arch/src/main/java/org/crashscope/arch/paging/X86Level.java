package org.crashscope.arch.paging;

/**
 * The levels of x86 paging, top to bottom. {@code PGD} is the top table (PML4, or PML5 with
 * 5-level paging; old crash calls its entry {@code PML}); {@code P4D} exists only with 5-level paging.
 */
public enum X86Level {
    PGD, P4D, PUD, PMD, PTE;

    /** The lowest bit of the virtual address that indexes a table of this level in x86-64 paging. */
    public int shift(boolean fiveLevel) {
        return switch (this) {
            case PGD -> fiveLevel ? 48 : 39;
            case P4D -> 39;
            case PUD -> 30;
            case PMD -> 21;
            case PTE -> 12;
        };
    }

    /** How many bytes one entry of this level maps (the page size of a leaf at this level). */
    public long entrySpan(boolean fiveLevel) {
        return 1L << shift(fiveLevel);
    }

    /** The table index of {@code virtual} at this level (9 bits). */
    public int index(long virtual, boolean fiveLevel) {
        return (int) ((virtual >>> shift(fiveLevel)) & 0x1ff);
    }

    /** The level named as crash prints it ({@code PML} for the top level of old crash versions), or {@code null}. */
    public static X86Level of(String name) {
        if (name.equalsIgnoreCase("PML")) {
            return PGD;
        }
        for (X86Level l : values()) {
            if (l.name().equalsIgnoreCase(name)) {
                return l;
            }
        }
        return null;
    }
}
