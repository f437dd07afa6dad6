package org.crashscope.arch.paging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.crashscope.arch.Architecture;
import org.crashscope.transcript.model.DumpRows;
import org.crashscope.transcript.model.MemoryDump;

/**
 * Rebuilds x86-64 page tables from 8-byte {@code rd} dumps and finds the entries that break a run
 * of huge pages. A dumped page is a page table when a walk reads an entry in it (which also tells
 * the level and the virtual range each slot maps: high confidence) or, failing that, when its
 * entries have the shape of one level's entries (medium confidence: mostly huge-page leaves
 * aligned to 1 GiB or 2 MiB, every non-zero entry a plausible entry). Anything else is a memory
 * dump, not a table: ASCII text, pointers and counters are never decoded as entries.
 */
public final class PageTables {

    private PageTables() {
    }

    /**
     * @param classify what a non-present entry of a level is (swap, hwpoison ...), given the entry
     */
    public static List<PageTable> reconstruct(List<MemoryDump> dumps, List<CheckedWalk> walks, Architecture arch, Function<Entry, NonPresent> classify) {
        if (!arch.readsTableDumps()) {
            return List.of(); // only x86-64 tables are modelled
        }
        List<MemoryDump> tableDumps = dumps.stream().filter(d -> d.width() == 8).toList();
        if (tableDumps.isEmpty()) {
            return List.of(); // no table was dumped: the walks' reads are not indexed (a transcript of vtops alone has a million)
        }
        // each dump's pages, read once: the walks' reads are indexed for these pages only (the walks are made when asked,
        // and a read holds its walk)
        List<Map<Long, TableSlots.Words>> pagesOfDumps = new ArrayList<>();
        Set<Long> dumped = new HashSet<>();
        for (MemoryDump dump : tableDumps) {
            Map<Long, TableSlots.Words> byPage = pages(dump.rows());
            pagesOfDumps.add(byPage);
            dumped.addAll(byPage.keySet());
        }
        Map<Long, List<Read>> readsByPage = new HashMap<>();
        for (CheckedWalk walk : walks) {
            if (walk.paging() == null || walk.walk().virtual() == null) {
                continue;
            }
            for (WalkStep step : walk.steps()) {
                if (step.entryAddress() != null && step.entryAddress() >= 0 && X86Level.of(step.level()) != null
                        && dumped.contains(step.entryAddress() & ~0xfffL)) {
                    readsByPage.computeIfAbsent(step.entryAddress() & ~0xfffL, k -> new ArrayList<>()).add(new Read(walk, step));
                }
            }
        }
        List<PageTable> tables = new ArrayList<>();
        for (int d = 0; d < tableDumps.size(); d++) {
            MemoryDump dump = tableDumps.get(d);
            pagesOfDumps.get(d).forEach((base, words) -> {
                PageTable t = table(dump, base, words, readsByPage.getOrDefault(base, List.of()), classify);
                if (t != null) {
                    tables.add(t);
                }
            });
        }
        return tables;
    }

    private record Read(CheckedWalk walk, WalkStep step) {
    }

    /** The 8-byte-aligned words of a dump that are numbers, by the page they lie in, in the dump's order. */
    private static Map<Long, TableSlots.Words> pages(DumpRows rows) {
        Map<Long, TableSlots.Words> byPage = new LinkedHashMap<>();
        TableSlots.Words page = null;
        long pageBase = 0;
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.count(r); c++) {
                long address = rows.address(r, c);
                if (!rows.isNumber(r, c) || (address & 7) != 0) {
                    continue;
                }
                if (page == null || (address & ~0xfffL) != pageBase) {
                    pageBase = address & ~0xfffL;
                    page = byPage.computeIfAbsent(pageBase, k -> new TableSlots.Words(rows));
                }
                page.add(r, c);
            }
        }
        return byPage;
    }

    private static PageTable table(MemoryDump dump, long base, TableSlots.Words words, List<Read> reads, Function<Entry, NonPresent> classify) {
        X86Level level = null;
        String evidence = null;
        String confidence = null;
        Long vaBase = null;
        boolean fiveLevel = false;
        List<Integer> walkSlots = new ArrayList<>();
        for (Read r : reads) {
            level = X86Level.of(r.step.level());
            fiveLevel = r.walk.fiveLevel();
            evidence = String.format("line %d: the walk of 0x%x reads its %s entry here", r.step.line(), r.walk.walk().virtual(), level);
            confidence = "high";
            int tableBits = level.shift(fiveLevel) + 9;
            vaBase = tableBits >= 64 ? 0L : r.walk.walk().virtual() & ~((1L << tableBits) - 1);
            walkSlots.add(r.step.index());
        }
        if (level == null) {
            level = levelFromShape(dump.rows(), words);
            if (level == null) {
                return null; // not a page table: a memory dump
            }
            evidence = String.format("the entries' shape: every non-zero entry is a plausible x86-64 entry and most are huge-page leaves aligned to %s",
                    level == X86Level.PUD ? "1 GiB" : "2 MiB");
            confidence = "medium";
        }
        List<TableSlot> slots = new TableSlots(dump.rows(), words, level, vaBase, fiveLevel, classify);
        List<Anomaly> anomalies = level == X86Level.PUD || level == X86Level.PMD ? SequenceAnalysis.anomalies(slots) : List.of();
        return new PageTable(dump, base, level.name(), evidence, confidence, slots, walkSlots, anomalies);
    }

    /**
     * A page whose non-zero entries are all plausible x86-64 entries (present ones with no reserved
     * high bits, non-present ones that read as swap entries) and whose present entries are mostly
     * PSE leaves aligned to 1 GiB (a PUD) or 2 MiB (a PMD), at least three, or two and nothing else present; else {@code null}.
     */
    static X86Level levelFromShape(DumpRows rows, TableSlots.Words words) {
        int present = 0;
        int giga = 0;
        int mega = 0;
        int nonZero = 0;
        int implausible = 0;
        for (int i = 0; i < words.size(); i++) {
            long value = rows.word(words.row(i), words.column(i));
            if (value == 0) {
                continue;
            }
            nonZero++;
            X86Entry probe = new X86Entry(value, X86Level.PMD);
            if ((value & X86Entry.PRESENT) == 0) {
                if (probe.swap() == null) {
                    implausible++;
                }
                continue;
            }
            if ((value & 0x01f0000000000000L) != 0) {
                implausible++; // bits 52..56 are never set in a Linux entry: a pointer or text, not an entry
                continue;
            }
            present++;
            if ((value & X86Entry.PSE) != 0) {
                long phys = value & X86Entry.PHYSICAL_MASK & ~X86Entry.HUGE_PAT;
                if ((phys & ((1L << 30) - 1)) == 0) {
                    giga++;
                } else if ((phys & ((2L << 20) - 1)) == 0) {
                    mega++;
                }
            }
        }
        if (nonZero == 0 || implausible * 10 > nonZero) {
            return null;
        }
        // two huge leaves and nothing else present: a short run (two pages of a hugetlb pool), not chance
        if (present >= 3 && giga * 2 > present || present == 2 && giga == 2) {
            return X86Level.PUD;
        }
        if (present >= 3 && (giga + mega) * 2 > present || present == 2 && giga + mega == 2) {
            return X86Level.PMD;
        }
        return null;
    }

    static long signExtend(long va, boolean fiveLevel) {
        int bits = fiveLevel ? 57 : 48;
        return (va << (64 - bits)) >> (64 - bits);
    }
}
