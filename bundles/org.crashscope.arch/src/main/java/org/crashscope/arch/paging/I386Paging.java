package org.crashscope.arch.paging;

import java.util.ArrayList;
import java.util.List;

import org.crashscope.arch.Arch;
import org.crashscope.transcript.model.Walk;
import org.crashscope.transcript.model.WalkLevel;

/**
 * i386 paging as crash prints it. Two-level: the PGD entry at PAGE DIRECTORY + (va >> 22) * 4,
 * crash repeats it as the folded PMD, then the PTE at the PGD entry's table + ((va >> 12) & 0x3ff)
 * * 4, read physically or through the kernel's direct map (low-memory page tables); 4 MiB pages
 * at the PGD. PAE: 64-bit entries, the PGD entry at PAGE DIRECTORY + (va >> 30) * 8, the PMD at its
 * table + ((va >> 21) & 511) * 8, the PTE at the PMD's table + ((va >> 12) & 511) * 8; 2 MiB pages
 * at the PMD.
 */
final class I386Paging implements PagingModel {

    /** Where i386 kernels put their direct map (the usual 3/1 split, and the 2/2 and 1/3 splits). */
    private static final long[] PAGE_OFFSETS = {0L, 0xc0000000L, 0x80000000L, 0x40000000L, 0xb0000000L, 0x78000000L};

    @Override
    public CheckedWalk check(Walk walk, Long cr3) {
        List<WalkLevel> levels = walk.levels();
        if (walk.virtual() == null || levels.isEmpty()) {
            return new CheckedWalk(walk, Arch.I386, null, walk.virtual() == null ? "crash printed no virtual address" : "crash printed no level",
                    List.of(), List.of(), List.of());
        }
        boolean pae = levels.size() >= 2 && levels.get(1).level().equals("PMD") && levels.get(1).entryAddress() != levels.get(0).entryAddress()
                || levels.stream().anyMatch(l -> Long.compareUnsigned(l.value(), 0xffffffffL) > 0);
        return pae ? pae(walk) : twoLevel(walk);
    }

    private static CheckedWalk twoLevel(Walk walk) {
        long va = walk.virtual();
        List<WalkStep> steps = new ArrayList<>();
        List<CheckedWalk.Check> checks = new ArrayList<>();
        X86Entry pgd = null;
        for (WalkLevel printed : walk.levels()) {
            switch (printed.level()) {
                case "PGD" -> {
                    int index = (int) ((va >>> 22) & 0x3ff);
                    Long expected = walk.pageDirectory() == null ? null : walk.pageDirectory() + index * 4L;
                    pgd = new X86Entry(printed.value(), X86Level.PGD, X86Entry.Format.LEGACY);
                    steps.add(new WalkStep("PGD", printed.line(), walk.pageDirectory(), index, printed.entryAddress(), expected, pgd, null, null));
                    if (expected != null && expected != printed.entryAddress()) {
                        checks.add(CheckedWalk.Check.mismatch(printed.line(), String.format("PGD entry at 0x%x, but PAGE DIRECTORY 0x%x + index 0x%x*4 = 0x%x",
                                printed.entryAddress(), walk.pageDirectory(), index, expected)));
                    }
                }
                case "PMD" -> {
                    // the PMD is folded into the PGD: crash prints the same entry again
                    if (pgd == null || steps.get(steps.size() - 1).entryAddress() != printed.entryAddress() || pgd.value() != printed.value()) {
                        checks.add(CheckedWalk.Check.mismatch(printed.line(), "in two-level paging the PMD line repeats the PGD entry; this one differs"));
                    }
                }
                case "PTE" -> {
                    int index = (int) ((va >>> 12) & 0x3ff);
                    X86Entry pte = new X86Entry(printed.value(), X86Level.PTE, X86Entry.Format.LEGACY);
                    Long table = pgd == null ? null : pgd.physical();
                    Long expected = table == null ? null : table + index * 4L;
                    steps.add(new WalkStep("PTE", printed.line(), table, index, printed.entryAddress(), expected, pte, null, null));
                    if (expected != null && !viaDirectMap(printed.entryAddress(), expected)) {
                        checks.add(CheckedWalk.Check.mismatch(printed.line(), String.format("PTE entry at 0x%x, but table 0x%x + index 0x%x*4 = 0x%x",
                                printed.entryAddress(), table, index, expected)));
                    }
                }
                default -> checks.add(CheckedWalk.Check.mismatch(printed.line(), "i386 two-level paging has no level " + printed.level()));
            }
        }
        leaf(walk, steps, checks);
        return new CheckedWalk(walk, Arch.I386, "i386 two-level", null, List.copyOf(steps), List.copyOf(checks),
                List.of(new IndexField("PGD", 22, 10), new IndexField("PTE", 12, 10), new IndexField("offset", 0, 12)));
    }

    private static CheckedWalk pae(Walk walk) {
        long va = walk.virtual();
        List<WalkStep> steps = new ArrayList<>();
        List<CheckedWalk.Check> checks = new ArrayList<>();
        Long table = walk.pageDirectory();
        boolean first = true;
        for (WalkLevel printed : walk.levels()) {
            X86Level level = X86Level.of(printed.level());
            if (level == null || level == X86Level.PUD || level == X86Level.P4D) {
                checks.add(CheckedWalk.Check.mismatch(printed.line(), "i386 PAE paging has no level " + printed.level()));
                continue;
            }
            int index = switch (level) {
                case PGD -> (int) ((va >>> 30) & 0x3);
                case PMD -> (int) ((va >>> 21) & 0x1ff);
                default -> (int) ((va >>> 12) & 0x1ff);
            };
            X86Entry entry = new X86Entry(printed.value(), level, X86Entry.Format.PAE);
            Long expected = table == null ? null : table + index * 8L;
            steps.add(new WalkStep(level.name(), printed.line(), table, index, printed.entryAddress(), expected, entry, null, null));
            boolean ok = expected == null || (first ? expected == printed.entryAddress() : viaDirectMap(printed.entryAddress(), expected));
            if (!ok) {
                checks.add(CheckedWalk.Check.mismatch(printed.line(), String.format("%s entry at 0x%x, but table 0x%x + index 0x%x*8 = 0x%x", level,
                        printed.entryAddress(), table, index, expected)));
            }
            first = false;
            table = entry.present() && !entry.leaf() ? entry.physical() : null;
        }
        leaf(walk, steps, checks);
        return new CheckedWalk(walk, Arch.I386, "i386 PAE", null, List.copyOf(steps), List.copyOf(checks),
                List.of(new IndexField("PGD", 30, 2), new IndexField("PMD", 21, 9), new IndexField("PTE", 12, 9), new IndexField("offset", 0, 12)));
    }

    /** An entry address that is the expected physical one, or it seen through a direct map. */
    private static boolean viaDirectMap(long printed, long expected) {
        for (long offset : PAGE_OFFSETS) {
            if (printed == expected + offset) {
                return true;
            }
        }
        return false;
    }

    private static void leaf(Walk walk, List<WalkStep> steps, List<CheckedWalk.Check> checks) {
        if (walk.page() == null || steps.isEmpty()) {
            return;
        }
        WalkStep last = steps.stream().filter(s -> s.entry().leaf()).findFirst().orElse(steps.get(steps.size() - 1));
        Entry leaf = last.entry();
        if (!leaf.leaf() || !leaf.present()) {
            checks.add(CheckedWalk.Check.mismatch(last.line(), "crash printed a PAGE, but the walk ends at a " + last.level() + " entry that maps none"));
            return;
        }
        if (leaf.physical() != walk.page()) {
            checks.add(CheckedWalk.Check.mismatch(last.line(), String.format("leaf entry points to 0x%x, crash says PAGE 0x%x", leaf.physical(), walk.page())));
        }
        if (walk.physical() != null) {
            long expected = leaf.physical() + (walk.virtual() & (leaf.pageSize() - 1));
            if (expected != walk.physical()) {
                checks.add(CheckedWalk.Check.mismatch(walk.span().first(), String.format("physical 0x%x, but page 0x%x + offset 0x%x = 0x%x",
                        walk.physical(), leaf.physical(), walk.virtual() & (leaf.pageSize() - 1), expected)));
            }
        }
        X86Paging.checkFlags(walk.flags(), ((X86Entry) leaf).crashFlagNames(), last.line(), checks);
    }
}
