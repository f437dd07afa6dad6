package org.crashscope.diagram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.crashscope.arch.paging.Anomaly;
import org.crashscope.arch.paging.Entry;
import org.crashscope.arch.paging.PageTable;
import org.crashscope.arch.paging.TableSlot;

/**
 * A dumped page table: on the left all 512 slots of the page (the dumped ones coloured by kind,
 * the anomalous ones in red, the one a walk reads outlined), on the right one row per dumped slot
 * with its address, raw value, what it points to, page size, flags and the virtual range it maps.
 */
public final class PageTableDiagram {

    static final int MARGIN = 16;
    static final int CELL = 11;
    static final int GAP = 2;
    static final int ROW = 20;
    static final int FONT = 12;
    static final int SMALL = 11;
    /** Columns of the slot rows are separated by this many monospace characters. */
    static final int GAP_CHARS = 2;

    private PageTableDiagram() {
    }

    /** The key of a slot's shapes: {@code slot:0x45}. */
    public static String key(TableSlot slot) {
        return "slot:0x" + Integer.toHexString(slot.index());
    }

    public static Diagram of(PageTable table) {
        DiagramBuilder d = new DiagramBuilder();
        Map<Integer, TableSlot> dumped = new TreeMap<>();
        table.slots().forEach(s -> dumped.put(s.index(), s));
        Map<Integer, Anomaly> anomalies = new TreeMap<>();
        table.anomalies().forEach(a -> anomalies.put(a.slot().index(), a));
        String level = table.level() == null ? "Page table (level unknown)" : table.level() + " table";
        String title = String.format("%s at 0x%x", level, table.base());
        d.text(MARGIN, 24, title, 15, Palette.INK, true);
        d.text(MARGIN, 44, table.levelEvidence() == null ? "level: not known from a walk or the entries' shape"
                : "a " + table.level() + " table by " + table.levelEvidence() + " (" + table.confidence() + " confidence)", SMALL, Palette.MUTED, false);

        int first = dumped.isEmpty() ? 0 : ((TreeMap<Integer, TableSlot>) dumped).firstKey();
        int last = dumped.isEmpty() ? 0 : ((TreeMap<Integer, TableSlot>) dumped).lastKey();
        int mapY = 80;
        d.text(MARGIN, mapY - 10, String.format("512 slots, dumped 0x%x-0x%x", first, last), SMALL, Palette.MUTED, false);
        for (int i = 0; i < 512; i++) {
            int x = MARGIN + (i % 16) * (CELL + GAP);
            int y = mapY + (i / 16) * (CELL + GAP);
            TableSlot slot = dumped.get(i);
            if (slot == null) {
                d.cell(x, y, CELL, CELL, Palette.BACKGROUND, Palette.GRID, 1, null, null);
                continue;
            }
            Anomaly anomaly = anomalies.get(i);
            int[] colors = colors(slot, anomaly);
            boolean walk = table.walkSlots().contains(i);
            d.cell(x, y, CELL, CELL, colors[0], walk ? Palette.FOCUS : colors[1], walk || anomaly != null ? 2 : 1, key(slot), tooltip(slot, anomaly));
        }
        int mapBottom = mapY + 32 * (CELL + GAP);

        int tableX = MARGIN + 16 * (CELL + GAP) + 24;
        int cw = Diagram.charWidth(FONT);
        boolean maps = table.slots().stream().anyMatch(s -> s.mapsFrom() != null);
        int[] widths = {6, 12, 18, 14, 7, 21, maps ? 29 : 0};
        String[] headers = {"slot", "address", "value", "points to", "size", "flags", maps ? "maps virtual" : ""};
        int[] xs = new int[widths.length];
        int x = tableX + 8;
        for (int c = 0; c < widths.length; c++) {
            xs[c] = x;
            x += widths[c] == 0 ? 0 : (widths[c] + GAP_CHARS) * cw;
        }
        int rowWidth = x - tableX;
        int y = mapY - 22;
        d.box(tableX, y, rowWidth, ROW, Palette.HEADER, Palette.GRID, 1, null, null);
        for (int c = 0; c < headers.length; c++) {
            d.text(xs[c], y + 14, headers[c], FONT, Palette.MUTED, true);
        }
        y += ROW + 2;
        for (TableSlot slot : dumped.values()) {
            Anomaly anomaly = anomalies.get(slot.index());
            int[] colors = colors(slot, anomaly);
            boolean walk = table.walkSlots().contains(slot.index());
            d.box(tableX, y, rowWidth, ROW, colors[0], walk ? Palette.FOCUS : anomaly != null ? Palette.ANOMALY_EDGE : Palette.GRID,
                    walk || anomaly != null ? 2 : 1, key(slot), tooltip(slot, anomaly));
            // one monospace text per row, its columns padded: a screenful of rows is a screenful of draw calls, not seven times that
            String[] cells = cells(slot, table.level() != null);
            StringBuilder row = new StringBuilder();
            for (int c = 0; c < cells.length; c++) {
                if (widths[c] > 0) {
                    String cell = anomaly != null && c == 3 ? " ".repeat(cells[c].length()) : cells[c];
                    row.append(cell).append(" ".repeat(Math.max(1, widths[c] + GAP_CHARS - cell.length())));
                }
            }
            d.text(xs[0], y + 14, row.toString().stripTrailing(), FONT, Palette.INK, false);
            if (anomaly != null) {
                d.text(xs[3], y + 14, cells[3], FONT, Palette.ANOMALY_EDGE, true);
            }
            y += ROW + 2;
            if (anomaly != null) {
                String found = anomaly.found() != null ? String.format("0x%x", anomaly.found())
                        : slot.nonPresent() != null ? slot.nonPresent().describe() : "a non-present entry";
                String note = String.format("expected 0x%x, found %s: %s (%s confidence)", anomaly.expected(), found, shortReason(anomaly),
                        anomaly.confidence());
                for (String line : DiagnosisDiagram.wrap(note, (rowWidth - (xs[1] - tableX)) / Diagram.charWidth(SMALL))) {
                    d.text(xs[1], y + 12, line, SMALL, Palette.ANOMALY_EDGE, true);
                    y += ROW - 4;
                }
                y += 4;
            }
        }
        int bottom = Math.max(mapBottom, y) + 16;
        bottom = legend(d, MARGIN, bottom);
        return d.build(title, Math.max(tableX + rowWidth + MARGIN, 640), bottom + MARGIN);
    }

    private static String shortReason(Anomaly a) {
        String r = a.reason();
        int cut = r.indexOf(": expected");
        String run = cut > 0 ? r.substring(0, cut) : r;
        int flags = r.indexOf("; flags");
        return flags > 0 ? run + r.substring(flags) : run;
    }

    private static int legend(DiagramBuilder d, int x, int y) {
        int[][] items = {{Palette.LEAF, Palette.LEAF_EDGE, 1}, {Palette.TABLE, Palette.TABLE_EDGE, 1}, {Palette.EMPTY, Palette.EMPTY_EDGE, 1},
                {Palette.ANOMALY, Palette.ANOMALY_EDGE, 2}, {Palette.BACKGROUND, Palette.FOCUS, 2}, {Palette.BACKGROUND, Palette.GRID, 1}};
        String[] labels = {"page (leaf)", "next-level table", "empty", "breaks a run", "read by a vtop walk", "not dumped"};
        int cx = x;
        for (int i = 0; i < items.length; i++) {
            d.box(cx, y, 14, 14, items[i][0], items[i][1], items[i][2], null, null);
            d.text(cx + 20, y + 11, labels[i], SMALL, Palette.INK, false);
            cx += 20 + Diagram.textWidth(labels[i], SMALL) + 22;
        }
        return y + 14;
    }

    /** Fill and edge colour of a slot by what it holds. */
    static int[] colors(TableSlot slot, Anomaly anomaly) {
        if (anomaly != null) {
            return new int[] {Palette.ANOMALY, Palette.ANOMALY_EDGE};
        }
        if (slot.empty()) {
            return new int[] {Palette.EMPTY, Palette.EMPTY_EDGE};
        }
        if (slot.entry().present() && slot.entry().leaf() && !slot.entry().level().equals("PTE")) {
            return new int[] {Palette.LEAF, Palette.LEAF_EDGE};
        }
        return slot.entry().present() ? new int[] {Palette.TABLE, Palette.TABLE_EDGE} : new int[] {Palette.EMPTY, Palette.EMPTY_EDGE};
    }

    static String[] cells(TableSlot slot, boolean levelKnown) {
        Entry e = slot.entry();
        String points = slot.empty() ? "-" : !levelKnown ? "?" : slot.nonPresent() != null ? shortNonPresent(slot)
                : !e.present() ? "not present" : String.format("0x%x", e.physical());
        String size = !levelKnown || slot.empty() || !e.present() ? "" : e.leaf() ? size(e.pageSize()) : "table";
        String maps = slot.mapsFrom() == null ? "" : String.format("%x-%x", slot.mapsFrom(), slot.mapsTo());
        return new String[] {String.format("0x%03x", slot.index()), String.format("%x", slot.address()), String.format("%016x", e.value()), points,
                size, slot.empty() ? "" : shortFlags(e), maps};
    }

    private static String shortNonPresent(TableSlot slot) {
        var np = slot.nonPresent();
        return switch (np.kind()) {
            case SWAP -> "swap " + np.swap().type() + ":" + Long.toHexString(np.swap().offset());
            case HWPOISON -> String.format("hwpoison 0x%x", np.physical());
            case MIGRATION -> String.format("migration 0x%x", np.physical());
            case SPECIAL -> String.format("special 0x%x", np.physical());
            case PROT_NONE -> String.format("prot_none 0x%x", np.physical());
        };
    }

    static String size(long bytes) {
        return bytes >= 1L << 30 ? (bytes >> 30) + " GiB" : bytes >= 1L << 20 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
    }

    /** Flags in the short form analysts write: P RW US A D PS G NX. */
    static String shortFlags(Entry e) {
        List<String> out = new ArrayList<>();
        for (String f : e.flagNames()) {
            out.add(switch (f) {
                case "PRESENT" -> "P";
                case "USER" -> "US";
                case "ACCESSED" -> "A";
                case "DIRTY" -> "D";
                case "PSE" -> "PS";
                case "GLOBAL" -> "G";
                default -> f.startsWith("SW(") ? "SW" : f;
            });
        }
        return String.join(" ", out);
    }

    static String tooltip(TableSlot slot, Anomaly anomaly) {
        StringBuilder t = new StringBuilder(String.format("slot 0x%x at 0x%x (line %d)%nvalue 0x%016x%nflags %s", slot.index(), slot.address(),
                slot.line(), slot.entry().value(), String.join("|", slot.entry().flagNames())));
        if (slot.nonPresent() != null) {
            t.append("\n").append(slot.nonPresent().describe()).append("\n(").append(slot.nonPresent().evidence()).append(")");
        } else if (!slot.empty() && slot.entry().present()) {
            t.append(String.format("%n%s 0x%x", slot.entry().leaf() ? "page" : "table", slot.entry().physical()));
        }
        if (slot.mapsFrom() != null) {
            t.append(String.format("%nmaps 0x%x-0x%x", slot.mapsFrom(), slot.mapsTo()));
        }
        if (anomaly != null) {
            t.append("\n").append(anomaly.reason());
        }
        return t.toString();
    }
}
