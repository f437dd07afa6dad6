package org.crashscope.arch.paging;

/**
 * What a non-present, non-zero entry is, as far as the transcript shows: a swap slot, a hwpoison or
 * migration entry (naming the page frame it replaced), another special entry, or a PROT_NONE mapping.
 *
 * @param swap     the decoded fields
 * @param physical the page the entry names (special entries and PROT_NONE), or {@code null} for a swap slot
 * @param evidence why this kind, in words
 */
public record NonPresent(Kind kind, SwapEntry swap, Long physical, String evidence) {

    public enum Kind {
        /** a page swapped out to swap file {@code type} at slot {@code offset} */
        SWAP,
        /** a page the kernel took out of use after a memory error ({@code make_hwpoison_entry}) */
        HWPOISON,
        /** a page being migrated ({@code make_migration_entry}) */
        MIGRATION,
        /** a special entry (hwpoison, migration, device, marker) whose kind this kernel's configuration decides */
        SPECIAL,
        /** a PROT_NONE or NUMA-hinting mapping: not present to the hardware, still mapping its page */
        PROT_NONE
    }

    public boolean hwpoison() {
        return kind == Kind.HWPOISON;
    }

    public boolean migration() {
        return kind == Kind.MIGRATION;
    }

    /** One phrase for views and reports. */
    public String describe() {
        return switch (kind) {
            case SWAP -> String.format("swap entry: type %d, offset 0x%x", swap.type(), swap.offset());
            case HWPOISON -> String.format("hwpoison entry for page 0x%x (swap type %d)", physical, swap.type());
            case MIGRATION -> String.format("migration entry for page 0x%x (swap type %d)", physical, swap.type());
            case SPECIAL -> String.format("special entry of swap type %d naming page 0x%x (hwpoison, migration, device or marker)", swap.type(), physical);
            case PROT_NONE -> String.format("PROT_NONE entry for page 0x%x", physical);
        };
    }
}
