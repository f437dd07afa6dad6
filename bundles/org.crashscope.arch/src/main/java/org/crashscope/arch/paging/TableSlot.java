package org.crashscope.arch.paging;

/**
 * One slot of a dumped page table.
 *
 * @param mapsFrom   the first virtual address the slot maps, or {@code null} when the table's owner is unknown
 * @param mapsTo     the end of that range (exclusive), or {@code null}
 * @param nonPresent what a non-present, non-zero entry is, or {@code null}
 */
public record TableSlot(int line, long address, int index, Entry entry, Long mapsFrom, Long mapsTo, NonPresent nonPresent) {

    public boolean empty() {
        return entry.value() == 0;
    }
}
