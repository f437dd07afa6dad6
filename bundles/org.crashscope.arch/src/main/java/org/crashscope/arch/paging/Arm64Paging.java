package org.crashscope.arch.paging;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.crashscope.arch.Arch;
import org.crashscope.transcript.model.Walk;
import org.crashscope.transcript.model.WalkLevel;

/**
 * arm64 translation as crash walks it: granules of 4, 16 or 64 KiB, two to five levels, block
 * descriptors above the last level. crash prints each entry at the kernel virtual address it read
 * it through (the linear map), so an entry's offset in its table gives its index, and every
 * table's virtual page minus the physical address that pointed to it is the same linear-map
 * offset. The granule and the number of levels are not printed: the configuration is the one
 * under which every printed entry sits at its index (ties broken by the page-size tag and by how
 * common the configuration is). No fitting configuration: the walk is not checked.
 */
final class Arm64Paging implements PagingModel {

    /** A translation configuration: the granule, the number of levels and the virtual-address width. */
    record Config(int pageShift, int levels, int vaBits) {

        List<String> names() {
            return switch (levels) {
                case 2 -> List.of("PGD", "PTE");
                case 3 -> List.of("PGD", "PMD", "PTE");
                case 4 -> List.of("PGD", "PUD", "PMD", "PTE");
                default -> List.of("PGD", "P4D", "PUD", "PMD", "PTE");
            };
        }

        int shift(int level) {
            return pageShift + (pageShift - 3) * (levels - 1 - level);
        }

        long entries(int level) {
            return level == 0 ? 1L << Math.max(0, vaBits - shift(0)) : 1L << (pageShift - 3);
        }

        String describe() {
            return String.format("arm64 %dK granule, %d levels (%d-bit VA)", 1 << (pageShift - 10), levels, vaBits);
        }
    }

    /** The configurations Linux builds, the most common first. */
    static final List<Config> CONFIGS = List.of(new Config(12, 4, 48), new Config(12, 3, 39), new Config(16, 3, 48), new Config(16, 2, 42),
            new Config(14, 3, 47), new Config(14, 4, 48), new Config(12, 5, 52), new Config(16, 3, 52), new Config(14, 4, 52),
            new Config(14, 2, 36));

    /** Flag names crash prints whose bit is fixed; FILE and PROT_NONE moved between kernel versions. */
    private static final Set<String> FIXED_FLAGS = Set.of("VALID", "USER", "RDONLY", "SHARED", "AF", "NG", "PXN", "UXN", "DIRTY", "SPECIAL");

    @Override
    public CheckedWalk check(Walk walk, Long cr3) {
        if (walk.virtual() == null || walk.levels().isEmpty()) {
            return new CheckedWalk(walk, Arch.ARM64, null, walk.virtual() == null ? "crash printed no virtual address" : "crash printed no level",
                    List.of(), List.of(), List.of());
        }
        CheckedWalk best = null;
        for (Config config : ordered(walk)) {
            CheckedWalk c = check(walk, config);
            if (c != null && c.mismatches().isEmpty()) {
                return c;
            }
            if (c != null && best == null) {
                best = c;
            }
        }
        if (best != null) {
            return best;
        }
        return new CheckedWalk(walk, Arch.ARM64, null, "no arm64 granule and level count puts every printed entry at its index",
                unchecked(walk), List.of(), List.of());
    }

    private static List<WalkStep> unchecked(Walk walk) {
        return walk.levels().stream().map(l -> new WalkStep(l.level(), l.line(), null, null, l.entryAddress(), null, new RawEntry(l.value(), l.level()), null,
                l.flagText()))
                .toList();
    }

    /** The configurations in the order to try: those whose block size matches the page-size tag first. */
    private static List<Config> ordered(Walk walk) {
        List<Config> first = new ArrayList<>();
        List<Config> rest = new ArrayList<>();
        for (Config c : CONFIGS) {
            boolean tagFits = false;
            for (int level = 0; level < c.levels(); level++) {
                if (walk.pageSize() != 0 && 1L << c.shift(level) == walk.pageSize()) {
                    tagFits = true;
                }
            }
            (tagFits ? first : rest).add(c);
        }
        first.addAll(rest);
        return first;
    }

    /** The walk read with {@code config}, or {@code null} when its level names or entry offsets do not fit it. */
    private static CheckedWalk check(Walk walk, Config config) {
        List<String> names = config.names();
        List<WalkLevel> levels = walk.levels();
        long va = walk.virtual();
        List<WalkStep> steps = new ArrayList<>();
        List<CheckedWalk.Check> checks = new ArrayList<>();
        Long linearOffset = null;
        Long table = null; // the physical address the previous entry points to
        Arm64Entry leaf = null;
        WalkLevel leafLine = null;
        for (int j = 0; j < levels.size(); j++) {
            WalkLevel printed = levels.get(j);
            if (j >= names.size() || !names.get(j).equals(printed.level())) {
                if (leaf != null) {
                    break; // crash read on past a block: its names need not fit
                }
                return null;
            }
            long entries = config.entries(j);
            int index = (int) ((va >>> config.shift(j)) & (entries - 1));
            if (((printed.entryAddress() >>> 3) & (entries - 1)) != index) {
                if (leaf != null) {
                    break;
                }
                return null;
            }
            Arm64Entry entry = new Arm64Entry(printed.value(), printed.level(), config.pageShift(), config.shift(j), j == names.size() - 1);
            Long expected = null;
            Long base = null;
            if (j == 0 && walk.pageDirectory() != null) {
                base = walk.pageDirectory();
                expected = base + index * 8L;
                if (expected != printed.entryAddress()) {
                    return null;
                }
            } else if (table != null && leaf == null) {
                long virtualPage = printed.entryAddress() & ~((1L << config.pageShift()) - 1);
                long offset = virtualPage - table;
                if (linearOffset == null) {
                    linearOffset = offset;
                } else if (offset != linearOffset) {
                    checks.add(CheckedWalk.Check.mismatch(printed.line(), String.format(
                            "%s table at virtual 0x%x is not where the linear map puts physical 0x%x (offset 0x%x, the levels above: 0x%x)", printed.level(),
                            virtualPage, table, offset, linearOffset)));
                }
                base = virtualPage;
                expected = virtualPage + index * 8L;
            }
            if (leaf != null) {
                checks.add(CheckedWalk.Check.note(printed.line(), String.format(
                        "crash printed the %s level after the %s block at line %d: it read the block's memory as a table, the translation ends at the block",
                        printed.level(), leaf.level(), leafLine.line())));
                break;
            }
            steps.add(new WalkStep(printed.level(), printed.line(), base, index, printed.entryAddress(), expected, entry, null, null));
            if (entry.leaf()) {
                leaf = entry;
                leafLine = printed;
            } else if (entry.present()) {
                table = entry.physical();
            } else {
                table = null;
                if (j + 1 < levels.size()) {
                    checks.add(CheckedWalk.Check.note(levels.get(j + 1).line(), "crash read on below an invalid " + printed.level()
                            + " descriptor (it stops only at a zero entry)"));
                }
            }
        }
        boolean readPast = steps.size() < levels.size() && leaf != null;
        checkLeaf(walk, leaf, leafLine, readPast, checks);
        List<IndexField> fields = new ArrayList<>();
        fields.add(new IndexField("sign", config.vaBits(), 64 - config.vaBits()));
        for (int j = 0; j < config.levels(); j++) {
            int low = config.shift(j);
            int high = j == 0 ? config.vaBits() : config.shift(j - 1);
            fields.add(new IndexField(names.get(j), low, high - low));
        }
        fields.add(new IndexField("offset", 0, config.pageShift()));
        return new CheckedWalk(walk, Arch.ARM64, config.describe(), null, List.copyOf(steps), List.copyOf(checks), List.copyOf(fields));
    }

    private static void checkLeaf(Walk walk, Arm64Entry leaf, WalkLevel leafLine, boolean readPast, List<CheckedWalk.Check> checks) {
        if (leaf == null) {
            if (walk.page() != null && !readPast) {
                checks.add(CheckedWalk.Check.mismatch(walk.span().first(), "crash printed a PAGE, but no printed entry maps a page or a block"));
            }
            return;
        }
        long offset = walk.virtual() & (leaf.pageSize() - 1);
        if (walk.physical() != null && walk.physical() != leaf.physical() + offset) {
            checks.add(CheckedWalk.Check.mismatch(walk.span().first(), String.format("physical 0x%x, but the %s %s maps 0x%x + offset 0x%x = 0x%x",
                    walk.physical(), leaf.level(), leaf.block() ? "block" : "page", leaf.physical(), offset, leaf.physical() + offset)));
        }
        if (readPast) {
            if (walk.page() != null && walk.page() != leaf.physical()) {
                checks.add(CheckedWalk.Check.note(leafLine.line(), String.format(
                        "crash's PAGE 0x%x comes from reading past the %s block at line %d, which maps 0x%x (%s)", walk.page(), leaf.level(), leafLine.line(),
                        leaf.physical(), size(leaf.pageSize()))));
            }
            return;
        }
        if (walk.page() != null && walk.page() != leaf.physical()) {
            checks.add(CheckedWalk.Check.mismatch(leafLine.line(), String.format("the %s entry maps 0x%x, crash says PAGE 0x%x", leaf.level(), leaf.physical(),
                    walk.page())));
        }
        if (walk.page() != null && walk.pageSize() != 0 && walk.pageSize() != leaf.pageSize()) {
            checks.add(CheckedWalk.Check.mismatch(leafLine.line(), String.format("the %s %s maps %s, crash says %s", leaf.level(), leaf.block() ? "block" : "page",
                    size(leaf.pageSize()), size(walk.pageSize()))));
        }
        if (walk.leafValue() != null && walk.leafValue() != leaf.value()) {
            checks.add(CheckedWalk.Check.mismatch(leafLine.line(), String.format("the PTE row says 0x%x, the walk 0x%x", walk.leafValue(), leaf.value())));
        }
        if (!walk.flags().isEmpty()) {
            List<String> decoded = leaf.flagNames();
            List<String> wrong = new ArrayList<>();
            for (String f : FIXED_FLAGS) {
                if (walk.flags().contains(f) != decoded.contains(f)) {
                    wrong.add(f);
                }
            }
            if (!wrong.isEmpty()) {
                checks.add(CheckedWalk.Check.mismatch(leafLine.line(), "flags printed " + walk.flags() + " but the descriptor has " + decoded + "; differ: " + wrong));
            }
        }
    }

    private static String size(long bytes) {
        return bytes >= 1L << 30 ? (bytes >> 30) + " GiB" : bytes >= 1L << 20 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
    }
}
