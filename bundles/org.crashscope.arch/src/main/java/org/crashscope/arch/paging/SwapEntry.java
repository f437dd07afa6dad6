package org.crashscope.arch.paging;

/**
 * A non-present, non-zero page-table entry decoded as the kernel encodes swap entries, before
 * anything is said of what kind it is (see {@link NonPresent}).
 *
 * @param type     the swap type field (a swap file's index, or one of the special types at the top
 *                 of the range: hwpoison, migration, device, PTE marker)
 * @param offset   the offset field: a slot in the swap file, or for a special type a page frame number
 * @param layout   how the fields were read ({@code "x86-64, offset inverted (L1TF)"} ...)
 * @param protNone the entry is PROT_NONE (x86 bit 8 without PRESENT: a NUMA-hinting or mprotect(PROT_NONE)
 *                 mapping that still names its page), not a swap entry
 */
public record SwapEntry(int type, long offset, String layout, boolean protNone) {

    /** The largest type field (five bits on x86-64). */
    public static final int TYPES = 32;

    /** Whether the type lies where the kernel puts its special, non-swap types (the top ten of 32). */
    public boolean specialRange() {
        return !protNone && type >= TYPES - 10;
    }
}
