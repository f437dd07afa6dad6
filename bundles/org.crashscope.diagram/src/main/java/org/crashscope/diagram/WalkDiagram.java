package org.crashscope.diagram;

import java.util.List;

import org.crashscope.arch.paging.CheckedWalk;
import org.crashscope.arch.paging.IndexField;
import org.crashscope.arch.paging.WalkStep;
import org.crashscope.transcript.model.Walk;

/**
 * A vtop walk step by step: the virtual address as a bar of its index fields (the current
 * level's bits highlighted), then one box per level from the top table to the page, each with the
 * table base, the index, the entry address and value, and what it points to. A walk whose paging
 * is not modelled shows every level as crash printed it, with crash's own flag text, and no
 * judgement: no red, no index fields.
 */
public final class WalkDiagram {

    private static final int MARGIN = 16;
    private static final int BIT = 14;
    private static final int FONT = 12;
    private static final int SMALL = 11;
    private static final int STEP_H = 46;

    private WalkDiagram() {
    }

    /** The number of steps a stepper can show: one per level plus the final page. */
    public static int stepCount(CheckedWalk walk) {
        return walk.steps().size() + 1;
    }

    /** The key of a step's box: {@code step:N}. */
    public static String key(int step) {
        return "step:" + step;
    }

    /** The walk's heading: its address, what it translates to, the page size. */
    public static String title(CheckedWalk checked) {
        Walk walk = checked.walk();
        WalkStep leaf = checked.leaf();
        // a walk that is not checked has the page size crash tagged, if any; no tag claims nothing
        long size = leaf != null ? leaf.entry().pageSize() : walk.page() != null && walk.pageSize() != 4096 ? walk.pageSize() : 0;
        return (walk.virtual() == null ? "vtop (no address printed)" : String.format("vtop 0x%x", walk.virtual()))
                + (walk.physical() == null ? "" : String.format(" -> 0x%x", walk.physical()))
                + (size == 0 ? "" : "  (" + PageTableDiagram.size(size) + " page)");
    }

    /** One line on how the walk was read: the paging mode and the verdict, or why it was not checked. */
    public static String verdict(CheckedWalk checked) {
        Walk walk = checked.walk();
        String lines = ", lines " + walk.span().first() + "-" + walk.span().last();
        if (checked.consistent() == null) {
            return "not checked: " + checked.notChecked() + lines;
        }
        int mismatches = checked.mismatches().size();
        // a walk that stops before a page (not mapped, a seek error) does not check out: the levels it printed may still add up
        String stop = walk.error() != null ? walk.error() : walk.physical() == null ? "no page is mapped" : checked.leaf() == null ? "no level maps a page" : null;
        if (stop != null) {
            return checked.paging() + lines + ", the walk stops (" + stop + ")"
                    + (mismatches == 0 ? "; the levels it printed add up" : "; " + mismatches + " mismatch(es) in the levels it printed");
        }
        return checked.paging() + lines + (mismatches == 0 ? ", the arithmetic checks out at every level" : ", " + mismatches + " mismatch(es)");
    }

    /**
     * @param current the step to highlight (0 = top level, {@code stepCount-1} = the page), or -1
     */
    public static Diagram of(CheckedWalk checked, int current) {
        Walk walk = checked.walk();
        DiagramBuilder d = new DiagramBuilder();
        WalkStep leaf = checked.leaf();
        String title = title(checked);
        boolean wrong = Boolean.FALSE.equals(checked.consistent());
        d.text(MARGIN, 24, title, 15, Palette.INK, true);
        d.text(MARGIN, 44, verdict(checked), SMALL, wrong ? Palette.ANOMALY_EDGE : Palette.MUTED, wrong);

        int y = checked.fields().isEmpty() || walk.virtual() == null ? 64 : addressBar(d, checked, current, 64);
        int x = MARGIN;
        int width = 64 * BIT;
        List<WalkStep> steps = checked.steps();
        for (int i = 0; i < steps.size(); i++) {
            WalkStep s = steps.get(i);
            boolean focus = i == current;
            boolean ok = s.addressChecks();
            d.box(x, y, width, STEP_H, focus ? Palette.FOCUS_FILL : Palette.LEVELS[Math.min(i, 4)],
                    focus ? Palette.FOCUS : ok ? Palette.GRID : Palette.ANOMALY_EDGE, focus || !ok ? 2 : 1, key(i), tooltip(s));
            d.text(x + 10, y + 18, heading(checked, s, i), FONT, Palette.INK, true);
            d.text(x + 10, y + 36, entryLine(s), FONT, ok ? Palette.INK : Palette.ANOMALY_EDGE, false);
            y += STEP_H;
            d.line(x + 40, y, x + 40, y + 14, Palette.MUTED, 2, false);
            y += 14;
        }
        boolean focus = current == steps.size();
        d.box(x, y, width, STEP_H, focus ? Palette.FOCUS_FILL : Palette.LEVELS[5], focus ? Palette.FOCUS : Palette.GRID, focus ? 2 : 1,
                key(steps.size()), "the page and the physical address");
        if (leaf != null && walk.virtual() != null) {
            long offset = walk.virtual() & (leaf.entry().pageSize() - 1);
            d.text(x + 10, y + 18, String.format("PAGE 0x%x (%s)", leaf.entry().physical(), PageTableDiagram.size(leaf.entry().pageSize())), FONT,
                    Palette.INK, true);
            d.text(x + 10, y + 36, String.format("+ offset 0x%x = PHYSICAL 0x%x", offset, leaf.entry().physical() + offset), FONT, Palette.INK, false);
        } else if (checked.paging() == null && walk.page() != null) {
            d.text(x + 10, y + 18, String.format("PAGE 0x%x%s, as crash printed it", walk.page(),
                    walk.pageSize() == 0 ? "" : " (" + PageTableDiagram.size(walk.pageSize()) + ")"), FONT, Palette.INK, true);
            d.text(x + 10, y + 36, walk.physical() == null ? "" : String.format("PHYSICAL 0x%x", walk.physical()), FONT, Palette.INK, false);
        } else {
            String stop = walk.location() != null ? String.format("not mapped: %s %s, offset %s", walk.location().kind(), walk.location().name(),
                    walk.location().offset()) : walk.error() != null ? "the walk stops: " + walk.error() : "the walk does not reach a page";
            d.text(x + 10, y + 18, stop, FONT, walk.error() != null || walk.location() != null ? Palette.INK : Palette.MUTED, true);
        }
        y += STEP_H + 12;
        for (CheckedWalk.Check c : checked.checks()) {
            d.text(MARGIN, y + 12, "line " + c.line() + ": " + c.message(), SMALL, c.mismatch() ? Palette.ANOMALY_EDGE : Palette.MUTED, false);
            y += 18;
        }
        return d.build(title, width + 2 * MARGIN, y + MARGIN);
    }

    private static String heading(CheckedWalk checked, WalkStep s, int i) {
        if (s.index() == null) {
            return String.format("%-4s (as crash printed it)", s.level());
        }
        Walk walk = checked.walk();
        String base = s.tableBase() == null ? "table base unknown"
                : String.format("table 0x%x%s", s.tableBase(), i == 0 && walk.pgdDirectory() != null ? " (PGD DIRECTORY, virtual)"
                        : i == 0 && walk.pageDirectory() != null ? " (PAGE DIRECTORY)" : i == 0 ? " (CR3)" : "");
        return String.format("%-4s index 0x%03x   %s", s.level(), s.index(), base);
    }

    private static String entryLine(WalkStep s) {
        String at = String.format("entry @ 0x%x = 0x%x", s.entryAddress() == null ? 0 : s.entryAddress(), s.entry().value());
        if (!s.entry().modelled()) {
            return at + (s.flagText() == null ? "" : "   " + s.flagText());
        }
        if (s.nonPresent() != null) {
            return at + "   not present: " + s.nonPresent().describe();
        }
        if (!s.entry().present()) {
            return at + "   not present";
        }
        return at + String.format("   -> %s 0x%x   %s", s.entry().leaf() ? PageTableDiagram.size(s.entry().pageSize()) + " page" : "next table",
                s.entry().physical(), PageTableDiagram.shortFlags(s.entry()));
    }

    /** The bar of the virtual address's fields, high bits first; returns the y below it. */
    private static int addressBar(DiagramBuilder d, CheckedWalk checked, int current, int top) {
        List<IndexField> fields = checked.fields();
        int topBit = fields.stream().mapToInt(f -> f.lowBit() + f.bits() - 1).max().orElse(63);
        long va = checked.walk().virtual();
        d.text(MARGIN, top + 8, String.format(topBit < 32 ? "virtual address 0x%08x" : "virtual address 0x%016x", va), SMALL, Palette.MUTED, false);
        int y = top + 16;
        List<String> stepLevels = checked.steps().stream().map(WalkStep::level).toList();
        int level = 0;
        for (IndexField f : fields) {
            int high = f.lowBit() + f.bits() - 1;
            int x = MARGIN + (topBit - high) * BIT * 64 / (topBit + 1);
            int w = f.bits() * BIT * 64 / (topBit + 1);
            int step = f.name().equals("offset") ? checked.steps().size() : stepLevels.indexOf(f.name());
            boolean focus = step >= 0 && step == current;
            int fill = f.name().equals("sign") ? Palette.EMPTY : f.name().equals("offset") ? Palette.LEVELS[5] : Palette.LEVELS[Math.min(level++, 4)];
            d.box(x, y, w, 40, focus ? Palette.FOCUS_FILL : fill, focus ? Palette.FOCUS : Palette.GRID, focus ? 3 : 1, null, null);
            d.centered(x + w / 2, y + 16, f.name(), SMALL, Palette.INK, focus);
            d.centered(x + w / 2, y + 32, "0x" + Long.toHexString(f.of(va)), FONT, Palette.INK, true);
            d.centered(x + w / 2, y + 54, high + ".." + f.lowBit(), SMALL - 1, Palette.MUTED, false);
        }
        return y + 70;
    }

    private static String tooltip(WalkStep s) {
        return String.format("%s entry, line %d%nvalue 0x%x%n%s", s.level(), s.line(), s.entry().value(),
                s.entry().modelled() ? "flags " + String.join("|", s.entry().flagNames()) : s.flagText() == null ? "not decoded" : s.flagText())
                + (s.addressChecks() ? "" : String.format("%nexpected at 0x%x", s.expectedEntry()));
    }
}
