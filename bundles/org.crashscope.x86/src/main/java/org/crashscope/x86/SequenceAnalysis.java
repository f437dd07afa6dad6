package org.crashscope.x86;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds huge-page entries that break a run: consecutive slots whose pages step by the page size
 * (up or down). An entry is reported only when the run is there on both sides of it (its two
 * neighbours are exactly two steps apart) and on at least one side for two steps; the ends of a
 * run, empty slots and table pointers are never reported.
 */
final class SequenceAnalysis {

    private SequenceAnalysis() {
    }

    static List<Anomaly> anomalies(List<TableSlot> slots) {
        Map<Integer, TableSlot> byIndex = new TreeMap<>();
        slots.forEach(s -> byIndex.put(s.index(), s));
        List<Anomaly> out = new ArrayList<>();
        for (TableSlot slot : byIndex.values()) {
            int i = slot.index();
            TableSlot prev = hugeLeaf(byIndex.get(i - 1));
            TableSlot next = hugeLeaf(byIndex.get(i + 1));
            if (hugeLeaf(slot) == null || prev == null || next == null) {
                continue;
            }
            long size = slot.entry().pageSize();
            for (long step : new long[] {size, -size}) {
                long expected = prev.entry().physical() + step;
                boolean bridged = next.entry().physical() - prev.entry().physical() == 2 * step;
                boolean leftRun = stepsAt(byIndex, i - 2, i - 1, step);
                boolean rightRun = stepsAt(byIndex, i + 1, i + 2, step);
                if (slot.entry().physical() != expected && bridged && (leftRun || rightRun)) {
                    long neighbourFlags = prev.entry().flagBits() & next.entry().flagBits();
                    boolean neighboursAgree = prev.entry().flagBits() == next.entry().flagBits();
                    long mine = slot.entry().flagBits();
                    long missing = neighboursAgree ? neighbourFlags & ~mine : 0;
                    long extra = neighboursAgree ? mine & ~neighbourFlags : 0;
                    out.add(new Anomaly(slot, expected, slot.entry().physical(), step, runEnd(byIndex, i, step, -1), runEnd(byIndex, i, step, +1),
                            missing, extra, neighbourFlags));
                }
            }
        }
        return List.copyOf(out);
    }

    private static TableSlot hugeLeaf(TableSlot slot) {
        return slot != null && slot.entry().present() && slot.entry().leaf() && slot.entry().pageSize() > 4096 ? slot : null;
    }

    private static boolean stepsAt(Map<Integer, TableSlot> byIndex, int a, int b, long step) {
        TableSlot x = hugeLeaf(byIndex.get(a));
        TableSlot y = hugeLeaf(byIndex.get(b));
        return x != null && y != null && y.entry().physical() - x.entry().physical() == step;
    }

    /** How far the run around {@code i} goes in {@code direction}, treating slot i as if it held its expected value. */
    private static int runEnd(Map<Integer, TableSlot> byIndex, int i, long step, int direction) {
        int end = i + direction;
        while (stepsAt(byIndex, direction < 0 ? end - 1 : end, direction < 0 ? end : end + 1, step)) {
            end += direction;
        }
        return end;
    }
}
