package org.crashscope.diagram;

/** Colours with a meaning, shared by every diagram (and so by the views and the reports). */
public final class Palette {
    private Palette() {
    }

    public static final int INK = 0x1f2328;
    public static final int MUTED = 0x59636e;
    public static final int GRID = 0xd0d7de;
    public static final int BACKGROUND = 0xffffff;
    public static final int HEADER = 0xf6f8fa;
    /** a huge-page or 4 KiB leaf */
    public static final int LEAF = 0xdbeafe;
    public static final int LEAF_EDGE = 0x3b82f6;
    /** an entry that points to the next table */
    public static final int TABLE = 0xdcfce7;
    public static final int TABLE_EDGE = 0x16a34a;
    /** an empty slot */
    public static final int EMPTY = 0xf3f4f6;
    public static final int EMPTY_EDGE = 0xc4c9d0;
    /** an entry that breaks a run */
    public static final int ANOMALY = 0xfee2e2;
    public static final int ANOMALY_EDGE = 0xdc2626;
    /** the slot a walk reads, the current step */
    public static final int FOCUS = 0xf59e0b;
    public static final int FOCUS_FILL = 0xfef3c7;
    /** address fields, top level first */
    public static final int[] LEVELS = {0xe0e7ff, 0xfae8ff, 0xdbeafe, 0xdcfce7, 0xfef9c3, 0xf3f4f6};
}
