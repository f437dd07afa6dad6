package org.crashscope.arch.paging;

import java.util.List;

import org.crashscope.transcript.model.MemoryDump;

/**
 * One page-table page reconstructed from an {@code rd} dump.
 *
 * @param base          the physical base of the table page
 * @param level         the level (PGD, P4D, PUD, PMD, PTE), or {@code null} when neither a walk nor the entries tell
 * @param levelEvidence why that level and why a page table at all: the walk line that reads it, or the entries' shape
 * @param confidence    {@code high} when a walk reads the table, {@code medium} when only its entries' shape says so
 * @param walkSlots     indexes of slots that a vtop walk of the same transcript reads
 * @param anomalies     entries that break a run of huge pages
 */
public record PageTable(MemoryDump dump, long base, String level, String levelEvidence, String confidence, List<TableSlot> slots,
        List<Integer> walkSlots, List<Anomaly> anomalies) {

    public PageTable {
        slots = slots instanceof TableSlots ? slots : List.copyOf(slots); // read from the dump when asked
        walkSlots = List.copyOf(walkSlots);
        anomalies = List.copyOf(anomalies);
    }

    /**
     * The slot with this index (the first dumped, when a dump repeats it), or {@code null} when it was
     * not dumped. Looked for among at most 512 slots: a map of them held a box and an entry per slot of
     * every table (6 MB of a transcript with 500 dumped tables).
     */
    public TableSlot slot(int index) {
        for (TableSlot slot : slots) {
            if (slot.index() == index) {
                return slot;
            }
        }
        return null;
    }
}
