package org.crashscope.arch.paging;

import java.util.ArrayList;
import java.util.List;

/**
 * An x86 page-table entry: 64-bit in long mode (x86-64) and with PAE, 32-bit in i386's two-level
 * paging.
 *
 * @param value  the raw entry
 * @param x86Level the level of the table that holds it
 * @param format which x86 paging the entry belongs to
 */
public record X86Entry(long value, X86Level x86Level, Format format) implements Entry {

    /** The x86 paging modes. */
    public enum Format {
        /** x86-64 4- or 5-level paging */
        LONG_MODE,
        /** i386 with PAE: 64-bit entries, PGD (4 entries), PMD, PTE */
        PAE,
        /** i386 two-level paging: 32-bit entries, PGD (PMD folded into it), PTE; 4 MiB pages at the PGD */
        LEGACY
    }

    public static final long PRESENT = 1L;
    public static final long RW = 1L << 1;
    public static final long USER = 1L << 2;
    public static final long PWT = 1L << 3;
    public static final long PCD = 1L << 4;
    public static final long ACCESSED = 1L << 5;
    public static final long DIRTY = 1L << 6;
    /** PSE (page size) in PUD/PMD entries; PAT in PTEs. */
    public static final long PSE = 1L << 7;
    /** GLOBAL for a present entry; PROTNONE (a PROT_NONE mapping) for a non-present one. */
    public static final long GLOBAL = 1L << 8;
    /** PAT bit of a 2 MiB or 1 GiB leaf. */
    public static final long HUGE_PAT = 1L << 12;
    public static final long NX = 1L << 63;
    /** Physical address bits 12..51. */
    public static final long PHYSICAL_MASK = 0x000ffffffffff000L;
    private static final long LEGACY_MASK = 0xfffff000L;
    private static final long SOFTWARE_MASK = 0x0e00L | 0x07f0000000000000L;

    /** An x86-64 entry. */
    public X86Entry(long value, X86Level x86Level) {
        this(value, x86Level, Format.LONG_MODE);
    }

    /** The last x86-64 entries made by {@link #of}, by value and level (a slot holds the last; entries never change). */
    private static final X86Entry[] MADE = new X86Entry[1 << 12];

    /**
     * An x86-64 entry, the one made before when it was made lately: the walks of a transcript read the same upper
     * tables, a hundred thousand vtops four entries each and most of them the same few.
     */
    static X86Entry of(long value, X86Level level) {
        int slot = (int) ((value ^ (long) level.ordinal() << 59) * 0x9E3779B97F4A7C15L >>> 52); // (the level counts as much as the value)
        X86Entry held = MADE[slot];
        if (held != null && held.value == value && held.x86Level == level) {
            return held;
        }
        X86Entry made = new X86Entry(value, level);
        MADE[slot] = made;
        return made;
    }

    @Override
    public String level() {
        return x86Level.name();
    }

    @Override
    public boolean modelled() {
        return true;
    }

    @Override
    public boolean present() {
        return (value & PRESENT) != 0;
    }

    /** A leaf maps a page; anything else points to the next table. */
    @Override
    public boolean leaf() {
        if (x86Level == X86Level.PTE) {
            return true;
        }
        boolean pse = (value & PSE) != 0;
        return switch (format) {
            case LONG_MODE -> (x86Level == X86Level.PUD || x86Level == X86Level.PMD) && pse;
            case PAE -> x86Level == X86Level.PMD && pse;
            case LEGACY -> x86Level == X86Level.PGD && pse;
        };
    }

    /** The page size of a leaf (4 KiB, 2 or 4 MiB, 1 GiB), or 0 for a table pointer. */
    @Override
    public long pageSize() {
        if (!leaf()) {
            return 0;
        }
        return switch (x86Level) {
            case PUD -> 1L << 30;
            case PMD -> 2L << 20;
            case PGD -> 4L << 20;
            default -> 4096;
        };
    }

    private long mask() {
        return format == Format.LEGACY ? LEGACY_MASK : PHYSICAL_MASK;
    }

    /** The physical address it points to: the next table, or the page (huge pages without their PAT bit). */
    @Override
    public long physical() {
        long size = pageSize();
        return size > 4096 ? value & mask() & ~(size - 1) : value & mask();
    }

    /** The flag bits (everything but the physical address). */
    public long flagBits() {
        return value & ~mask() | (pageSize() > 4096 ? value & HUGE_PAT : 0);
    }

    /** Flag names: PRESENT|RW|USER|PWT|PCD|ACCESSED|DIRTY|PSE|GLOBAL|NX (PAT for a PTE's bit 7 and a huge page's bit 12, SW(...) for software bits). */
    @Override
    public List<String> flagNames() {
        List<String> names = new ArrayList<>();
        SwapEntry swap = swap();
        if (swap != null && !swap.protNone()) {
            return names; // a swap entry's bits are its type and offset, not flags
        }
        add(names, PRESENT, "PRESENT");
        add(names, RW, "RW");
        add(names, USER, "USER");
        add(names, PWT, "PWT");
        add(names, PCD, "PCD");
        add(names, ACCESSED, "ACCESSED");
        add(names, DIRTY, "DIRTY");
        add(names, PSE, x86Level == X86Level.PTE ? "PAT" : "PSE");
        if ((value & GLOBAL) != 0) {
            names.add(present() ? "GLOBAL" : "PROTNONE");
        }
        if (pageSize() > 4096 && (value & HUGE_PAT) != 0 && format != Format.LEGACY) {
            names.add("PAT");
        }
        if (format != Format.LEGACY && (value & SOFTWARE_MASK) != 0) {
            names.add("SW(0x" + Long.toHexString(value & SOFTWARE_MASK) + ")");
        }
        if (format != Format.LEGACY) {
            add(names, NX, "NX");
        }
        return names;
    }

    /**
     * The flags crash's {@code x86_64_translate_pte()} / {@code x86_translate_pte()} print for this
     * value: bit 7 as PSE whatever the level, PROTNONE for bit 8 of a non-present entry, and GLOBAL
     * for bit 8 (crash names both).
     */
    public List<String> crashFlagNames() {
        List<String> names = new ArrayList<>();
        if (value == 0) {
            return names;
        }
        add(names, PRESENT, "PRESENT");
        add(names, RW, "RW");
        add(names, USER, "USER");
        add(names, PWT, "PWT");
        add(names, PCD, "PCD");
        add(names, ACCESSED, "ACCESSED");
        add(names, DIRTY, "DIRTY");
        if ((value & PSE) != 0 && present()) {
            names.add("PSE");
        }
        if ((value & GLOBAL) != 0 && !present()) {
            names.add("PROTNONE");
        }
        add(names, GLOBAL, "GLOBAL");
        if (format != Format.LEGACY) {
            add(names, NX, "NX");
        }
        return names;
    }

    /**
     * A non-present, non-zero x86-64 entry read as a swap entry: since the L1TF mitigation (4.19, and
     * distribution kernels that took it) the type is bits 59..63 and the offset the inverse of bits
     * 9..58; before it the type was bits 9..13 and the offset bits 14..63. The layout is told apart
     * by the offset's high bits (an inverted small offset is all ones there). A PROT_NONE entry
     * (bit 8) is a mapping, its page frame stored inverted since L1TF when that reads as a frame.
     */
    @Override
    public SwapEntry swap() {
        if (present() || value == 0 || format != Format.LONG_MODE) {
            return null;
        }
        if ((value & GLOBAL) != 0) {
            long raw = value & PHYSICAL_MASK;
            long inverted = ~value & PHYSICAL_MASK;
            return new SwapEntry(0, (Long.compareUnsigned(inverted, raw) < 0 ? inverted : raw) >>> 12, "x86-64 PROT_NONE", true);
        }
        long high = (value >>> 40) & 0x7ffffL; // bits 40..58 of the offset field
        if (high == 0x7ffffL) {
            long offset = (~value << 5) >>> 14;
            return new SwapEntry((int) (value >>> 59), offset, "x86-64, offset inverted (L1TF)", false);
        }
        if ((value >>> 40) == 0) {
            return new SwapEntry((int) ((value >>> 9) & 0x1f), value >>> 14, "x86-64, before L1TF", false);
        }
        return null;
    }

    /** Names of the flag bits set in {@code bits} (a difference of two entries' flags). */
    public static List<String> names(long bits) {
        List<String> names = new ArrayList<>();
        long[] masks = {PRESENT, RW, USER, PWT, PCD, ACCESSED, DIRTY, PSE, GLOBAL, NX};
        String[] labels = {"PRESENT", "RW", "USER", "PWT", "PCD", "ACCESSED", "DIRTY", "PSE", "GLOBAL", "NX"};
        for (int i = 0; i < masks.length; i++) {
            if ((bits & masks[i]) != 0) {
                names.add(labels[i]);
            }
        }
        return names;
    }

    private void add(List<String> names, long bit, String name) {
        if ((value & bit) != 0) {
            names.add(name);
        }
    }
}
