package org.crashscope.arch.paging;

import java.util.List;

/**
 * A page-table entry as the paging model of its architecture decodes it. An architecture whose
 * paging is not modelled gives a {@link RawEntry}: its value, as crash printed it, and nothing
 * claimed about its bits.
 */
public sealed interface Entry permits X86Entry, Arm64Entry, RawEntry {

    long value();

    /** The level name as crash prints it (PGD, P4D, PUD, PMD, PTE, RTTE ...). */
    String level();

    /** Whether the bits were decoded by a model (false: nothing below is known). */
    boolean modelled();

    boolean present();

    /** A leaf maps a page (or an arm64 block); anything else points to the next table. */
    boolean leaf();

    /** The size of the page a leaf maps, 0 for a table pointer or when not modelled. */
    long pageSize();

    /** The physical address of the next table or of the page. */
    long physical();

    /** The names of the bits that are set. */
    List<String> flagNames();

    /** What a non-present, non-zero entry holds (a swap slot, a page frame of a special entry), or {@code null}. */
    SwapEntry swap();

    default boolean empty() {
        return value() == 0;
    }
}
