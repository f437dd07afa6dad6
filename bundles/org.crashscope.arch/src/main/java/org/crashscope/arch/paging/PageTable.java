package org.crashscope.arch.paging;

import java.util.List;
import java.util.Map;

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
        List<Integer> walkSlots, List<Anomaly> anomalies, Map<Integer, TableSlot> byIndex) {

    public PageTable {
        slots = List.copyOf(slots);
        walkSlots = List.copyOf(walkSlots);
        anomalies = List.copyOf(anomalies);
        byIndex = Map.copyOf(byIndex);
    }

    /** The slot with this index, or {@code null} when it was not dumped. */
    public TableSlot slot(int index) {
        return byIndex.get(index);
    }
}
