package org.crashscope.arch.paging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds the slots that break a run of huge pages. A run is the set of present huge leaves whose
 * page equals {@code c + step * index} for one constant {@code c}, with step = plus or minus the
 * page size: a hugetlb pool handed out in order, in either direction, with gaps where slots are
 * empty. Two members are enough to predict the slots between them (the confidence says how much
 * supports it). A slot strictly inside a run (members on both sides) that holds another page, or
 * no page but a non-zero entry, is an anomaly; the ends of a run, empty slots, table pointers and
 * slots that are themselves members of another run are never reported. The slots are sorted once: n log n.
 */
final class SequenceAnalysis {

    private SequenceAnalysis() {
    }

    static List<Anomaly> anomalies(List<TableSlot> slots) {
        TreeMap<Integer, TableSlot> byIndex = new TreeMap<>();
        slots.forEach(s -> byIndex.put(s.index(), s));
        List<TableSlot> leaves = byIndex.values().stream().filter(s -> hugeLeaf(s) != null).toList();
        if (leaves.size() < 2) {
            return List.of();
        }
        long size = leaves.get(0).entry().pageSize();
        // candidate runs in both directions: slots whose page is intercept + step * index
        List<Run> candidates = new ArrayList<>();
        for (long step : new long[] {size, -size}) {
            candidates.addAll(runs(leaves, size, step));
        }
        // a slot belongs to the largest run it fits (a displaced page forms a chance pair with one
        // member of the run it broke); runs left with fewer than two members are no runs
        candidates.sort((a, b) -> Integer.compare(b.members.size(), a.members.size()));
        Map<Integer, Run> owner = new HashMap<>();
        for (Run r : candidates) {
            r.members.forEach(m -> owner.putIfAbsent(m.index(), r));
        }
        List<Run> runs = new ArrayList<>();
        for (Run r : candidates) {
            List<TableSlot> own = r.members.stream().filter(m -> owner.get(m.index()) == r).toList();
            if (own.size() >= 2) {
                runs.add(new Run(r.intercept, r.step, own));
            }
        }
        Map<Integer, Run> membership = new HashMap<>();
        runs.forEach(r -> r.members.forEach(m -> membership.put(m.index(), r)));
        Map<Integer, Anomaly> out = new TreeMap<>();
        for (Run run : runs) {
            int first = run.members.get(0).index();
            int last = run.members.get(run.members.size() - 1).index();
            for (TableSlot slot : byIndex.subMap(first, false, last, false).values()) {
                if (slot.empty() || membership.containsKey(slot.index())) {
                    continue;
                }
                keep(out, anomaly(run, slot, run.intercept + run.step * slot.index(), first, last, byIndex));
            }
            // just past either end: only a non-present entry that itself names the page the run predicts
            for (TableSlot edge : new TableSlot[] {byIndex.get(first - 1), byIndex.get(last + 1)}) {
                if (edge != null && !edge.empty() && !edge.entry().present() && !membership.containsKey(edge.index())) {
                    long expected = run.intercept + run.step * edge.index();
                    if (edge.nonPresent() != null && edge.nonPresent().physical() != null && edge.nonPresent().physical() == expected) {
                        keep(out, anomaly(run, edge, expected, first, last, byIndex));
                    }
                }
            }
        }
        return List.copyOf(out.values());
    }

    /**
     * The slots of each intercept ({@code page - step * index}) that two or more of the leaves of {@code size} share, in
     * the order of the intercepts, each run's members in the leaves' order. (Grouped by a stable sort: as the keys of a
     * hash map, the intercepts of a table's 512 slots differ only in their high bits, and fell into a few buckets.)
     */
    private static List<Run> runs(List<TableSlot> leaves, long size, long step) {
        List<TableSlot> sorted = new ArrayList<>(leaves.stream().filter(s -> s.entry().pageSize() == size).toList());
        sorted.sort(Comparator.comparingLong(s -> intercept(s, step)));
        List<Run> out = new ArrayList<>();
        for (int from = 0, to; from < sorted.size(); from = to) {
            long intercept = intercept(sorted.get(from), step);
            to = from + 1;
            while (to < sorted.size() && intercept(sorted.get(to), step) == intercept) {
                to++;
            }
            if (to - from >= 2) {
                out.add(new Run(intercept, step, List.copyOf(sorted.subList(from, to))));
            }
        }
        return out;
    }

    private static long intercept(TableSlot slot, long step) {
        return slot.entry().physical() - step * slot.index();
    }

    private static void keep(Map<Integer, Anomaly> out, Anomaly a) {
        if (a != null) {
            Anomaly old = out.get(a.slot().index());
            if (old == null || old.runMembers() < a.runMembers()) {
                out.put(a.slot().index(), a);
            }
        }
    }

    private record Run(long intercept, long step, List<TableSlot> members) {
        boolean contains(TableSlot s) {
            return hugeLeaf(s) != null && s.entry().physical() == intercept + step * s.index();
        }
    }

    private static Anomaly anomaly(Run run, TableSlot slot, long expected, int first, int last, TreeMap<Integer, TableSlot> byIndex) {
        Entry e = slot.entry();
        Anomaly.Kind kind;
        Long found;
        if (hugeLeaf(slot) != null) {
            kind = Anomaly.Kind.OUT_OF_SEQUENCE;
            found = e.physical();
        } else if (!e.present()) {
            kind = Anomaly.Kind.NON_PRESENT;
            found = null;
        } else {
            return null; // a table pointer: the range is mapped by smaller pages (a split huge page)
        }
        TableSlot prev = nearestMember(run, byIndex, slot.index(), -1);
        TableSlot next = nearestMember(run, byIndex, slot.index(), +1);
        long missing = 0;
        long extra = 0;
        long shared = 0;
        if (prev != null && next != null && prev.entry() instanceof X86Entry p && next.entry() instanceof X86Entry n && e instanceof X86Entry mine
                && kind == Anomaly.Kind.OUT_OF_SEQUENCE) {
            shared = p.flagBits() & n.flagBits();
            if (p.flagBits() == n.flagBits()) {
                missing = shared & ~mine.flagBits();
                extra = mine.flagBits() & ~shared;
            }
        }
        int members = run.members.size();
        String confidence = members >= 4 ? "high" : "medium";
        if (kind == Anomaly.Kind.NON_PRESENT && slot.nonPresent() != null && slot.nonPresent().physical() != null
                && slot.nonPresent().physical() == expected) {
            confidence = "high"; // the entry itself names the page the run predicts
        }
        return new Anomaly(slot, kind, expected, found, run.step, first, last, members, missing, extra, shared, confidence, null, null);
    }

    private static TableSlot nearestMember(Run run, TreeMap<Integer, TableSlot> byIndex, int index, int direction) {
        Map.Entry<Integer, TableSlot> e = direction < 0 ? byIndex.lowerEntry(index) : byIndex.higherEntry(index);
        while (e != null) {
            if (run.contains(e.getValue())) {
                return e.getValue();
            }
            e = direction < 0 ? byIndex.lowerEntry(e.getKey()) : byIndex.higherEntry(e.getKey());
        }
        return null;
    }

    static TableSlot hugeLeaf(TableSlot slot) {
        return slot != null && slot.entry().present() && slot.entry().leaf() && slot.entry().pageSize() > 4096 ? slot : null;
    }
}
