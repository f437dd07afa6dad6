package org.crashscope.library;

import java.util.List;

/**
 * How far apart two crashes' stacks are, 0 (the same frames) to 1 (nothing in common): the
 * Damerau-Levenshtein distance of their first {@value #DEPTH} frames (insert, delete, replace, swap
 * two neighbours: an inlined or reordered frame costs one), divided by the longer length, the
 * measure ABRT/FAF's satyr clusters kernel oopses by. Two crashes of different kinds are 1 apart.
 */
public final class FrameDistance {

    /** How many frames from the guilty one are compared. */
    public static final int DEPTH = 16;

    private FrameDistance() {
    }

    public static double between(String kindA, List<String> a, String kindB, List<String> b) {
        if (kindA == null || !kindA.equals(kindB)) {
            return 1.0;
        }
        return between(a, b);
    }

    public static double between(List<String> a, List<String> b) {
        List<String> x = a.subList(0, Math.min(DEPTH, a.size()));
        List<String> y = b.subList(0, Math.min(DEPTH, b.size()));
        int longer = Math.max(x.size(), y.size());
        if (longer == 0) {
            return 0.0;
        }
        return (double) damerauLevenshtein(x, y) / longer;
    }

    /** The optimal-string-alignment form of the distance (no substring edited twice). */
    static int damerauLevenshtein(List<String> x, List<String> y) {
        int n = x.size();
        int m = y.size();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = x.get(i - 1).equals(y.get(j - 1)) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && x.get(i - 1).equals(y.get(j - 2)) && x.get(i - 2).equals(y.get(j - 1))) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[n][m];
    }
}
