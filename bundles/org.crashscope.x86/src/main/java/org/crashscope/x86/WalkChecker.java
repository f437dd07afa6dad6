package org.crashscope.x86;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.crashscope.transcript.model.Walk;
import org.crashscope.transcript.model.WalkLevel;

/** Checks vtop walks against the paging arithmetic; mismatches become findings, never exceptions. */
public final class WalkChecker {

    private WalkChecker() {
    }

    /**
     * @param cr3 the CR3 of the task (from an oops), or {@code null}; a user walk's top table
     *            should be at its base
     */
    public static CheckedWalk check(Walk walk, Long cr3) {
        boolean fiveLevel = walk.levels().stream().anyMatch(l -> l.level().equals("P4D"));
        long va = walk.virtual();
        List<WalkStep> steps = new ArrayList<>();
        List<CheckedWalk.Finding> findings = new ArrayList<>();
        Long base = null;
        if (walk.pageDirectory() != null && walk.pgdDirectory() != null
                && walk.levels().stream().noneMatch(l -> l.level().equals("PGD"))) {
            // kernel walk: crash prints the top table's virtual address and its entry's value instead of a PGD line
            int index = Level.PGD.index(va, fiveLevel);
            Entry entry = new Entry(walk.pageDirectory(), Level.PGD);
            long at = walk.pgdDirectory() + index * 8L;
            steps.add(new WalkStep(Level.PGD, walk.span().first(), walk.pgdDirectory(), index, at, at, entry));
            base = entry.physical();
        }
        for (WalkLevel printed : walk.levels()) {
            Level level = Level.of(printed.level());
            if (level == null) {
                findings.add(new CheckedWalk.Finding(printed.line(), "unknown level " + printed.level()));
                continue;
            }
            int index = level.index(va, fiveLevel);
            Long tableBase = base;
            if (tableBase == null && cr3 != null && level == Level.PGD) {
                tableBase = cr3 & Entry.PHYSICAL_MASK;
            }
            Long expected = tableBase == null ? null : tableBase + index * 8L;
            Entry entry = new Entry(printed.value(), level);
            steps.add(new WalkStep(level, printed.line(), tableBase, index, printed.entryAddress(), expected, entry));
            if (expected != null && expected != printed.entryAddress()) {
                findings.add(new CheckedWalk.Finding(printed.line(), String.format("%s entry at 0x%x, but table 0x%x + index 0x%x*8 = 0x%x",
                        level, printed.entryAddress(), tableBase, index, expected)));
            } else if (expected == null && ((printed.entryAddress() - index * 8L) & 0xfff) != 0) {
                findings.add(new CheckedWalk.Finding(printed.line(), String.format(
                        "%s entry at 0x%x is not slot 0x%x of a page-aligned table", level, printed.entryAddress(), index)));
            }
            if (!entry.present()) {
                findings.add(new CheckedWalk.Finding(printed.line(), level + " entry is not present"));
            }
            base = entry.leaf() ? null : entry.physical();
        }
        checkLeaf(walk, steps, findings);
        return new CheckedWalk(walk, fiveLevel, List.copyOf(steps), List.copyOf(findings));
    }

    private static void checkLeaf(Walk walk, List<WalkStep> steps, List<CheckedWalk.Finding> findings) {
        if (steps.isEmpty() || walk.page() == null) {
            return;
        }
        WalkStep last = steps.get(steps.size() - 1);
        Entry leaf = last.entry();
        if (!leaf.leaf()) {
            findings.add(new CheckedWalk.Finding(last.line(), "the walk ends at a " + last.level() + " entry that is not a leaf"));
            return;
        }
        if (leaf.physical() != walk.page()) {
            findings.add(new CheckedWalk.Finding(last.line(), String.format("leaf entry points to 0x%x, crash says PAGE 0x%x", leaf.physical(), walk.page())));
        }
        if (walk.pageSize() != 0 && leaf.pageSize() != walk.pageSize()) {
            findings.add(new CheckedWalk.Finding(last.line(), String.format("a %s leaf maps %d bytes, crash says %d", last.level(), leaf.pageSize(),
                    walk.pageSize())));
        }
        if (walk.physical() != null) {
            long expected = leaf.physical() + (walk.virtual() & (leaf.pageSize() - 1));
            if (expected != walk.physical()) {
                findings.add(new CheckedWalk.Finding(walk.span().first(), String.format("physical 0x%x, but page 0x%x + offset 0x%x = 0x%x",
                        walk.physical(), leaf.physical(), walk.virtual() & (leaf.pageSize() - 1), expected)));
            }
        }
        if (walk.leafValue() != null && walk.leafValue() != leaf.value()) {
            findings.add(new CheckedWalk.Finding(last.line(), String.format("the PTE row says 0x%x, the walk 0x%x", walk.leafValue(), leaf.value())));
        }
        if (!walk.flags().isEmpty()) {
            Set<String> printed = new HashSet<>(walk.flags());
            Set<String> decoded = new HashSet<>(leaf.flagNames());
            decoded.removeIf(f -> f.startsWith("SW("));
            if (!printed.equals(decoded)) {
                findings.add(new CheckedWalk.Finding(last.line(), "flags printed " + walk.flags() + " but the value has " + leaf.flagNames()));
            }
        }
    }
}
