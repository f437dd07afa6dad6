package org.crashscope.x86;

import java.util.ArrayList;
import java.util.List;

/**
 * A decoded x86-64 page-table entry of a given level.
 *
 * @param value the raw 64-bit entry
 * @param level the level of the table that holds it
 */
public record Entry(long value, Level level) {

    public static final long PRESENT = 1L;
    public static final long RW = 1L << 1;
    public static final long USER = 1L << 2;
    public static final long PWT = 1L << 3;
    public static final long PCD = 1L << 4;
    public static final long ACCESSED = 1L << 5;
    public static final long DIRTY = 1L << 6;
    /** PSE (page size) in PUD/PMD entries; PAT in PTEs. */
    public static final long PSE = 1L << 7;
    public static final long GLOBAL = 1L << 8;
    /** PAT bit of a 2 MiB or 1 GiB leaf. */
    public static final long HUGE_PAT = 1L << 12;
    public static final long NX = 1L << 63;
    /** Physical address bits 12..51. */
    public static final long PHYSICAL_MASK = 0x000ffffffffff000L;
    private static final long SOFTWARE_MASK = 0x0e00L | 0x07f0000000000000L;

    public boolean present() {
        return (value & PRESENT) != 0;
    }

    /** A leaf maps a page; anything else points to the next table. */
    public boolean leaf() {
        return level == Level.PTE || (level == Level.PUD || level == Level.PMD) && (value & PSE) != 0;
    }

    /** The page size of a leaf (4 KiB, 2 MiB, 1 GiB), or 0 for a table pointer. */
    public long pageSize() {
        if (!leaf()) {
            return 0;
        }
        return switch (level) {
            case PUD -> 1L << 30;
            case PMD -> 2L << 20;
            default -> 4096;
        };
    }

    /** The physical address it points to: the next table, or the page (huge pages without their PAT bit). */
    public long physical() {
        long size = pageSize();
        return size > 4096 ? value & PHYSICAL_MASK & ~(size - 1) : value & PHYSICAL_MASK;
    }

    /** The flag bits (everything but the physical address). */
    public long flagBits() {
        return value & ~PHYSICAL_MASK | (pageSize() > 4096 ? value & HUGE_PAT : 0);
    }

    /** Flag names as crash prints them: PRESENT|RW|USER|PWT|PCD|ACCESSED|DIRTY|PSE|GLOBAL|NX (PAT for a PTE's bit 7). */
    public List<String> flagNames() {
        List<String> names = new ArrayList<>();
        add(names, PRESENT, "PRESENT");
        add(names, RW, "RW");
        add(names, USER, "USER");
        add(names, PWT, "PWT");
        add(names, PCD, "PCD");
        add(names, ACCESSED, "ACCESSED");
        add(names, DIRTY, "DIRTY");
        add(names, PSE, level == Level.PTE ? "PAT" : "PSE");
        add(names, GLOBAL, "GLOBAL");
        if (pageSize() > 4096 && (value & HUGE_PAT) != 0) {
            names.add("PAT");
        }
        if ((value & SOFTWARE_MASK) != 0) {
            names.add("SW(0x" + Long.toHexString(value & SOFTWARE_MASK) + ")");
        }
        add(names, NX, "NX");
        return names;
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
