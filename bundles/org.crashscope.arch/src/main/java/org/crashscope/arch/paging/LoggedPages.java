package org.crashscope.arch.paging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.crashscope.transcript.model.KernelEvent;

/**
 * Confirms and completes a table's anomalies with the kernel's own memory-failure lines. A line
 * that names a page frame and the process virtual address that mapped it ({@code Soft offlining
 * pfn 0x140000 at process virtual address 0x7f3f40000000}) says which page the slot of that
 * address held: when the slot now holds another huge page, or a hwpoison entry for that page, the
 * slot is an anomaly whatever the run around it shows (a run of two can be read two ways; the log
 * decides). A line with a page frame only confirms an anomaly whose page contains it. An anomaly
 * of a run that counts such a slot as one of its members is dropped: its run rests on a moved page.
 */
final class LoggedPages {

    private LoggedPages() {
    }

    static PageTable confirm(PageTable table, List<KernelEvent> events) {
        if (!table.level().equals("PUD") && !table.level().equals("PMD") || events.isEmpty()) {
            return table;
        }
        long span = table.level().equals("PUD") ? 1L << 30 : 2L << 20;
        Map<Integer, Anomaly> out = new TreeMap<>();
        table.anomalies().forEach(a -> out.put(a.slot().index(), a));
        List<Integer> moved = new ArrayList<>();
        for (KernelEvent e : events) {
            Long pa = e.physical();
            if (pa == null || !names(e)) {
                continue;
            }
            long page = pa & ~(span - 1);
            TableSlot slot = e.virtual() == null ? null : slotMapping(table, e.virtual());
            if (slot == null) {
                slot = table.slots().stream().filter(s -> s.nonPresent() != null && s.nonPresent().physical() != null
                        && s.nonPresent().physical() == page).findFirst().orElse(null);
            }
            if (slot == null) {
                // only a page frame: it confirms the anomaly that expects its page
                out.replaceAll((i, a) -> a.loggedLine() == null && a.expected() == page ? a.logged(e.span().first(), e.message()) : a);
                continue;
            }
            Anomaly a = anomaly(slot, page, span);
            if (a == null) {
                continue;
            }
            Anomaly old = out.get(slot.index());
            if (old != null && old.loggedLine() != null && old.expected() == page) {
                continue; // the first line that names the page is its evidence
            }
            Anomaly kept = old != null && old.expected() == page ? old : a;
            out.put(slot.index(), kept.logged(e.span().first(), e.message()));
            if (slot.entry().present()) {
                moved.add(slot.index());
            }
        }
        // an anomaly whose run counts a moved slot as a member rests on the moved page
        for (int index : moved) {
            TableSlot m = table.slot(index);
            out.values().removeIf(a -> a.loggedLine() == null && a.slot().index() != index && index >= a.runFirst() && index <= a.runLast()
                    && m.entry().physical() - a.expected() == a.step() * (index - a.slot().index()));
        }
        if (out.values().equals(table.anomalies())) {
            return table;
        }
        return new PageTable(table.dump(), table.base(), table.level(), table.levelEvidence(), table.confidence(), table.slots(), table.walkSlots(),
                List.copyOf(out.values()));
    }

    /** The lines that name a page the kernel took out of use (not EDAC's counts, not a crash request). */
    private static boolean names(KernelEvent e) {
        return switch (e.kind()) {
            case SOFT_OFFLINE, MEMORY_FAILURE, INJECTED_MEMORY_FAILURE -> true;
            default -> false;
        };
    }

    private static TableSlot slotMapping(PageTable table, long virtual) {
        for (TableSlot s : table.slots()) {
            if (s.mapsFrom() != null && Long.compareUnsigned(virtual, s.mapsFrom()) >= 0 && Long.compareUnsigned(virtual, s.mapsTo()) < 0) {
                return s;
            }
        }
        return null;
    }

    /** The anomaly of a slot that should hold {@code page}, or {@code null} when it holds it (or nothing, or a table). */
    private static Anomaly anomaly(TableSlot slot, long page, long span) {
        Entry e = slot.entry();
        if (slot.empty()) {
            return null;
        }
        if (e.present()) {
            if (!e.leaf() || e.pageSize() != span || e.physical() == page) {
                return null;
            }
            return new Anomaly(slot, Anomaly.Kind.OUT_OF_SEQUENCE, page, e.physical(), span, slot.index(), slot.index(), 0, 0, 0, 0, "high", null, null);
        }
        NonPresent np = slot.nonPresent();
        if (np == null || np.physical() == null || np.physical() != page || np.kind() == NonPresent.Kind.SWAP || np.kind() == NonPresent.Kind.PROT_NONE) {
            return null;
        }
        return new Anomaly(slot, Anomaly.Kind.NON_PRESENT, page, null, span, slot.index(), slot.index(), 0, 0, 0, 0, "high", null, null);
    }
}
