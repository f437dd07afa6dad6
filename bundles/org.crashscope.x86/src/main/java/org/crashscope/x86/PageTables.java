package org.crashscope.x86;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.crashscope.transcript.model.MemoryDump;

/**
 * Rebuilds page tables from 8-byte {@code rd} dumps and finds the entries that break a run of
 * huge pages. The level of a table comes from a walk that reads it (which also tells the virtual
 * range each slot maps) or, failing that, from the shape of its entries.
 */
public final class PageTables {

    private PageTables() {
    }

    public static List<PageTable> reconstruct(List<MemoryDump> dumps, List<CheckedWalk> walks) {
        List<PageTable> tables = new ArrayList<>();
        for (MemoryDump dump : dumps) {
            if (dump.width() != 8) {
                continue;
            }
            Map<Long, List<MemoryDump.Value>> byPage = new LinkedHashMap<>();
            for (MemoryDump.Value v : dump.values()) {
                if (v.value() != null && (v.address() & 7) == 0) {
                    byPage.computeIfAbsent(v.address() & ~0xfffL, k -> new ArrayList<>()).add(v);
                }
            }
            byPage.forEach((base, values) -> tables.add(table(dump, base, values, walks)));
        }
        return tables;
    }

    private static PageTable table(MemoryDump dump, long base, List<MemoryDump.Value> values, List<CheckedWalk> walks) {
        Level level = null;
        String evidence = null;
        Long vaBase = null;
        boolean fiveLevel = false;
        List<Integer> walkSlots = new ArrayList<>();
        for (CheckedWalk walk : walks) {
            for (WalkStep step : walk.steps()) {
                if (step.entryAddress() != null && step.entryAddress() >= 0 && (step.entryAddress() & ~0xfffL) == base) {
                    level = step.level();
                    fiveLevel = walk.fiveLevel();
                    evidence = String.format("line %d: the walk of 0x%x reads its %s entry here", step.line(), walk.walk().virtual(), level);
                    int tableBits = level.shift(fiveLevel) + 9;
                    vaBase = tableBits >= 64 ? 0L : walk.walk().virtual() & ~((1L << tableBits) - 1);
                    walkSlots.add(step.index());
                }
            }
        }
        if (level == null) {
            level = levelFromShape(values);
            evidence = level == null ? null : "the entries' shape: huge-page leaves aligned to " + (level == Level.PUD ? "1 GiB" : "2 MiB");
        }
        List<TableSlot> slots = new ArrayList<>();
        for (MemoryDump.Value v : values) {
            int index = (int) ((v.address() & 0xfff) >>> 3);
            Entry entry = new Entry(v.value(), level == null ? Level.PTE : level);
            Long from = null;
            Long to = null;
            if (vaBase != null) {
                long span = level.entrySpan(fiveLevel);
                from = signExtend(vaBase + index * span, fiveLevel);
                to = from + span;
            }
            slots.add(new TableSlot(lineOf(dump, v.address()), v.address(), index, entry, from, to));
        }
        List<Anomaly> anomalies = level == Level.PUD || level == Level.PMD ? SequenceAnalysis.anomalies(slots) : List.of();
        return new PageTable(dump, base, level, evidence, List.copyOf(slots), List.copyOf(walkSlots), anomalies);
    }

    /** A table whose present entries are mostly PSE leaves aligned to 1 GiB is a PUD; to 2 MiB, a PMD. */
    static Level levelFromShape(List<MemoryDump.Value> values) {
        int present = 0;
        int giga = 0;
        int mega = 0;
        for (MemoryDump.Value v : values) {
            long value = v.value();
            if ((value & Entry.PRESENT) == 0) {
                continue;
            }
            present++;
            if ((value & Entry.PSE) != 0) {
                long phys = value & Entry.PHYSICAL_MASK & ~Entry.HUGE_PAT;
                if ((phys & ((1L << 30) - 1)) == 0) {
                    giga++;
                } else if ((phys & ((2L << 20) - 1)) == 0) {
                    mega++;
                }
            }
        }
        if (present >= 3 && giga * 2 > present) {
            return Level.PUD;
        }
        if (present >= 3 && (giga + mega) * 2 > present) {
            return Level.PMD;
        }
        return null;
    }

    private static long signExtend(long va, boolean fiveLevel) {
        int bits = fiveLevel ? 57 : 48;
        return (va << (64 - bits)) >> (64 - bits);
    }

    private static int lineOf(MemoryDump dump, long address) {
        for (MemoryDump.Row row : dump.rows()) {
            for (MemoryDump.Value v : row.values()) {
                if (v.address() == address) {
                    return row.line();
                }
            }
        }
        return dump.span().first();
    }
}
