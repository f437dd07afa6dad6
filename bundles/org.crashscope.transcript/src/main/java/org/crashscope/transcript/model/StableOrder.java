package org.crashscope.transcript.model;

/**
 * The positions of numbers in the order of their values, equal values in the order they came: a merge sort of
 * positions, for the indexes that hold millions of values as columns (a boxed key and a list per value
 * would hold ten times as much).
 */
public final class StableOrder {

    private StableOrder() {
    }

    /** The positions {@code 0..n-1} of {@code keys} ordered by value (signed), equal values in their order. */
    public static int[] of(long[] keys, int n) {
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        int[] other = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int a = lo;
                int b = mid;
                for (int k = lo; k < hi; k++) {
                    other[k] = b >= hi || a < mid && keys[order[a]] <= keys[order[b]] ? order[a++] : order[b++];
                }
            }
            int[] swap = order;
            order = other;
            other = swap;
        }
        return order;
    }

    /** {@code values} in {@code order} (positions {@link #of} gave): the value at {@code order[k]} at {@code k}. */
    public static long[] arranged(int[] order, long[] values) {
        long[] out = new long[order.length];
        for (int k = 0; k < order.length; k++) {
            out[k] = values[order[k]];
        }
        return out;
    }

    /** {@code values} in {@code order}, as {@link #arranged(int[], long[])}. */
    public static int[] arranged(int[] order, int[] values) {
        int[] out = new int[order.length];
        for (int k = 0; k < order.length; k++) {
            out[k] = values[order[k]];
        }
        return out;
    }

    /** {@code values} in {@code order}, as {@link #arranged(int[], long[])}. */
    public static <T> T[] arranged(int[] order, T[] values) {
        T[] out = java.util.Arrays.copyOf(values, order.length);
        for (int k = 0; k < order.length; k++) {
            out[k] = values[order[k]];
        }
        return out;
    }

    /** The first position of sorted {@code keys} holding {@code key}, or -1. */
    public static int first(long[] keys, long key) {
        int lo = 0;
        int hi = keys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < keys.length && keys[lo] == key ? lo : -1;
    }
}
