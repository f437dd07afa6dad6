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

    /**
     * The same colour for a dark background: lightness inverted (white paper becomes near-black,
     * dark ink becomes near-white, pale fills become deep ones), hue and saturation kept, so that a
     * red anomaly stays red and a blue leaf blue in the dark theme.
     */
    public static int onDark(int rgb) {
        double r = ((rgb >> 16) & 0xff) / 255.0;
        double g = ((rgb >> 8) & 0xff) / 255.0;
        double b = (rgb & 0xff) / 255.0;
        double max = Math.max(r, Math.max(g, b));
        double min = Math.min(r, Math.min(g, b));
        double l = (max + min) / 2;
        double d = max - min;
        double h = 0;
        double s = 0;
        if (d > 0) {
            s = d / (1 - Math.abs(2 * l - 1));
            if (max == r) {
                h = ((g - b) / d + 6) % 6;
            } else if (max == g) {
                h = (b - r) / d + 2;
            } else {
                h = (r - g) / d + 4;
            }
        }
        // 1 - l, kept off pure black so that boxes still stand out from the page
        double inverted = 0.08 + 0.84 * (1 - l);
        double c = (1 - Math.abs(2 * inverted - 1)) * Math.min(s, 1);
        double x = c * (1 - Math.abs(h % 2 - 1));
        double m = inverted - c / 2;
        double[] rgbPrime = switch ((int) h) {
            case 0 -> new double[] {c, x, 0};
            case 1 -> new double[] {x, c, 0};
            case 2 -> new double[] {0, c, x};
            case 3 -> new double[] {0, x, c};
            case 4 -> new double[] {x, 0, c};
            default -> new double[] {c, 0, x};
        };
        int red = (int) Math.round((rgbPrime[0] + m) * 255);
        int green = (int) Math.round((rgbPrime[1] + m) * 255);
        int blue = (int) Math.round((rgbPrime[2] + m) * 255);
        return (clamp(red) << 16) | (clamp(green) << 8) | clamp(blue);
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
