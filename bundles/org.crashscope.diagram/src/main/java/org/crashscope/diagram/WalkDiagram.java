package org.crashscope.diagram;

import java.util.ArrayList;
import java.util.List;

import org.crashscope.transcript.model.Walk;
import org.crashscope.x86.CheckedWalk;
import org.crashscope.x86.Level;
import org.crashscope.x86.WalkStep;

/**
 * A vtop walk step by step: the virtual address as a bar of its index fields (the current
 * level's bits highlighted), then one box per level from the top table to the page, each with the
 * table base, the index, the entry address and value, and what it points to.
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

    /**
     * @param current the step to highlight (0 = top level, {@code stepCount-1} = the page), or -1
     */
    public static Diagram of(CheckedWalk checked, int current) {
        Walk walk = checked.walk();
        DiagramBuilder d = new DiagramBuilder();
        WalkStep leaf = checked.leaf();
        String title = String.format("vtop 0x%x", walk.virtual()) + (walk.physical() == null ? "" : String.format(" -> 0x%x", walk.physical()))
                + (leaf == null ? "" : "  (" + PageTableDiagram.size(leaf.entry().pageSize()) + " page)");
        d.text(MARGIN, 24, title, 15, Palette.INK, true);
        d.text(MARGIN, 44, (checked.fiveLevel() ? "5-level" : "4-level") + " paging, lines " + walk.span().first() + "-" + walk.span().last()
                + (checked.consistent() ? ", the arithmetic checks out at every level" : ", " + checked.findings().size() + " mismatch(es)"),
                SMALL, checked.consistent() ? Palette.MUTED : Palette.ANOMALY_EDGE, !checked.consistent());

        int y = addressBar(d, checked, current, 64);
        int x = MARGIN;
        int width = 64 * BIT;
        List<WalkStep> steps = checked.steps();
        for (int i = 0; i < steps.size(); i++) {
            WalkStep s = steps.get(i);
            boolean focus = i == current;
            boolean ok = s.addressChecks();
            d.box(x, y, width, STEP_H, focus ? Palette.FOCUS_FILL : Palette.LEVELS[Math.min(s.level().ordinal(), 4)],
                    focus ? Palette.FOCUS : ok ? Palette.GRID : Palette.ANOMALY_EDGE, focus || !ok ? 2 : 1, key(i), tooltip(s));
            String base = s.tableBase() == null ? "table base unknown"
                    : String.format("table 0x%x%s", s.tableBase(), i == 0 && walk.pgdDirectory() != null ? " (PGD DIRECTORY, virtual)"
                            : i == 0 ? " (CR3)" : "");
            d.text(x + 10, y + 18, String.format("%-4s index 0x%03x   %s", s.level(), s.index(), base), FONT, Palette.INK, true);
            String entry = String.format("entry @ 0x%x = 0x%016x   -> %s 0x%x   %s", s.entryAddress() == null ? 0 : s.entryAddress(), s.entry().value(),
                    s.entry().leaf() ? PageTableDiagram.size(s.entry().pageSize()) + " page" : "next table", s.entry().physical(),
                    PageTableDiagram.shortFlags(s.entry()));
            d.text(x + 10, y + 36, entry, FONT, ok ? Palette.INK : Palette.ANOMALY_EDGE, false);
            y += STEP_H;
            d.line(x + 40, y, x + 40, y + 14, Palette.MUTED, 2, false);
            y += 14;
        }
        boolean focus = current == steps.size();
        d.box(x, y, width, STEP_H, focus ? Palette.FOCUS_FILL : Palette.LEVELS[5], focus ? Palette.FOCUS : Palette.GRID, focus ? 2 : 1,
                key(steps.size()), "the page and the physical address");
        if (leaf != null) {
            long offset = walk.virtual() & (leaf.entry().pageSize() - 1);
            d.text(x + 10, y + 18, String.format("PAGE 0x%x (%s)", leaf.entry().physical(), PageTableDiagram.size(leaf.entry().pageSize())), FONT,
                    Palette.INK, true);
            d.text(x + 10, y + 36, String.format("+ offset 0x%x = PHYSICAL 0x%x", offset, leaf.entry().physical() + offset), FONT, Palette.INK, false);
        } else {
            d.text(x + 10, y + 18, walk.error() != null ? "the walk stops: " + walk.error() : "the walk does not reach a page", FONT,
                    Palette.ANOMALY_EDGE, true);
        }
        y += STEP_H + 12;
        for (CheckedWalk.Finding f : checked.findings()) {
            d.text(MARGIN, y + 12, "line " + f.line() + ": " + f.message(), SMALL, Palette.ANOMALY_EDGE, false);
            y += 18;
        }
        return d.build(title, width + 2 * MARGIN, y + MARGIN);
    }

    /** The bar of the virtual address's fields, high bits first; returns the y below it. */
    private static int addressBar(DiagramBuilder d, CheckedWalk checked, int current, int top) {
        List<int[]> fields = new ArrayList<>(); // {high bit, low bit, level ordinal or -1 sign or 5 offset, step}
        int high = 63;
        int topShift = Level.PGD.shift(checked.fiveLevel()) + 8;
        fields.add(new int[] {high, topShift + 1, -1, -1});
        high = topShift;
        List<WalkStep> steps = checked.steps();
        for (int i = 0; i < steps.size(); i++) {
            int low = steps.get(i).level().shift(checked.fiveLevel());
            fields.add(new int[] {high, low, steps.get(i).level().ordinal(), i});
            high = low - 1;
        }
        if (high >= 0) {
            fields.add(new int[] {high, 0, 5, steps.size()});
        }
        long va = checked.walk().virtual();
        d.text(MARGIN, top + 8, String.format("virtual address 0x%016x", va), SMALL, Palette.MUTED, false);
        int y = top + 16;
        for (int[] f : fields) {
            int x = MARGIN + (63 - f[0]) * BIT;
            int w = (f[0] - f[1] + 1) * BIT;
            boolean focus = f[3] == current && current >= 0;
            int fill = f[2] < 0 ? Palette.EMPTY : Palette.LEVELS[Math.min(f[2], 5)];
            d.box(x, y, w, 40, focus ? Palette.FOCUS_FILL : fill, focus ? Palette.FOCUS : Palette.GRID, focus ? 3 : 1, null, null);
            long value = (va >>> f[1]) & ((1L << (f[0] - f[1] + 1)) - 1);
            String name = f[2] < 0 ? "sign" : f[2] == 5 ? "offset" : Level.values()[f[2]].name();
            d.centered(x + w / 2, y + 16, name, SMALL, Palette.INK, focus);
            d.centered(x + w / 2, y + 32, "0x" + Long.toHexString(value), FONT, Palette.INK, true);
            d.centered(x + w / 2, y + 54, f[0] + ".." + f[1], SMALL - 1, Palette.MUTED, false);
        }
        return y + 70;
    }

    private static String tooltip(WalkStep s) {
        return String.format("%s entry, line %d%nvalue 0x%016x%nflags %s", s.level(), s.line(), s.entry().value(), String.join("|", s.entry().flagNames()))
                + (s.addressChecks() ? "" : String.format("%nexpected at 0x%x", s.expectedEntry()));
    }
}
