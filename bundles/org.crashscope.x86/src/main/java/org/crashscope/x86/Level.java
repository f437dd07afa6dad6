package org.crashscope.x86;

/**
 * The levels of x86-64 paging, top to bottom. {@code PGD} is the top table (PML4, or PML5 with
 * 5-level paging); {@code P4D} exists only with 5-level paging (LA57).
 */
public enum Level {
    PGD, P4D, PUD, PMD, PTE;

    /** The lowest bit of the virtual address that indexes a table of this level (4-level paging for PGD). */
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

    /** Whether an entry of this level may be a leaf (a 1 GiB PUD page, a 2 MiB PMD page, a 4 KiB PTE page). */
    public boolean mayBeLeaf() {
        return this == PUD || this == PMD || this == PTE;
    }

    public Level next() {
        return this == PTE ? null : values()[ordinal() + 1];
    }

    /** The level named as crash prints it, or {@code null}. */
    public static Level of(String name) {
        for (Level l : values()) {
            if (l.name().equalsIgnoreCase(name)) {
                return l;
            }
        }
        return null;
    }
}
