package org.crashscope.x86;

import java.util.List;

import org.crashscope.transcript.model.MemoryDump;

/**
 * One page-table page reconstructed from an {@code rd} dump.
 *
 * @param base          the physical base of the table page
 * @param level         the level, or {@code null} when neither a walk nor the entries tell
 * @param levelEvidence why that level: the walk line that reads this table, or the entries' shape
 * @param walkSlots     indexes of slots that a vtop walk of the same transcript reads
 * @param anomalies     entries that break a run of huge pages
 */
public record PageTable(MemoryDump dump, long base, Level level, String levelEvidence, List<TableSlot> slots, List<Integer> walkSlots,
        List<Anomaly> anomalies) {

    /** The slot with this index, or {@code null} when it was not dumped. */
    public TableSlot slot(int index) {
        return slots.stream().filter(s -> s.index() == index).findFirst().orElse(null);
    }
}
