package org.crashscope.arch.paging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Judges a huge-page table with the pages the transcript says were taken out of use. A soft-offlined
 * or poisoned huge page is replaced in its slot by the page its content migrated to; the old page is
 * marked hwpoison and no slot maps it any more. Where the table's run is long its shape alone shows
 * the break ({@link SequenceAnalysis}); where it is short (one, two, three slots) two runs can read
 * the same entries, and the old page decides: a slot whose page breaks a run that the old page, put
 * in its place, completes (a neighbour maps the page one step away) is the migrated slot, provided
 * its present page fits no run as well. Every anomaly then cites what supports it: the old page's
 * lines and the walks that read the slot.
 */
final class RetiredPages {

    /** At most this many lines of each kind are cited (a transcript pasted many times over cites its first copies, not every one). */
    static final int CITED = 3;

    private RetiredPages() {
    }

    static PageTable judge(PageTable table, List<RetiredPage> retired, List<CheckedWalk> walks) {
        if (!"PUD".equals(table.level()) && !"PMD".equals(table.level())) {
            return table;
        }
        long span = table.level().equals("PUD") ? 1L << 30 : 2L << 20;
        Map<Integer, Anomaly> out = new TreeMap<>();
        table.anomalies().forEach(a -> out.put(a.slot().index(), a));
        Map<Long, List<RetiredPage>> byPage = new LinkedHashMap<>();
        retired.forEach(r -> {
            List<RetiredPage> of = byPage.computeIfAbsent(r.physical() & ~(span - 1), k -> new ArrayList<>());
            if (of.size() < CITED) {
                of.add(r);
            }
        });
        List<Integer> moved = new ArrayList<>();
        for (Map.Entry<Long, List<RetiredPage>> e : byPage.entrySet()) {
            long page = e.getKey();
            boolean expected = false;
            for (Map.Entry<Integer, Anomaly> a : out.entrySet()) {
                if (a.getValue().expected() == page) {
                    expected = true;
                    Anomaly cited = a.getValue();
                    for (RetiredPage r : e.getValue()) {
                        if (cited.loggedLine() != null && cited.loggedLine() == r.line()) {
                            continue; // the log line that confirmed it is cited already
                        }
                        cited = cited.cite(cite(r), "high");
                    }
                    a.setValue(cited);
                }
            }
            if (expected || mapped(table, page, span)) {
                continue;
            }
            Anomaly a = completion(table, page, span, e.getValue());
            if (a != null && !out.containsKey(a.slot().index())) {
                out.put(a.slot().index(), a);
                moved.add(a.slot().index());
            }
        }
        // a run that counts a replaced slot as one of its members rests on the new page, not on the pool's order
        for (int index : moved) {
            TableSlot m = table.slot(index);
            out.values().removeIf(a -> !a.retiredPageCited() && a.loggedLine() == null && a.slot().index() != index && index >= a.runFirst()
                    && index <= a.runLast() && m.entry().physical() - a.expected() == a.step() * (index - a.slot().index()));
        }
        out.replaceAll((i, a) -> withWalks(a, walks));
        if (List.copyOf(out.values()).equals(table.anomalies())) {
            return table;
        }
        return new PageTable(table.dump(), table.base(), table.level(), table.levelEvidence(), table.confidence(), table.slots(), table.walkSlots(),
                List.copyOf(out.values()));
    }

    private static Anomaly.Cited cite(RetiredPage r) {
        return new Anomaly.Cited(r.lines(), Anomaly.RETIRED + r.what());
    }

    /** Whether a slot of the table still maps the page (then it was not replaced here). */
    private static boolean mapped(PageTable table, long page, long span) {
        return table.slots().stream().anyMatch(s -> leaf(s, span) && s.entry().physical() == page);
    }

    private static boolean leaf(TableSlot s, long span) {
        return s != null && !s.empty() && s.entry().present() && s.entry().leaf() && s.entry().pageSize() == span;
    }

    /**
     * The slot where {@code page} completes a run: a huge leaf of the table's size whose nearest
     * non-empty neighbour (below or above) maps the page one step per slot away, where the page the
     * slot holds now fits fewer run members than {@code page} would; the best such slot, or
     * {@code null} when none or two equally good ones exist.
     */
    private static Anomaly completion(PageTable table, long page, long span, List<RetiredPage> evidence) {
        TreeMap<Integer, TableSlot> byIndex = new TreeMap<>();
        table.slots().forEach(s -> byIndex.putIfAbsent(s.index(), s));
        List<TableSlot> leaves = byIndex.values().stream().filter(s -> leaf(s, span)).toList();
        Runs runs = new Runs(leaves, span);
        Candidate best = null;
        boolean tie = false;
        for (TableSlot s : leaves) {
            TableSlot below = nearest(byIndex, s.index(), -1);
            TableSlot above = nearest(byIndex, s.index(), +1);
            int fits = 0;
            for (long step : new long[] {span, -span}) {
                fits = Math.max(fits, runs.count(s, s.entry().physical(), step));
            }
            for (long step : new long[] {span, -span}) {
                if (runs.count(s, page, step) <= fits || !runs.member(below, s, page, step) && !runs.member(above, s, page, step)) {
                    continue;
                }
                List<TableSlot> members = runs.members(s, page, step);
                boolean both = members.stream().anyMatch(m -> m.index() < s.index()) && members.stream().anyMatch(m -> m.index() > s.index());
                Candidate c = new Candidate(s, step, members, both);
                int order = best == null ? 1 : c.compareTo(best);
                if (order > 0) {
                    best = c;
                    tie = false;
                } else if (order == 0 && best.slot != s) {
                    tie = true;
                }
            }
        }
        if (best == null || tie) {
            return null;
        }
        TableSlot slot = best.slot;
        int first = Math.min(slot.index(), best.members.get(0).index());
        int last = Math.max(slot.index(), best.members.get(best.members.size() - 1).index());
        TableSlot prev = nearestMember(best, -1);
        TableSlot next = nearestMember(best, +1);
        long missing = 0;
        long extra = 0;
        long shared = 0;
        if (prev != null && next != null && prev.entry() instanceof X86Entry p && next.entry() instanceof X86Entry n && slot.entry() instanceof X86Entry mine) {
            shared = p.flagBits() & n.flagBits();
            if (p.flagBits() == n.flagBits()) {
                missing = shared & ~mine.flagBits();
                extra = mine.flagBits() & ~shared;
            }
        } else if ((prev != null ? prev : next) != null && (prev != null ? prev : next).entry() instanceof X86Entry p && slot.entry() instanceof X86Entry mine) {
            shared = p.flagBits();
        }
        List<Anomaly.Cited> cited = new ArrayList<>();
        // the nearest members on each side: what the run reads next to the slot
        for (TableSlot m : new TableSlot[] {prev, next}) {
            if (m != null && m.line() != slot.line()) {
                cited.add(new Anomaly.Cited(m.line(), String.format("slot 0x%x maps 0x%x, in the run", m.index(), m.entry().physical())));
            }
        }
        evidence.forEach(r -> cited.add(cite(r)));
        return new Anomaly(slot, Anomaly.Kind.OUT_OF_SEQUENCE, page, slot.entry().physical(), best.step, first, last, best.members.size(), missing, extra,
                shared, best.both ? "high" : "medium", null, null, dedupe(cited));
    }

    private static List<Anomaly.Cited> dedupe(List<Anomaly.Cited> cited) {
        return List.copyOf(new java.util.LinkedHashSet<>(cited));
    }

    private record Candidate(TableSlot slot, long step, List<TableSlot> members, boolean both) implements Comparable<Candidate> {
        @Override
        public int compareTo(Candidate o) {
            int c = Boolean.compare(both, o.both);
            return c != 0 ? c : Integer.compare(members.size(), o.members.size());
        }
    }

    /**
     * The leaves grouped by the run they lie on, one map per direction: leaf {@code m} maps {@code page + step * (m's index -
     * s's index)} exactly when {@code m's page - step * m's index} equals {@code page - step * s's index}, so the members of a
     * run are one lookup, not a pass over every leaf per leaf (a dump of a hundred thousand huge-page entries took minutes).
     */
    private static final class Runs {
        private final Map<Long, List<TableSlot>> up = new HashMap<>();
        private final Map<Long, List<TableSlot>> down = new HashMap<>();
        private final long span;

        Runs(List<TableSlot> leaves, long span) {
            this.span = span;
            for (TableSlot m : leaves) {
                up.computeIfAbsent(m.entry().physical() - span * m.index(), k -> new ArrayList<>()).add(m);
                down.computeIfAbsent(m.entry().physical() + span * m.index(), k -> new ArrayList<>()).add(m);
            }
        }

        /** The leaves on the run through {@code s} reading {@code page} there, with {@code s} itself among them or not. */
        private List<TableSlot> run(TableSlot s, long page, long step) {
            return (step == span ? up : down).getOrDefault(page - step * s.index(), List.of());
        }

        /** The leaves other than {@code s} whose page is {@code page + step * (their index - s's index)}, by index. */
        List<TableSlot> members(TableSlot s, long page, long step) {
            return run(s, page, step).stream().filter(m -> m != s).toList();
        }

        /** How many {@link #members} there are. */
        int count(TableSlot s, long page, long step) {
            List<TableSlot> run = run(s, page, step);
            return run.size() - (s.entry().physical() == page ? 1 : 0);
        }

        /** Whether {@code m} is one of the {@link #members}. */
        boolean member(TableSlot m, TableSlot s, long page, long step) {
            return m != null && m != s && leaf(m, span) && m.entry().physical() - step * m.index() == page - step * s.index();
        }
    }

    private static TableSlot nearest(TreeMap<Integer, TableSlot> byIndex, int index, int direction) {
        Map.Entry<Integer, TableSlot> e = direction < 0 ? byIndex.lowerEntry(index) : byIndex.higherEntry(index);
        while (e != null && e.getValue().empty()) {
            e = direction < 0 ? byIndex.lowerEntry(e.getKey()) : byIndex.higherEntry(e.getKey());
        }
        return e == null ? null : e.getValue();
    }

    private static TableSlot nearestMember(Candidate c, int direction) {
        TableSlot best = null;
        for (TableSlot m : c.members) {
            if (direction < 0 ? m.index() < c.slot.index() && (best == null || m.index() > best.index())
                    : m.index() > c.slot.index() && (best == null || m.index() < best.index())) {
                best = m;
            }
        }
        return best;
    }

    /** Cites each walk that reads the anomaly's slot: what it shows is what the slot holds now. */
    private static Anomaly withWalks(Anomaly a, List<CheckedWalk> walks) {
        Anomaly out = a;
        int cited = 0;
        for (CheckedWalk w : walks) {
            for (WalkStep s : w.steps()) {
                if (s.entryAddress() != null && s.entryAddress() == a.slot().address() && w.walk().virtual() != null && cited++ < CITED) {
                    int at = w.walk().span().first() + 1; // crash prints the address under its VIRTUAL header
                    out = out.cite(new Anomaly.Cited(List.of(s.line(), at), String.format("the vtop of 0x%x (line %d) reads this slot: %s 0x%x",
                            w.walk().virtual(), at, s.level(), s.entry().value())), out.confidence());
                }
            }
        }
        return out;
    }
}
