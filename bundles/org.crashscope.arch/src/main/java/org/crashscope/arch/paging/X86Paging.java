package org.crashscope.arch.paging;

import java.util.ArrayList;
import java.util.List;

import org.crashscope.arch.Arch;
import org.crashscope.transcript.model.Walk;
import org.crashscope.transcript.model.WalkLevel;

/**
 * x86-64 paging (4- and 5-level): every level's entry is at table base + index * 8, the leaf's page
 * plus the offset is the physical address, the printed flags are the leaf's. Mismatches become
 * checks, never exceptions; a non-present entry ends a walk without being a mismatch (the page is
 * swapped out, poisoned or not mapped), unless crash walked on below it.
 */
final class X86Paging implements PagingModel {

    /** Flags whose bit is fixed whatever the level and the crash version; others (PSE, PAT, PROTNONE) crash prints by its own rules. */
    /** In bit order: a mismatch names them in this order on every run (a Set.of iterates in an order that changes between JVMs). */
    private static final List<String> FIXED_FLAGS = List.of("PRESENT", "RW", "USER", "PWT", "PCD", "ACCESSED", "DIRTY", "GLOBAL", "NX");

    @Override
    public CheckedWalk check(Walk walk, Long cr3) {
        boolean fiveLevel = walk.levels().stream().anyMatch(l -> l.level().equals("P4D"));
        String paging = "x86-64 " + (fiveLevel ? "5-level" : "4-level");
        if (walk.virtual() == null) {
            return new CheckedWalk(walk, Arch.X86_64, null, "crash printed no virtual address", List.of(), List.of(), List.of());
        }
        long va = walk.virtual();
        List<WalkStep> steps = new ArrayList<>();
        List<CheckedWalk.Check> checks = new ArrayList<>();
        Long base = null;
        if (walk.pageDirectory() != null && walk.pgdDirectory() != null && walk.levels().stream().noneMatch(l -> isTop(l.level()))) {
            // kernel walk: crash prints the top table's virtual address and its entry's value instead of a PGD line
            int index = X86Level.PGD.index(va, fiveLevel);
            X86Entry entry = X86Entry.of(walk.pageDirectory(), X86Level.PGD);
            long at = walk.pgdDirectory() + index * 8L;
            steps.add(new WalkStep("PGD", walk.span().first(), walk.pgdDirectory(), index, at, at, entry, null, null));
            base = entry.physical();
        }
        List<WalkLevel> levels = walk.levels();
        for (int i = 0; i < levels.size(); i++) {
            WalkLevel printed = levels.get(i);
            X86Level level = X86Level.of(printed.level());
            if (level == null) {
                checks.add(CheckedWalk.Check.mismatch(printed.line(), "x86-64 has no level " + printed.level()));
                continue;
            }
            int index = level.index(va, fiveLevel);
            Long tableBase = base;
            if (tableBase == null && cr3 != null && level == X86Level.PGD) {
                long fromCr3 = cr3 & X86Entry.PHYSICAL_MASK;
                if (fromCr3 + index * 8L == printed.entryAddress()) {
                    tableBase = fromCr3;
                } else {
                    checks.add(CheckedWalk.Check.note(printed.line(), String.format(
                            "the top entry 0x%x is not in the table of the oops's CR3 (0x%x): the walk is of another address space", printed.entryAddress(),
                            fromCr3)));
                }
            }
            Long expected = tableBase == null ? null : tableBase + index * 8L;
            X86Entry entry = X86Entry.of(printed.value(), level);
            steps.add(new WalkStep(level.name(), printed.line(), tableBase, index, printed.entryAddress(), expected, entry, null, null));
            if (expected != null && expected != printed.entryAddress()) {
                checks.add(CheckedWalk.Check.mismatch(printed.line(), String.format("%s entry at 0x%x, but table 0x%x + index 0x%x*8 = 0x%x",
                        level, printed.entryAddress(), tableBase, index, expected)));
            } else if (expected == null && ((printed.entryAddress() - index * 8L) & 0xfff) != 0) {
                checks.add(CheckedWalk.Check.mismatch(printed.line(), String.format(
                        "%s entry at 0x%x is not slot 0x%x of a page-aligned table", level, printed.entryAddress(), index)));
            }
            boolean more = i + 1 < levels.size();
            if (!entry.present() && more) {
                checks.add(CheckedWalk.Check.mismatch(printed.line(), level + " entry is not present, yet crash walked on below it"));
            }
            if (entry.present() && entry.leaf() && more) {
                checks.add(CheckedWalk.Check.note(levels.get(i + 1).line(), String.format(
                        "crash printed levels below the %s leaf at line %d; the translation ends at the leaf", level, printed.line())));
                break;
            }
            base = entry.leaf() || !entry.present() ? null : entry.physical();
        }
        checkLeaf(walk, steps, checks);
        return new CheckedWalk(walk, Arch.X86_64, paging, null, List.copyOf(steps), List.copyOf(checks), fields(fiveLevel, leafLevel(steps)));
    }

    private static boolean isTop(String level) {
        return level.equals("PGD") || level.equals("PML");
    }

    /**
     * How the address splits for the page the walk reached: down to its leaf's level, the rest the
     * offset into the page (30 bits under a 1 GiB PUD leaf, 21 under a 2 MiB PMD leaf, 12 under a PTE);
     * a walk that reached no leaf is split for 4 KiB pages.
     */
    static List<IndexField> fields(boolean fiveLevel, X86Level leaf) {
        return FIELDS.get(fiveLevel ? 1 : 0).get(leaf == null ? X86Level.PTE : leaf);
    }

    /** {@link #fields} of four and five levels by leaf level, made once: a hundred thousand walks share ten lists. */
    private static final List<java.util.Map<X86Level, List<IndexField>>> FIELDS = List.of(fieldsByLeaf(false), fieldsByLeaf(true));

    private static java.util.Map<X86Level, List<IndexField>> fieldsByLeaf(boolean fiveLevel) {
        java.util.Map<X86Level, List<IndexField>> out = new java.util.EnumMap<>(X86Level.class);
        for (X86Level leaf : X86Level.values()) {
            out.put(leaf, splitFor(fiveLevel, leaf));
        }
        return out;
    }

    private static List<IndexField> splitFor(boolean fiveLevel, X86Level leaf) {
        List<IndexField> f = new ArrayList<>();
        f.add(new IndexField("sign", fiveLevel ? 57 : 48, fiveLevel ? 7 : 16));
        X86Level last = leaf == null ? X86Level.PTE : leaf;
        for (X86Level l : X86Level.values()) {
            if ((l != X86Level.P4D || fiveLevel) && l.ordinal() <= last.ordinal()) {
                f.add(new IndexField(l.name(), l.shift(fiveLevel), 9));
            }
        }
        f.add(new IndexField("offset", 0, last == X86Level.PTE ? 12 : last.shift(fiveLevel)));
        return List.copyOf(f);
    }

    private static X86Level leafLevel(List<WalkStep> steps) {
        for (WalkStep s : steps) {
            if (s.entry().present() && s.entry().leaf()) {
                return X86Level.of(s.level());
            }
        }
        return null;
    }

    private static void checkLeaf(Walk walk, List<WalkStep> steps, List<CheckedWalk.Check> checks) {
        if (steps.isEmpty() || walk.page() == null) {
            return;
        }
        WalkStep last = null;
        for (WalkStep s : steps) {
            last = s;
            if (s.entry().leaf()) {
                break;
            }
        }
        Entry leaf = last.entry();
        if (!leaf.leaf() || !leaf.present()) {
            checks.add(CheckedWalk.Check.mismatch(last.line(), "crash printed a PAGE, but the walk ends at a " + last.level() + " entry that maps none"));
            return;
        }
        if (leaf.physical() != walk.page()) {
            checks.add(CheckedWalk.Check.mismatch(last.line(), String.format("leaf entry points to 0x%x, crash says PAGE 0x%x", leaf.physical(), walk.page())));
        }
        if (walk.pageSize() != 0 && leaf.pageSize() != walk.pageSize()) {
            checks.add(CheckedWalk.Check.mismatch(last.line(), String.format("a %s leaf maps %d bytes, crash says %d", last.level(), leaf.pageSize(),
                    walk.pageSize())));
        }
        if (walk.physical() != null) {
            long expected = leaf.physical() + (walk.virtual() & (leaf.pageSize() - 1));
            if (expected != walk.physical()) {
                checks.add(CheckedWalk.Check.mismatch(walk.span().first(), String.format("physical 0x%x, but page 0x%x + offset 0x%x = 0x%x",
                        walk.physical(), leaf.physical(), walk.virtual() & (leaf.pageSize() - 1), expected)));
            }
        }
        if (walk.leafValue() != null && walk.leafValue() != leaf.value()) {
            checks.add(CheckedWalk.Check.mismatch(last.line(), String.format("the PTE row says 0x%x, the walk 0x%x", walk.leafValue(), leaf.value())));
        }
        checkFlags(walk.flags(), ((X86Entry) leaf).crashFlagNames(), last.line(), checks);
    }

    /**
     * Compares the printed flags with the value's, for the flags whose bit is the same in every
     * crash version; a name crash prints that is not known here is left alone.
     */
    static void checkFlags(List<String> printed, List<String> decoded, int line, List<CheckedWalk.Check> checks) {
        if (printed.isEmpty()) {
            return;
        }
        List<String> missing = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        for (String f : FIXED_FLAGS) {
            boolean p = printed.contains(f);
            boolean d = decoded.contains(f);
            if (p && !d) {
                extra.add(f);
            } else if (d && !p) {
                missing.add(f);
            }
        }
        if (printed.contains("PSE") && !decoded.contains("PSE")) {
            extra.add("PSE");
        }
        if (!missing.isEmpty() || !extra.isEmpty()) {
            checks.add(CheckedWalk.Check.mismatch(line, "flags printed " + printed + " but the value has " + decoded
                    + (extra.isEmpty() ? "" : "; printed and not set: " + extra) + (missing.isEmpty() ? "" : "; set and not printed: " + missing)));
        }
    }
}
