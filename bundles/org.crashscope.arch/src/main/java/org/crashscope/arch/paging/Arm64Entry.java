package org.crashscope.arch.paging;

import java.util.ArrayList;
import java.util.List;

/**
 * An arm64 translation-table descriptor (VMSAv8-64, 4/16/64 KiB granules).
 *
 * @param value      the raw descriptor
 * @param level      the level name crash printed (PGD, P4D, PUD, PMD, PTE)
 * @param pageShift  the granule: 12, 14 or 16
 * @param levelShift the lowest virtual-address bit this level's table is indexed by
 * @param lastLevel  whether this is the last level (PTE), where bit 1 means page, not table
 */
public record Arm64Entry(long value, String level, int pageShift, int levelShift, boolean lastLevel) implements Entry {

    public static final long VALID = 1L;
    public static final long TABLE_OR_PAGE = 1L << 1;
    public static final long USER = 1L << 6;
    public static final long RDONLY = 1L << 7;
    public static final long SHARED = 3L << 8;
    public static final long AF = 1L << 10;
    public static final long NG = 1L << 11;
    public static final long PXN = 1L << 53;
    public static final long UXN = 1L << 54;
    public static final long DIRTY = 1L << 55;
    public static final long SPECIAL = 1L << 56;
    /** Output-address bits 47..12 (a 48-bit physical address space). */
    public static final long ADDRESS_MASK = 0x0000fffffffff000L;

    @Override
    public boolean modelled() {
        return true;
    }

    @Override
    public boolean present() {
        return (value & VALID) != 0;
    }

    /** A block (bit 1 clear above the last level) or a page (the last level) maps memory; a table descriptor points on. */
    @Override
    public boolean leaf() {
        return present() && (lastLevel || (value & TABLE_OR_PAGE) == 0);
    }

    /** A block descriptor: a leaf above the last level. */
    public boolean block() {
        return leaf() && !lastLevel;
    }

    @Override
    public long pageSize() {
        return leaf() ? 1L << levelShift : 0;
    }

    @Override
    public long physical() {
        long granuleMask = ~((1L << pageShift) - 1);
        long out = value & ADDRESS_MASK & granuleMask;
        return block() ? out & ~((1L << levelShift) - 1) : out;
    }

    /** The PHYSICAL column crash prints for this descriptor: its output address bits without the block alignment. */
    public long printedPhysical() {
        return value & ADDRESS_MASK & ~((1L << pageShift) - 1);
    }

    @Override
    public List<String> flagNames() {
        List<String> names = new ArrayList<>();
        if (!present()) {
            return names;
        }
        names.add("VALID");
        add(names, USER, "USER");
        add(names, RDONLY, "RDONLY");
        if ((value & SHARED) != 0) {
            names.add("SHARED");
        }
        add(names, AF, "AF");
        add(names, NG, "NG");
        add(names, PXN, "PXN");
        add(names, UXN, "UXN");
        add(names, DIRTY, "DIRTY");
        add(names, SPECIAL, "SPECIAL");
        return names;
    }

    /** arm64 swap entries: type in bits 2..7, offset from bit 8. */
    @Override
    public SwapEntry swap() {
        if (present() || value == 0) {
            return null;
        }
        return new SwapEntry((int) ((value >>> 2) & 0x3f), (value >>> 8) & ((1L << 50) - 1), "arm64", false);
    }

    private void add(List<String> names, long bit, String name) {
        if ((value & bit) != 0) {
            names.add(name);
        }
    }
}
